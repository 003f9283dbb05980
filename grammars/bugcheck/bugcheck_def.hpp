// SPDX-License-Identifier: MIT
// Spirit coding style: ID foo_class, type foo_type, definition foo_def, object foo.
// Included only by bugcheck.cpp.
#pragma once
#include "../common/common.hpp"
#include "../common/fixed_literal.hpp"
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
    -x3::lexeme['+' >> -c::lit_fixed_any_case<"0x"> >> c::hex16];

// "Driver+11b3", "nt!ExDeferredFreePool+a56" inside "( ... )"
auto const paren_symbol = x3::rule<struct paren_symbol_class, ast::analyze_symbol>{"( symbol )"} =
    '(' >> symbol_module >> symbol_function >> symbol_offset >> ')';

auto const stars = x3::lexeme[+x3::lit('*')];

} // namespace bugcheck_detail

namespace bcd = bugcheck_detail;

struct analyze_command_class {};
analyze_command_type const analyze_command_rule = "!analyze command";
auto const analyze_command_rule_def =
    common::keyword(common::lit_any_case("!analyze")) >> x3::omit[*common::word];

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

struct analyze_banner_class {};
analyze_banner_type const analyze_banner_rule = "Bugcheck Analysis banner";
auto const analyze_banner_rule_def = bcd::stars >> "Bugcheck" >> "Analysis" >> bcd::stars;

// "BugCheck 19, {3, fffff88005fec160, fffff88005fec160, fffff88005fcc160}" (pastebin.com/EkT81ztS)
struct bugcheck_short_class : note_span {};
bugcheck_short_type const bugcheck_short_rule = "BugCheck line";
auto const bugcheck_short_rule_def =
    x3::lit("BugCheck") >> x3::lexeme[common::hex16] >> ',' >> '{' >> (common::address % ',') >> '}';

// "Probably caused by : Pool_Corruption ( nt!ExDeferredFreePool+a56 )" (pastebin.com/EkT81ztS),
// "Probably caused by : memory_corruption" (pastebin.com/QpLfYqP8)
struct analyze_probable_class : note_span {};
analyze_probable_type const analyze_probable_rule = "Probably caused by line";
auto const analyze_probable_rule_def = x3::lit("Probably") >> "caused" >> "by" >> ':' >>
                                       x3::lexeme[+(x3::ascii::graph - '(')] >> -bcd::paren_symbol;

BOOST_SPIRIT_DEFINE(analyze_command_rule, bugcheck_title_rule, bugcheck_arg_rule, bugcheck_code_rule,
                    analyze_name_rule, analyze_symbol_rule, analyze_banner_rule, bugcheck_short_rule,
                    analyze_probable_rule)

} // namespace dbgsift::grammar
