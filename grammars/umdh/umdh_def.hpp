// SPDX-License-Identifier: MIT
// Spirit coding style: ID foo_class, type foo_type, definition foo_def, object foo.
// Included only by umdh.cpp.
#pragma once
#include "../common/common.hpp"
#include "ast_adapted.hpp"
#include "umdh.hpp"

namespace dbgsift::grammar {
namespace umdh_detail {

auto const token_end = !x3::ascii::graph;

// "5320", "f110", "483328": hex or decimal, decided later.
auto const amount = x3::rule<struct amount_class, std::string>{"number"} =
    x3::lexeme[+x3::ascii::xdigit >> !x3::ascii::alnum];

struct sign_table : x3::symbols<ast::umdh_sign> {
    sign_table() { add("+", ast::umdh_sign::grew)("-", ast::umdh_sign::shrank); }
} const sign;

struct direction_table : x3::symbols<ast::umdh_sign> {
    direction_table() {
        add("increase", ast::umdh_sign::grew)("decrease", ast::umdh_sign::shrank);
    }
} const direction;

// "BackTrace00053", "BackTrace23FF" -> "00053", "23FF"
auto const backtrace = x3::rule<struct backtrace_class, std::string>{"BackTrace id"} =
    x3::lexeme[x3::lit("BackTrace") >> +x3::ascii::xdigit >> token_end];

} // namespace umdh_detail

namespace ud = umdh_detail;

// "+ 5320 (f110 - 9df0) 3a allocs BackTrace00053 "
// "+       483328 ( 487424 -   4096)   119 allocs      BackTrace23FF"
// "+          118 (    119 -      1)     BackTrace23FF allocations"
struct umdh_trace_class : note_span, report_expectation {};
umdh_trace_type const umdh_trace_rule = "UMDH BackTrace line";
auto const umdh_trace_rule_def =
    ud::sign >> ud::amount >> '(' >> ud::amount >> '-' > ud::amount > ')' >
    -(ud::amount >> "allocs") > ud::backtrace >
    ((x3::lit("allocations") >> x3::attr(true)) | x3::attr(false));

// "Total increase == 5320"
struct umdh_total_class : note_span, report_expectation {};
umdh_total_type const umdh_total_rule = "UMDH total";
auto const umdh_total_rule_def = x3::lit("Total") >> ud::direction >> "==" > ud::amount;

struct umdh_note_class {};
umdh_note_type const umdh_note_rule = "UMDH note";
auto const umdh_note_rule_def =
    (x3::lit("//") >> common::rest_of_line) | (x3::lit("DBGHELP:") >> common::rest_of_line);

BOOST_SPIRIT_DEFINE(umdh_trace_rule, umdh_total_rule, umdh_note_rule)

} // namespace dbgsift::grammar
