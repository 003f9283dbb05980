// SPDX-License-Identifier: MIT
// Row shapes of `!heap -s` output, kept as the text has them; parse/heap.cpp gives them meaning.
#pragma once
#include "../source.hpp"
#include "../text_range.hpp"
#include <boost/optional.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace dbgsift::grammar::ast {

// "0000000001a40000 08000002    4096   1444   4096   1164     4     3    0      0   LFH"
struct heap_row : source_span {
    text_range address;  // as printed: "0000000001a40000", "00150000" (the parser copies it)
    std::uint64_t flags = 0;
    std::uint64_t reserve_kb = 0, commit_kb = 0, virt_kb = 0, free_kb = 0;
    std::uint64_t list_length = 0, ucr = 0, virt_blocks = 0;
    boost::optional<std::uint64_t> lock_contention;  // empty for "bad" (heap not serialized)
    text_range fast_heap;                            // "LFH", "L", "N/A" or ""
};

// "2531eb90000  ddeeddee  0  1  8276  6832" (Windows 10 segment heap summary)
struct segment_heap_row : source_span {
    text_range address;
    std::uint64_t global_flags = 0;
    std::uint64_t heap_list_index = 0;
    std::uint64_t reserved_kb = 0, committed_kb = 0;
};

enum class fragmentation_kind { external, virtual_address };
// What a line above the table is.
enum class preamble_kind {
    global_flag,   // "NtGlobalFlag enables ..."
    lfh_key,       // "LFH Key : 0x..."
    termination,   // "Termination on corruption : ENABLED"
    affinity,      // "Affinity manager status:" and its "- ..." lines
    segment_heap_error,  // "SEGMENT HEAP ERROR: failed to initialize the extention" (old debugger)
};

// "External fragmentation  80 % (4 free blocks)"
// "Virtual address fragmentation  60 % (12 uncommited ranges)"
struct heap_fragmentation : source_span {
    fragmentation_kind kind = fragmentation_kind::external;
    std::uint64_t percent = 0;
    std::uint64_t count = 0;
};

// "    Virtual block: 01750000 - 01750000 (size 00000000)": one block the heap took straight from
// VirtualAlloc (too large for a segment), listed under its heap's row.
struct heap_virtual_block : source_span {
    std::uint64_t start = 0;
    std::uint64_t end = 0;
    std::uint64_t size = 0;
};

// Lines above the table: "NtGlobalFlag enables ...", "LFH Key : 0x...", "Termination on ...".
struct heap_preamble : source_span {
    preamble_kind kind = preamble_kind::global_flag;
    std::string text;  // the value as printed ("0x000000f841c4f9c0", "ENABLED")
};

// "!heap -s", "!heap -p -a 0x1234": the options after the command name.
struct heap_command {
    std::vector<std::string> options;
};

} // namespace dbgsift::grammar::ast
