// SPDX-License-Identifier: MIT
// Spirit coding style: ID foo_class, type foo_type, definition foo_def, object foo.
// Included only by bugcheck.cpp.
#pragma once
#include "../common/common.hpp"
#include "ast_adapted.hpp"
#include "bugcheck.hpp"

namespace dbgsift::grammar {
namespace bugcheck_detail {
namespace c = common;

// A bugcheck's symbolic name: "BAD_POOL_HEADER", "DRIVER_CORRUPTED_EXPOOL".
auto const stop_name = x3::rule<struct stop_name_class, std::string>{"bugcheck name"} =
    x3::lexeme[x3::ascii::upper >> +(x3::ascii::upper | x3::ascii::digit | x3::char_('_'))];

struct name_key_table : x3::symbols<ast::analyze_name_key> {
    name_key_table() {
        add("MODULE_NAME", ast::analyze_name_key::module_name)("IMAGE_NAME", ast::analyze_name_key::image_name);
    }
} const name_key;

auto const arg_index = x3::uint_parser<std::uint64_t, 10, 1, 1>{};

// "Driver", "Driver!CreateRandomFile", "+13b" / "+0x13b"
auto const symbol_module = x3::rule<struct symbol_module_class, std::string>{"module"} =
    x3::lexeme[+(x3::ascii::graph - '!' - '+')];
auto const symbol_function = x3::rule<struct symbol_function_class, std::string>{"function"} =
    x3::lexeme['!' >> +(x3::ascii::graph - '+')] | x3::attr(std::string());
auto const symbol_offset = x3::rule<struct symbol_offset_class, std::optional<std::uint64_t>>{"offset"} =
    -x3::lexeme['+' >> -(x3::lit("0x") | x3::lit("0X")) >> c::hex16];

} // namespace bugcheck_detail

namespace bcd = bugcheck_detail;

struct analyze_command_class {};
analyze_command_type const analyze_command_rule = "!analyze command";
auto const analyze_command_rule_def =
    common::keyword(x3::no_case[x3::lit("!analyze")]) >> x3::omit[*common::word];

struct bugcheck_title_class : note_span {};
bugcheck_title_type const bugcheck_title_rule = "bugcheck title";
auto const bugcheck_title_rule_def = bcd::stop_name >> '(' >> x3::lexeme[common::hex16] >> ')';

struct bugcheck_arg_class : note_span {};
bugcheck_arg_type const bugcheck_arg_rule = "bugcheck argument";
auto const bugcheck_arg_rule_def = x3::lexeme[x3::lit("Arg") >> bcd::arg_index] >> ':' >> common::address >>
                                   x3::omit[-(',' >> common::rest_of_line)];

struct bugcheck_code_class : note_span {};
bugcheck_code_type const bugcheck_code_rule = "BUGCHECK_CODE line";
auto const bugcheck_code_rule_def = x3::lit("BUGCHECK_CODE") >> ':' >> common::hex_token;

struct analyze_name_class : note_span {};
analyze_name_type const analyze_name_rule = "MODULE_NAME / IMAGE_NAME line";
auto const analyze_name_rule_def = bcd::name_key >> ':' >> common::word;

struct analyze_symbol_class : note_span {};
analyze_symbol_type const analyze_symbol_rule = "SYMBOL_NAME line";
auto const analyze_symbol_rule_def =
    x3::lit("SYMBOL_NAME") >> ':' >> bcd::symbol_module >> bcd::symbol_function >> bcd::symbol_offset;

BOOST_SPIRIT_DEFINE(analyze_command_rule, bugcheck_title_rule, bugcheck_arg_rule, bugcheck_code_rule,
                    analyze_name_rule, analyze_symbol_rule)

} // namespace dbgsift::grammar
