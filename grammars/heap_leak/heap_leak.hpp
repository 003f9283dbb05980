// SPDX-License-Identifier: MIT
// `!heap -l`: the heaps scanned, the column header, one row per busy block no reference
// was found to, and the "N leaks detected." total.
#pragma once
#include "../config.hpp"
#include "ast.hpp"

namespace dbgsift::grammar {

// "Heap 00170000" (one per heap scanned), "Scanning VM ...", the column header
// ("## Entry     User      Heap      Segment       Size  PrevSize  Flags", "##" from a doc).
DBGSIFT_RULE(heap_leak_chatter, x3::unused_type)

DBGSIFT_RULE(heap_leak_row, ast::heap_leak_row)

// "21 leaks detected."
DBGSIFT_RULE(heap_leak_total, std::uint64_t)

} // namespace dbgsift::grammar
