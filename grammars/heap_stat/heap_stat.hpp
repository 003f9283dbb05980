// SPDX-License-Identifier: MIT
// `!heap -stat -h ADDR`: the heap line, the group-by line, the column header and the
// size rows (hex), each with the percent of busy bytes (or of blocks) it holds.
#pragma once
#include "../config.hpp"
#include "ast.hpp"

namespace dbgsift::grammar {

DBGSIFT_RULE(heap_stat_heap, ast::heap_stat_heap)

// "Allocations statistics for": the title; the heap line follows (or ends it)
DBGSIFT_RULE(heap_stat_title, x3::unused_type)

DBGSIFT_RULE(heap_stat_group, ast::heap_stat_group)

// "size     #blocks     total     ( %) (percent of total busy bytes)"
DBGSIFT_RULE(heap_stat_header, x3::unused_type)

DBGSIFT_RULE(heap_stat_row, ast::heap_stat_row)

// `!heap -stat` (all heaps): "_HEAP 003c0000", then its counters.
DBGSIFT_RULE(heap_usage_heap, ast::heap_stat_heap)
DBGSIFT_RULE(heap_usage_row, ast::heap_usage_row)

} // namespace dbgsift::grammar
