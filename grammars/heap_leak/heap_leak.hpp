// SPDX-License-Identifier: MIT
// `!heap -l`: the heaps scanned, the column header, one row per busy block no reference
// was found to, and the "N leaks detected." total.
#pragma once
#include "../config.hpp"
#include "ast.hpp"
#include <string_view>

namespace dbgsift::grammar {

// name_starts: the bytes a rule may start with (see grammars/config.hpp).

// "Heap 00170000" (one per heap scanned), "Scanning VM ...", the column header
// ("## Entry     User      Heap      Segment       Size  PrevSize  Flags", "##" from a doc).
DBGSIFT_RULE(heap_leak_chatter, x3::unused_type)
inline constexpr std::string_view heap_leak_chatter_starts = "HS#E";  // Heap, Scanning VM, ## Entry

DBGSIFT_RULE(heap_leak_row, ast::heap_leak_row)

// "21 leaks detected."
DBGSIFT_RULE(heap_leak_total, std::uint64_t)

} // namespace dbgsift::grammar
