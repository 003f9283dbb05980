// SPDX-License-Identifier: MIT
// A case: the inputs read together and the snapshots they hold.
#pragma once
#include "snapshot.hpp"
#include "source.hpp"
#include <cstdint>
#include <string>
#include <vector>

namespace dbgsift::model {

struct BlockInfo {
    std::string command;       // "!poolused 3", or the header that identified a prompt-less paste
    std::string kind;          // "poolused", "vm", ... or "unknown"
    std::uint32_t line = 0;
    std::uint32_t end_line = 0;
    bool parsed = false;       // a grammar knows this command
};

struct Input {
    std::string path;          // as given on the command line ("-" for stdin)
    std::string encoding;      // "utf-8", "utf-8-bom", "utf-16le", "latin-1"
    std::uint32_t lines = 0;
    std::uint32_t lines_understood = 0;  // lines of known blocks a grammar read
    std::uint32_t lines_in_known_blocks = 0;
    std::vector<BlockInfo> blocks;
    std::vector<Diagnostic> diagnostics;  // the first ones by line (segment::k_max_kept_diagnostics)
    std::uint64_t diagnostics_omitted = 0;  // read past that cap: counted, not kept
    std::string error;         // non-empty: the input could not be read
};

struct Case {
    std::vector<Input> inputs;
    std::vector<Snapshot> snapshots;
};

} // namespace dbgsift::model
