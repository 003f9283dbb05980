// SPDX-License-Identifier: MIT
// Spirit coding style: ID foo_class, type foo_type, definition foo_def, object foo.
// Included only by heap_leak.cpp.
#pragma once
#include "../common/common.hpp"
#include "ast_adapted.hpp"
#include "heap_leak.hpp"

namespace dbgsift::grammar {
namespace heap_leak_detail {

auto const token_end = !x3::ascii::graph;

auto const& hex = common::hex_token;

auto const& heap_address = common::heap_address;

// "busy", "extra", "user_flag"
// (x3::raw: one assignment, where the char parsers appended the word a byte at a time.)
auto const flag = x3::rule<struct flag_class, std::string>{"flag"} =
    x3::lexeme[x3::raw[+(x3::ascii::lower | x3::char_('_'))]];

// A named rule, so a row cut before its flags is "expected flags", not X3's name for `+flag`.
auto const flags = x3::rule<struct flags_class, std::vector<std::string>>{"flags"} = +flag;

} // namespace heap_leak_detail

namespace hld = heap_leak_detail;

struct heap_leak_chatter_class {};
heap_leak_chatter_type const heap_leak_chatter_rule = "!heap -l chatter";
auto const heap_leak_chatter_rule_def =
    (common::keyword(x3::lit("Heap")) >> hld::heap_address) | (x3::lit("Scanning") >> "VM" >> "...") |
    (-x3::lit("##") >> "Entry" >> "User" >> "Heap" >> "Segment" >> "Size" >> "PrevSize" >> -x3::lit("Unused") >>
     "Flags");

// "00251168  00251170  00170000  00000000        78        d0  busy extra user_flag"
// Once a row has its six numbers its flags must follow: a broken row is reported.
struct heap_leak_row_class : note_span, report_expectation {};
heap_leak_row_type const heap_leak_row_rule = "!heap -l row";
auto const heap_leak_row_rule_def = hld::hex >> hld::hex >> hld::heap_address >> hld::hex >>
                                    hld::hex >> hld::hex > hld::flags;

// "21 leaks detected."
struct heap_leak_total_class {};
heap_leak_total_type const heap_leak_total_rule = "!heap -l total";
auto const heap_leak_total_rule_def = common::count >> "leaks" >> "detected.";

BOOST_SPIRIT_DEFINE(heap_leak_chatter_rule, heap_leak_row_rule, heap_leak_total_rule)

} // namespace dbgsift::grammar
