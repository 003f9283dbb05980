// SPDX-License-Identifier: MIT
// `!heap -stat -h ADDR`: the heap line, the group-by line, the column header and the
// size rows (hex), each with the percent of busy bytes (or of blocks) it holds.
#pragma once
#include "../config.hpp"
#include "ast.hpp"

namespace dbgsift::grammar {

struct heap_stat_heap_class;
using heap_stat_heap_type = x3::rule<heap_stat_heap_class, ast::heap_stat_heap>;
BOOST_SPIRIT_DECLARE(heap_stat_heap_type)
heap_stat_heap_type const& heap_stat_heap();

struct heap_stat_group_class;
using heap_stat_group_type = x3::rule<heap_stat_group_class, ast::heap_stat_group>;
BOOST_SPIRIT_DECLARE(heap_stat_group_type)
heap_stat_group_type const& heap_stat_group();

// "size     #blocks     total     ( %) (percent of total busy bytes)"
struct heap_stat_header_class;
using heap_stat_header_type = x3::rule<heap_stat_header_class>;
BOOST_SPIRIT_DECLARE(heap_stat_header_type)
heap_stat_header_type const& heap_stat_header();

struct heap_stat_row_class;
using heap_stat_row_type = x3::rule<heap_stat_row_class, ast::heap_stat_row>;
BOOST_SPIRIT_DECLARE(heap_stat_row_type)
heap_stat_row_type const& heap_stat_row();

} // namespace dbgsift::grammar
