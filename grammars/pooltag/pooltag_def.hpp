// SPDX-License-Identifier: MIT
// Spirit coding style: ID foo_class, type foo_type, definition foo_def, object foo.
// Included only by pooltag.cpp.
#pragma once
#include "../common/common.hpp"
#include "ast_adapted.hpp"
#include "pooltag.hpp"

namespace dbgsift::grammar {
namespace pooltag_detail {

// "AfdB", "Afd?", "*", "-UMD": one to four characters, no blanks
auto const tag = x3::rule<struct tag_class, std::string>{"pool tag"} =
    x3::lexeme[x3::repeat(1, 4)[x3::ascii::graph] >> &x3::ascii::blank];
auto const separator = x3::lexeme[x3::lit('-') >> (&x3::ascii::blank | x3::eoi)];
// "afd.sys", "nt!mm", "<unknown>": up to the next " - "
auto const binary = x3::rule<struct binary_class, std::string>{"binary"} =
    x3::lexeme[+(x3::ascii::graph - (x3::lit('-') >> (x3::ascii::blank | x3::eoi)))];

} // namespace pooltag_detail

struct pooltag_entry_class : note_span, report_expectation {};
pooltag_entry_type const pooltag_entry_rule = "pooltag.txt line (Tag - binary - description)";
// "AfdB - afd.sys      - Afd data buffer"
auto const pooltag_entry_rule_def =
    pooltag_detail::tag >> pooltag_detail::separator > pooltag_detail::binary >
    ((pooltag_detail::separator >> common::rest_of_line) | x3::attr(std::string()));

struct pooltag_comment_class {};
pooltag_comment_type const pooltag_comment_rule = "comment";
// "// Pool tag file for the Windows debugger", "; x", "rem x"
auto const pooltag_comment_rule_def =
    (x3::lit("//") | x3::lit(';') | x3::lit('#') | common::keyword(common::lit_any_case("rem"))) >>
    x3::omit[common::rest_of_line];

BOOST_SPIRIT_DEFINE(pooltag_entry_rule, pooltag_comment_rule)

} // namespace dbgsift::grammar
