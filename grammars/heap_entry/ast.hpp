// SPDX-License-Identifier: MIT
// Row shapes of `!heap -flt s SIZE` and `!heap -p -a ADDR` (NT heap form): the `_HEAP @`
// header, the HEAP_ENTRY rows, the "address X found in" line. Kept as printed.
#pragma once
#include "../source.hpp"
#include <cstdint>
#include <string>

namespace dbgsift::grammar::ast {

// "    address 7edcc018 found in"
struct heap_found : source_span {
    std::uint64_t address = 0;
};

// "    _HEAP @ 510000"
struct heap_root : source_span {
    std::string address;  // as printed
};

enum class heap_block_state { busy, free };

// "        7edcc018 2ae00 0000  [00]   7edcc030    156600 - (busy VirtualAlloc)"
// Size and Prev are in heap granularity units; UserSize is in bytes; all hex.
struct heap_entry_row : source_span {
    std::uint64_t entry = 0;
    std::uint64_t size_units = 0;
    std::uint64_t prev_units = 0;
    std::uint64_t flags = 0;
    std::uint64_t user_ptr = 0;
    std::uint64_t user_size = 0;
    heap_block_state state = heap_block_state::busy;
    std::string detail;  // "VirtualAlloc", "" ...
};

} // namespace dbgsift::grammar::ast
