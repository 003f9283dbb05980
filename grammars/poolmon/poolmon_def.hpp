// SPDX-License-Identifier: MIT
// Spirit coding style: ID foo_class, type foo_type, definition foo_def, object foo.
// Included only by poolmon.cpp.
#pragma once
#include "../common/common.hpp"
#include "ast_adapted.hpp"
#include "poolmon.hpp"

namespace dbgsift::grammar {
namespace poolmon_detail {
namespace c = common;

auto const number = x3::rule<struct number_class, std::uint64_t>{"number"} =
    x3::lexeme[c::count >> !x3::ascii::graph];

// "(   0)", "(   1)": the change since the last update.
auto const change = x3::rule<struct change_class, std::uint64_t>{"change"} =
    '(' > x3::lexeme[c::count] > ')';

struct type_table : x3::symbols<ast::poolmon_type> {
    type_table() { add("Nonp", ast::poolmon_type::nonpaged)("Paged", ast::poolmon_type::paged); }
} const type;

// "Wait", "Io" (padded), "Key"
// (x3::raw: one assignment, where the char parsers appended the tag a byte at a time.)
auto const tag = x3::rule<struct tag_class, std::string>{"pool tag"} =
    x3::raw[x3::lexeme[x3::repeat(1, 4)[x3::ascii::graph]]];

} // namespace poolmon_detail

namespace pmd = poolmon_detail;

struct poolmon_header_class {};
poolmon_header_type const poolmon_header_rule = "PoolMon header";
auto const poolmon_header_rule_def = x3::lit("Tag") >> "Type" >> "Allocs" >> "Frees" >> "Diff" >>
                                     "Bytes" >> "Per" >> "Alloc" >> -x3::lit("Mapped_Driver");

struct poolmon_preamble_class {};
poolmon_preamble_type const poolmon_preamble_rule = "PoolMon memory line";
auto const poolmon_preamble_rule_def =
    (x3::lit("Memory:") >> common::rest_of_line) | (x3::lit("Commit:") >> common::rest_of_line) |
    (x3::lit("System") >> "pool" >> "information");

// " Wait Nonp    3971107 (   0)   3971077 (   0)       30    8456 (     0)    281" on the screen;
// " EtwB Nonp       6394      4056      2338 163418368      69896" in a `poolmon /n` log file,
// which has no "(change)" columns (a snapshot has nothing to compare with).
// Once the type is read every column must follow: a broken row is reported.
struct poolmon_row_class : note_span, report_expectation {};
poolmon_row_type const poolmon_row_rule = "PoolMon row";
auto const poolmon_row_rule_def = pmd::tag >> common::keyword(pmd::type) > pmd::number > -pmd::change >
                                  pmd::number > -pmd::change > pmd::number > pmd::number >
                                  -pmd::change > pmd::number;

BOOST_SPIRIT_DEFINE(poolmon_header_rule, poolmon_preamble_rule, poolmon_row_rule)

} // namespace dbgsift::grammar
