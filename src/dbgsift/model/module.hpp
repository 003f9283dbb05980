// SPDX-License-Identifier: MIT
// Loaded and unloaded modules (`lm`, `lmv`, `lmt`, `lm a`), and memory-search hits (`s -a`).
#pragma once
#include "source.hpp"
#include <cstdint>
#include <string>
#include <vector>

namespace dbgsift::model {

struct Module {
    std::uint64_t start = 0;
    std::uint64_t end = 0;
    std::string name;         // "myfault", "MyAVDrv.sys" as the transcript gives it
    std::string symbols;      // "(no symbols)", "(pdb symbols)", "(deferred)", ...
    std::string image_path;   // from lmv "Image path:" or the lm row
    std::string timestamp;    // as printed
    std::string image_name;   // lmv "Image name:"
    std::string symbol_file;  // the symbol file path of an lm row, or lmv "Loaded symbol image file:"
    std::string checksum;     // lmv "CheckSum:" as printed (hex)
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
