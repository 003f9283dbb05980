// SPDX-License-Identifier: MIT
// `!heap -s`: the heap table (x86, x64, wrapped at 80 columns), its preamble, the
// fragmentation sub-lines and the Windows 10 segment-heap summary.
#pragma once
#include "../config.hpp"
#include "../common/ast.hpp"
#include "ast.hpp"
#include <string_view>

namespace dbgsift::grammar {

// name_starts: the bytes a rule may start with (see grammars/config.hpp).

// "!heap -s", "!heap -p -a 0x1234" -> the options after "!heap".
DBGSIFT_RULE(heap_command, ast::command_words)

// "-----", "******", "NT HEAP STATS BELOW": lines that only frame the table.
DBGSIFT_RULE(heap_separator, x3::unused_type)
inline constexpr std::string_view heap_separator_starts = "-*N";  // dashes, stars, NT HEAP STATS

// "Heap     Flags   Reserv  Commit ...", and its pieces when wrapped ("  Fast", " heap").
DBGSIFT_RULE(heap_header, x3::unused_type)
// The first letters of its words (grammars/heap/heap_def.hpp, header_word).
inline constexpr std::string_view heap_header_starts = "HFRCVLU(lbchGPTASIB";

DBGSIFT_RULE(heap_preamble, ast::heap_preamble)
// NtGlobalFlag, (*)LFH Key, Termination, Affinity, SEGMENT, "- Virtual affinity ..."
inline constexpr std::string_view heap_preamble_starts = "N*LTAS-";

// "stack back traces" under "NtGlobalFlag enables following debugging aids for new heaps:"
DBGSIFT_RULE(heap_debug_aid, std::string)

DBGSIFT_RULE(heap_row, ast::heap_row)

// "   LFH": the Fast heap column wrapped onto its own line.
DBGSIFT_RULE(heap_fast_continuation, text_range)
inline constexpr std::string_view heap_fast_continuation_starts = "LN";  // LFH, L, N/A

DBGSIFT_RULE(heap_fragmentation, ast::heap_fragmentation)
inline constexpr std::string_view heap_fragmentation_starts = "EV";  // External, Virtual

DBGSIFT_RULE(segment_heap_row, ast::segment_heap_row)

// "    Virtual block: 01750000 - 01750000 (size 00000000)"
DBGSIFT_RULE(heap_virtual_block, ast::heap_virtual_block)
inline constexpr std::string_view heap_virtual_block_starts = "V";  // Virtual block:

// The value of a heap address as printed in a row ("0000000001a40000" -> 0x1a40000).
bool heap_address_value(std::string_view text, std::uint64_t& value);

} // namespace dbgsift::grammar
