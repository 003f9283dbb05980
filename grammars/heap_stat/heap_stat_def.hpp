// SPDX-License-Identifier: MIT
// Spirit coding style: ID foo_class, type foo_type, definition foo_def, object foo.
// Included only by heap_stat.cpp.
#pragma once
#include "../common/common.hpp"
#include "../common/fixed_literal.hpp"
#include "ast_adapted.hpp"
#include "heap_stat.hpp"

namespace dbgsift::grammar {
namespace heap_stat_detail {
namespace c = common;

auto const token_end = !x3::ascii::graph;

auto const& hex = common::hex_token;

auto const& heap_address = common::heap_address;

struct grouping_table : x3::symbols<ast::heap_stat_grouping> {
    grouping_table() {
        add("TOTSIZE", ast::heap_stat_grouping::total_size)(
            "BLOCKCOUNT", ast::heap_stat_grouping::block_count);
    }
} const grouping;

auto const title = x3::lit("Allocations") >> "statistics" >> "for";

} // namespace heap_stat_detail

namespace hsd = heap_stat_detail;

// "    heap @ 00510000", "Allocations statistics for heap @ 00670000"
struct heap_stat_heap_class : note_span, report_expectation {};
heap_stat_heap_type const heap_stat_heap_rule = "!heap -stat heap line";
auto const heap_stat_heap_rule_def = -hsd::title >> x3::lit("heap") >> '@' > hsd::heap_address;

// "    Allocations statistics for" with the heap on the next line (corpus/heap/029.txt:3)
struct heap_stat_title_class {};
heap_stat_title_type const heap_stat_title_rule = "!heap -stat title";
auto const heap_stat_title_rule_def = hsd::title;

// "    group-by: TOTSIZE max-display: 20"
struct heap_stat_group_class : note_span, report_expectation {};
heap_stat_group_type const heap_stat_group_rule = "!heap -stat group-by line";
auto const heap_stat_group_rule_def =
    x3::lit("group-by:") > common::keyword(hsd::grouping) >
    -(x3::lit("max-display:") > x3::lexeme[common::count >> hsd::token_end]);

// "        size     #blocks     total     ( %) (percent of total busy bytes)"
// "        size     #blocks     total     ( %) (percent of total blocks)"
// (Fixed literals: x3::lit compared its text a byte at a time, on every line it was tried on.)
struct heap_stat_header_class {};
heap_stat_header_type const heap_stat_header_rule = "!heap -stat header";
auto const heap_stat_header_rule_def =
    common::lit_fixed<"size"> >> common::lit_fixed<"#blocks"> >> common::lit_fixed<"total"> >> '(' >> '%' >> ')' >> '(' >>
    common::lit_fixed<"percent"> >> common::lit_fixed<"of"> >> common::lit_fixed<"total"> >>
    (common::lit_fixed<"busy"> >> common::lit_fixed<"bytes"> | common::lit_fixed<"blocks">) >> ')';

// "        156600 21e - 2d4df400  (94.45)"
struct heap_stat_row_class : note_span, report_expectation {};
heap_stat_row_type const heap_stat_row_rule = "!heap -stat row";
auto const heap_stat_row_rule_def =
    hsd::hex >> hsd::hex >> '-' > hsd::hex > '(' > x3::double_ > ')';

// "_HEAP 003c0000" (no '@': the `!heap -p -a` line "_HEAP @ 510000" is another rule)
struct heap_usage_heap_class : note_span, report_expectation {};
heap_usage_heap_type const heap_usage_heap_rule = "!heap -stat _HEAP line";
auto const heap_usage_heap_rule_def = common::keyword(x3::lit("_HEAP")) >> hsd::heap_address;

// "     Segments            00000001", "         Reserved  bytes 00010000"
using ast::heap_usage_counter;
struct heap_usage_row_class : note_span, report_expectation {};
heap_usage_row_type const heap_usage_row_rule = "!heap -stat counter";
// (Its words as fixed literals: x3::lit compared them a byte at a time, each byte also tested for
// the text's end, on every counter line of every heap.)
auto const heap_usage_row_rule_def =
    ((common::lit_fixed<"Segments"> >> x3::attr(heap_usage_counter::segments)) |
     (common::lit_fixed<"Reserved"> >> common::lit_fixed<"bytes"> >> x3::attr(heap_usage_counter::reserved)) |
     (common::lit_fixed<"Committed"> >> common::lit_fixed<"bytes"> >> x3::attr(heap_usage_counter::committed)) |
     (common::lit_fixed<"VirtAllocBlocks"> >> x3::attr(heap_usage_counter::virtual_blocks)) |
     (common::lit_fixed<"VirtAlloc"> >> common::lit_fixed<"bytes"> >> x3::attr(heap_usage_counter::virtual_bytes))) > hsd::hex;

BOOST_SPIRIT_DEFINE(heap_usage_heap_rule, heap_usage_row_rule)

BOOST_SPIRIT_DEFINE(heap_stat_heap_rule, heap_stat_title_rule, heap_stat_group_rule, heap_stat_header_rule,
                    heap_stat_row_rule)

} // namespace dbgsift::grammar
