// SPDX-License-Identifier: MIT
// Row shapes of `!heap -l` (the scan for busy blocks nothing points to), kept as printed.
#pragma once
#include "../source.hpp"
#include <cstdint>
#include <string>
#include <vector>

namespace dbgsift::grammar::ast {

// "001b2958  001b2960  00170000  00000000        40        18  busy extra"
// Entry, User, Heap, Segment, Size, PrevSize (hex), then the flag words.
struct heap_leak_row : source_span {
    std::uint64_t entry = 0, user = 0;
    std::string heap;  // as printed
    std::uint64_t segment = 0, size = 0, previous_size = 0;
    std::vector<std::string> flags;  // "busy", "extra", "user_flag"
};

} // namespace dbgsift::grammar::ast
