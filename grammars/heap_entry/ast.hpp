// SPDX-License-Identifier: MIT
// Row shapes of `!heap -flt s SIZE` and `!heap -p -a ADDR` (NT heap form): the `_HEAP @`
// header, the HEAP_ENTRY rows, the "address X found in" line. Kept as printed.
#pragma once
#include "../source.hpp"
#include "../text_range.hpp"
#include <boost/optional.hpp>
#include <cstdint>
#include <string>

namespace dbgsift::grammar::ast {

// "    address 7edcc018 found in"
struct heap_found : source_span {
    std::uint64_t address = 0;
};

// "    _HEAP @ 510000", "    _DPH_HEAP_ROOT @ 6731000" (full page heap, gflags +hpa)
struct heap_root : source_span {
    bool page_heap = false;  // _DPH_HEAP_ROOT
    std::string address;     // as printed
};

enum class heap_block_state { busy, free };

// Full page heap, under "in busy allocation (  DPH_HEAP_BLOCK: UserAddr UserSize - VirtAddr VirtSize)":
// "        cc36323c:         cc53afa8               58 -         cc53a000             2000";
// under "in free-ed allocation (  DPH_HEAP_BLOCK: VirtAddr VirtSize)" the user part is absent:
// "        f663924:          bde8000             4000". All hex.
struct dph_user_part {
    std::uint64_t address = 0;
    std::uint64_t size = 0;  // bytes the caller asked for
};
struct dph_block_row : source_span {
    std::uint64_t block = 0;  // the DPH_HEAP_BLOCK
    boost::optional<dph_user_part> user;
    std::uint64_t virtual_address = 0;
    std::uint64_t virtual_size = 0;
};

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
    text_range detail;  // "VirtualAlloc", "" ...: a range into the line, the parser trims and copies it
};

} // namespace dbgsift::grammar::ast
