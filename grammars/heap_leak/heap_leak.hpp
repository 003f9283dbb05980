// SPDX-License-Identifier: MIT
// `!heap -l`: the heaps scanned, the column header, one row per busy block no reference
// was found to, and the "N leaks detected." total.
#pragma once
#include "../config.hpp"
#include "ast.hpp"

namespace dbgsift::grammar {

// "Heap 00170000" (one per heap scanned), "Scanning VM ...", the column header
// ("## Entry     User      Heap      Segment       Size  PrevSize  Flags", "##" from a doc).
struct heap_leak_chatter_class;
using heap_leak_chatter_type = x3::rule<heap_leak_chatter_class>;
BOOST_SPIRIT_DECLARE(heap_leak_chatter_type)
heap_leak_chatter_type const& heap_leak_chatter();

struct heap_leak_row_class;
using heap_leak_row_type = x3::rule<heap_leak_row_class, ast::heap_leak_row>;
BOOST_SPIRIT_DECLARE(heap_leak_row_type)
heap_leak_row_type const& heap_leak_row();

// "21 leaks detected."
struct heap_leak_total_class;
using heap_leak_total_type = x3::rule<heap_leak_total_class, std::uint64_t>;
BOOST_SPIRIT_DECLARE(heap_leak_total_type)
heap_leak_total_type const& heap_leak_total();

} // namespace dbgsift::grammar
