// SPDX-License-Identifier: MIT
// `!poolfind TAG` (the blocks carrying one tag) and `!pool ADDR` (the blocks of one page).
#pragma once
#include "source.hpp"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dbgsift::model {

struct PoolBlock {
    std::uint64_t address = 0;
    std::uint64_t size = 0;  // bytes
    std::optional<std::uint64_t> previous_size;
    bool allocated = true;
    bool marked = false;  // `!pool`: the block holding the queried address ('*')
    std::string tag;
    std::string pool;     // "nonpaged", "paged", "session"; "" when not printed
    bool protected_tag = false;              // "(Protected)" after the tag
    std::optional<std::uint64_t> process;    // "Process: X": the process the block is charged to
    std::optional<std::string> owner;        // `!pool`'s "Owning component : ..." ("" = unknown to pooltag.txt)
    Loc loc;
};

struct PoolFind {
    std::string tag;  // from the command ("SeSd"); "*" for every tag
    std::vector<PoolBlock> blocks;
    bool interrupted = false;  // "...terminating - searched pool to X"
    Loc loc;
};

struct PoolPage {
    std::optional<std::uint64_t> queried;  // from the command
    std::string pool;                      // "Pool page X region is Nonpaged pool" -> "nonpaged"
    std::vector<PoolBlock> blocks;
    Loc loc;
};

} // namespace dbgsift::model
