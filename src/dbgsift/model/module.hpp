// SPDX-License-Identifier: MIT
// Loaded and unloaded modules (`lm`, `lmv`, `lmt`, `lm a`), and memory-search hits (`s -a`).
#pragma once
#include "boxed.hpp"
#include "source.hpp"
#include <cstdint>
#include <string>
#include <vector>

namespace dbgsift::model {

// What `lmv` prints below a module's row (and `lm`'s Unloaded section, its Checksum): most
// rows of a transcript's lists are plain `lm` rows, without any of it.
struct ModuleDetail {
    std::string image_path;   // lmv "Image path:"
    std::string image_name;   // lmv "Image name:"
    std::string checksum;     // lmv "CheckSum:" as printed (hex)
};

struct Module {
    std::uint64_t start = 0;
    std::uint64_t end = 0;
    std::string name;         // "myfault", "MyAVDrv.sys" as the transcript gives it
    std::string symbols;      // "(no symbols)", "(pdb symbols)", "(deferred)", ...
    std::string timestamp;    // as printed
    std::string symbol_file;  // the symbol file path of an lm row, or lmv "Loaded symbol image file:"
    // Boxed: a list of a thousand snapshots' modules holds 88 bytes less each (issue 14).
    Boxed<ModuleDetail> detail;  // empty until one of its lines was read
    Loc loc;
};

// One line of `s -a` / `s -b` output: where the bytes were found and their text.
struct MemoryHit {
    std::uint64_t address = 0;
    std::string text;         // the ASCII column
    std::string pattern;      // what was searched for, when the command says it
    Loc loc;
};

} // namespace dbgsift::model
