// SPDX-License-Identifier: MIT
// Spirit coding style: ID foo_class, type foo_type, definition foo_def, object foo.
// Included only by prompt.cpp.
#pragma once
#include "../common/common.hpp"
#include "ast_adapted.hpp"
#include "prompt.hpp"

namespace dbgsift::grammar {
namespace prompt_detail {
namespace c = common;

// "0: kd>", "12: kd>", "kd>", "lkd>", "1: kd:x86>"
auto const kernel_prompt = x3::omit[x3::lexeme[-(x3::omit[x3::uint_] >> ':' >> *x3::ascii::blank) >>
                                      -x3::lit('l') >> "kd" >>
                                      -(':' >> +x3::ascii::alnum) >> '>']];
// "0:000>", "0:012>", "0:000:x86>", "1:0:011>"
auto const user_prompt = x3::omit[x3::lexeme[x3::omit[x3::uint_] >> ':' >> +x3::ascii::digit >>
                                    *(':' >> +x3::ascii::alnum) >> '>']];
auto const any_prompt = kernel_prompt | user_prompt;

} // namespace prompt_detail

struct prompt_line_class : note_span {};
prompt_line_type const prompt_line_rule = "prompt";
// A blog may wrap the command in **bold**; two prompts may run together ("0: kd> 0: kd> !vm").
auto const prompt_line_rule_def =
    x3::omit[-x3::lit("**")] >>
    ((prompt_detail::kernel_prompt >> x3::attr('k')) | (prompt_detail::user_prompt >> x3::attr('u'))) >>
    x3::omit[*prompt_detail::any_prompt] >> common::rest_of_line;

struct session_marker_class : note_span {};
session_marker_type const session_marker_rule = "session marker";
// "Windows 10 Kernel Version 19041 MP (4 procs) Free x64", "Windows 7 Version 7601 ..."
auto const os_banner = x3::omit[x3::lexeme[x3::lit("Windows") >> +(x3::char_ - x3::lit("Version")) >>
                                  "Version" >> +x3::ascii::blank >> &x3::ascii::digit]];
auto const session_marker_rule_def =
    (x3::lit("Opened log file") >> x3::attr('o') >> common::rest_of_line) |
    (x3::lit("Closing open log file") >> x3::attr('c') >> common::rest_of_line) |
    (x3::lit("Debug session time:") >> x3::attr('t') >> common::rest_of_line) |
    (x3::lit("Microsoft (R) Windows Debugger Version") >> x3::attr('d') >> common::rest_of_line) |
    (&os_banner >> x3::attr('v') >> common::rest_of_line);

namespace prompt_detail {
struct month_table : x3::symbols<unsigned> {
    month_table() {
        add("Jan", 1)("Feb", 2)("Mar", 3)("Apr", 4)("May", 5)("Jun", 6)("Jul", 7)("Aug", 8)("Sep", 9)("Oct", 10)(
            "Nov", 11)("Dec", 12);
    }
} const month;
} // namespace prompt_detail

struct session_time_class : note_span {};
session_time_type const session_time_rule = "session time";
// "Thu Sep  8 11:22:33.000 2016 (UTC + 2:00)": weekday, month, day, time, year; the zone is skipped.
auto const session_time_rule_def =
    x3::omit[x3::lexeme[+x3::ascii::alpha]] >> prompt_detail::month >> x3::uint_ >> x3::uint_ >> ':' >>
    x3::uint_ >> ':' >> x3::double_ >> x3::uint_ >> x3::omit[*x3::char_];

BOOST_SPIRIT_DEFINE(prompt_line_rule, session_marker_rule, session_time_rule)

} // namespace dbgsift::grammar
