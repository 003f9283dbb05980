// SPDX-License-Identifier: MIT
// Spirit coding style: ID foo_class, type foo_type, definition foo_def, object foo.
// Included only by heap_entry.cpp.
#pragma once
#include "../common/byte_run.hpp"
#include "../common/common.hpp"
#include "ast_adapted.hpp"
#include "heap_entry.hpp"

namespace dbgsift::grammar {
namespace heap_entry_detail {
namespace c = common;

auto const token_end = !x3::ascii::graph;

auto const& hex = common::hex_token;

auto const& heap_address = common::heap_address;

struct state_table : x3::symbols<ast::heap_block_state> {
    state_table() {
        add("busy", ast::heap_block_state::busy)("free", ast::heap_block_state::free);
    }
} const state;

// "VirtualAlloc", "" : the words after busy/free up to the closing parenthesis, as a range into
// the line (the parser trims it and copies it once), read in one run.
auto const detail_text = x3::rule<struct detail_class, text_range>{"state detail"} =
    x3::lexeme[x3::raw[c::bytes_before<')'>]];

} // namespace heap_entry_detail

namespace hed = heap_entry_detail;

// "    address 7edcc018 found in"
struct heap_found_class : note_span, report_expectation {};
heap_found_type const heap_found_rule = "!heap -p -a address line";
auto const heap_found_rule_def = x3::lit("address") >> common::address >> "found" > "in";

// "    _HEAP @ 510000", "    _DPH_HEAP_ROOT @ 6731000"
struct heap_root_class : note_span, report_expectation {};
heap_root_type const heap_root_rule = "_HEAP line";
auto const heap_root_rule_def = ((common::keyword(x3::lit("_DPH_HEAP_ROOT")) >> x3::attr(true)) |
                                 (common::keyword(x3::lit("_HEAP")) >> x3::attr(false))) >>
                                '@' > hed::heap_address;

// "    in busy allocation (  DPH_HEAP_BLOCK:         UserAddr         UserSize -         VirtAddr         VirtSize)"
// "    in free-ed allocation (  DPH_HEAP_BLOCK:         VirtAddr         VirtSize)"
struct dph_allocation_class : note_span, report_expectation {};
dph_allocation_type const dph_allocation_rule = "page heap allocation line";
auto const dph_allocation_rule_def =
    x3::lit("in") >>
    ((x3::lit("busy") >> x3::attr(ast::heap_block_state::busy) >> "allocation" > '(' > "DPH_HEAP_BLOCK:" >
      "UserAddr" > "UserSize" > '-' > "VirtAddr" > "VirtSize" > ')') |
     (x3::lit("free-ed") >> x3::attr(ast::heap_block_state::free) >> "allocation" > '(' > "DPH_HEAP_BLOCK:" >
      "VirtAddr" > "VirtSize" > ')'));

// "                                cc36323c:         cc53afa8               58 -         cc53a000             2000"
// "                                    f663924:          bde8000             4000"
// "        00000297e9edb068 : 00000297ec170600 0000000002625a00 - 00000297ec170000 0000000002627000"
//   (`!heap -flt s` on a full page heap, a blank before the colon: corpus/heap/027.txt:69)
auto const dph_user = x3::rule<struct dph_user_class, ast::dph_user_part>{"UserAddr UserSize"} =
    hed::hex >> hed::hex >> '-';
struct dph_block_row_class : note_span, report_expectation {};
dph_block_row_type const dph_block_row_rule = "DPH_HEAP_BLOCK row";
auto const dph_block_row_rule_def =
    x3::lexeme[common::hex16 >> x3::omit[*x3::ascii::blank] >> ':'] > -dph_user > hed::hex > hed::hex;

// `!heap -flt s` on a full page heap lists each _DPH_HEAP_ROOT's blocks under two titles, each
// with its column line (corpus/heap/027.txt:65-68):
// "    Freed and decommitted blocks", "      DPH_HEAP_BLOCK : VirtAddr VirtSize",
// "    Busy allocations", "      DPH_HEAP_BLOCK : UserAddr  UserSize - VirtAddr VirtSize"
struct dph_filter_title_class : note_span {};
dph_filter_title_type const dph_filter_title_rule = "page heap list title";
auto const dph_filter_title_rule_def =
    (x3::lit("Freed") >> "and" >> "decommitted" >> "blocks" >> x3::attr(ast::heap_block_state::free)) |
    (x3::lit("Busy") >> "allocations" >> x3::attr(ast::heap_block_state::busy));
struct dph_filter_header_class {};
dph_filter_header_type const dph_filter_header_rule = "DPH_HEAP_BLOCK column line";
auto const dph_filter_header_rule_def =
    x3::lit("DPH_HEAP_BLOCK") >> ':' >> -(x3::lit("UserAddr") >> "UserSize" >> '-') >> "VirtAddr" >> "VirtSize";

// "      HEAP_ENTRY Size Prev Flags    UserPtr UserSize - state"
struct heap_entry_header_class {};
heap_entry_header_type const heap_entry_header_rule = "HEAP_ENTRY header";
auto const heap_entry_header_rule_def = x3::lit("HEAP_ENTRY") >> "Size" >> "Prev" >> "Flags" >>
                                        "UserPtr" >> "UserSize" >> '-' >> "state";

// "        0ac49018 2ae00 0000  [00]   0ac49030    156600 - (busy VirtualAlloc)"
// Once the "[flags]" column is read the rest must follow: a broken row is reported.
struct heap_entry_row_class : note_span, report_expectation {};
heap_entry_row_type const heap_entry_row_rule = "HEAP_ENTRY row";
auto const heap_entry_row_rule_def = hed::hex >> hed::hex >> hed::hex >> '[' >
                                     x3::lexeme[common::hex16] > ']' > hed::hex > hed::hex > '-' >
                                     '(' > hed::state > hed::detail_text > ')';

// What the block's first pointer resolves to, printed under its row (a vtable names the
// object's class; "?" when the debugger is unsure): corpus/heap/028.txt:93, 105, 119
// "          ? TAVE!std::_Init_locks::operator=+157e4"
// "          shell32!__dyn_tls_init_callback <PERF> (shell32+0x708801)"
struct heap_entry_hint_class {};
heap_entry_hint_type const heap_entry_hint_rule = "block content symbol";
auto const heap_entry_hint_rule_def =
    -x3::lit('?') >> x3::lexeme[+(x3::ascii::alnum | x3::char_("_.$")) >> '!' >> +x3::ascii::graph] >>
    -(x3::lit("<PERF>") >> '(' >> x3::lexeme[+(x3::char_ - ')')] >> ')');

// "     Trace: b7a24": the block's index in the +ust stack trace database, printed above
// the allocation stack (corpus/heap/029.txt:40)
struct heap_trace_index_class : note_span, report_expectation {};
heap_trace_index_type const heap_trace_index_rule = "!heap -p -a Trace line";
auto const heap_trace_index_rule_def = x3::lit("Trace:") > hed::hex;

// "    Running '!mex.head 5000 !mex.grep '_HEAP @ .*510000' -until _HEAP ...' to gather the 5000 entries."
// (the command it quotes holds quotes of its own)
struct heap_entry_note_class {};
heap_entry_note_type const heap_entry_note_rule = "MEX note";
auto const heap_entry_note_rule_def =
    x3::lit("Running") >> x3::lexeme['\'' >> *(x3::char_ - x3::lit("' to gather the "))] >>
    x3::lit("' to gather the ") >> common::count >> "entries.";

// "!heap -flt s 156600", "!mex.mheap -pa 7edcc018"
struct heap_detail_command_class {};
heap_detail_command_type const heap_detail_command_rule = "heap command";
auto const heap_detail_command_rule_def =
    common::keyword(common::lit_any_case("!mex.mheap") | common::lit_any_case("!heap")) >> *common::word_range;

BOOST_SPIRIT_DEFINE(heap_found_rule, heap_root_rule, dph_allocation_rule, dph_block_row_rule,
                    dph_filter_title_rule, dph_filter_header_rule,
                    heap_entry_header_rule, heap_entry_row_rule, heap_entry_hint_rule, heap_trace_index_rule,
                    heap_entry_note_rule, heap_detail_command_rule)

} // namespace dbgsift::grammar
