// SPDX-License-Identifier: MIT
// Spirit coding style: ID foo_class, type foo_type, definition foo_def, object foo.
// Included only by poolval.cpp.
#pragma once
#include "../common/common.hpp"
#include "ast_adapted.hpp"
#include "poolval.hpp"

namespace dbgsift::grammar {
namespace poolval_detail {
namespace c = common;

// "INVALID" -> PoolPageVerdict::invalid, from model::k_pool_page_verdict_names.
inline x3::symbols<model::PoolPageVerdict> const& verdict_names() {
    static auto const names = c::symbols_of<model::PoolPageVerdict>(model::k_pool_page_verdict_names);
    return names;
}

// "[ ffffbd06d46e0000 ]", "[ 0x41 ]"
auto const bracketed = x3::rule<struct bracketed_class, std::uint64_t>{"[ number ]"} =
    '[' >> c::address >> ']';

// The words between "]:" and the next "[": "invalid previous size".
auto const problem_words = x3::rule<struct problem_words_class, std::string>{"problem"} =
    x3::lexeme[+(x3::char_ - '[')];

auto const dots = x3::lexeme[+x3::lit('.')];

} // namespace poolval_detail

namespace pvd = poolval_detail;

struct poolval_command_class {};
poolval_command_type const poolval_command_rule = "!poolval command";
auto const poolval_command_rule_def =
    common::keyword(common::lit_any_case("!poolval")) >> x3::omit[*common::word];

struct poolval_region_class : note_span {};
poolval_region_type const poolval_region_rule = "pool page region";
auto const poolval_region_rule_def =
    x3::lit("Pool") >> "page" >> common::address >> "region" >> "is" >> common::rest_of_line;

struct poolval_validating_class : note_span {};
poolval_validating_type const poolval_validating_rule = "Validating Pool headers line";
auto const poolval_validating_rule_def =
    x3::lit("Validating") >> "Pool" >> "headers" >> "for" >> "pool" >> "page" >> ':' >> common::address;

struct poolval_verdict_class : note_span {};
poolval_verdict_type const poolval_verdict_rule = "pool page verdict";
auto const poolval_verdict_rule_def =
    x3::lit("Pool") >> "page" >> pvd::bracketed >> "is" >> common::keyword(pvd::verdict_names()) >> '.';

struct poolval_problem_class : note_span {};
poolval_problem_type const poolval_problem_rule = "pool header problem";
auto const poolval_problem_rule_def =
    pvd::bracketed >> ':' >> pvd::problem_words >> pvd::bracketed >> "should" >> "be" >> pvd::bracketed;

struct poolval_step_class {};
poolval_step_type const poolval_step_rule = "!poolval progress line";
auto const poolval_step_rule_def =
    (x3::lit("Analyzing") >> "linked" >> "list" >> pvd::dots >> x3::attr(ast::poolval_step::analyzing_list)) |
    (x3::lit("Scanning") >> "for" >> "single" >> "bit" >> "errors" >> pvd::dots >>
     x3::attr(ast::poolval_step::scanning_bits)) |
    (x3::lit("None") >> "found" >> x3::attr(ast::poolval_step::none_found));

BOOST_SPIRIT_DEFINE(poolval_command_rule, poolval_region_rule, poolval_validating_rule, poolval_verdict_rule,
                    poolval_problem_rule, poolval_step_rule)

} // namespace dbgsift::grammar
