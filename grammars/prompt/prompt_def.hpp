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
    ((prompt_detail::kernel_prompt >> x3::attr(ast::prompt_target::kernel)) |
     (prompt_detail::user_prompt >> x3::attr(ast::prompt_target::user))) >>
    x3::omit[*prompt_detail::any_prompt] >> common::rest_of_line;

struct session_marker_class : note_span {};
session_marker_type const session_marker_rule = "session marker";
// "Windows 10 Kernel Version 19041 MP (4 procs) Free x64", "Windows 7 Version 7601 ..."
auto const os_banner = x3::omit[x3::lexeme[x3::lit("Windows") >> +(x3::char_ - x3::lit("Version")) >>
                                  "Version" >> +x3::ascii::blank >> &x3::ascii::digit]];
auto const session_marker_rule_def =
    (x3::lit("Opened log file") >> x3::attr(ast::session_marker_kind::log_opened) >> common::rest_of_line) |
    (x3::lit("Closing open log file") >> x3::attr(ast::session_marker_kind::log_closed) >> common::rest_of_line) |
    (x3::lit("Debug session time:") >> x3::attr(ast::session_marker_kind::session_time) >> common::rest_of_line) |
    (x3::lit("Machine Name:") >> x3::attr(ast::session_marker_kind::machine_name) >> common::rest_of_line) |
    (x3::lit("Microsoft (R) Windows Debugger Version") >> x3::attr(ast::session_marker_kind::debugger_banner) >>
     common::rest_of_line) |
    (&os_banner >> x3::attr(ast::session_marker_kind::os_version) >> common::rest_of_line);

namespace bare_detail {
// "-stat", "-flt", "/n"
auto const option = x3::lexeme[(x3::lit('-') | '/') >> +(x3::ascii::alnum | '_') >> common::token_end];
// "00360000", "fffffa80`0123abcd", "0x1f", "3"
auto const number = x3::lexeme[-common::lit_any_case("0x") >> +(x3::ascii::xdigit | '`') >> common::token_end];
// "s", "Ntfs", "Section", "notepad.exe", "nt!_EPROCESS": alphanumeric runs joined by single
// marks, so a sentence's "shows:" or "tag," is not one.
auto const mark = x3::lit('.') | '!' | ':' | '\\' | '-';
// A pool tag pattern may hold '*' and '?': "!poolfind * -nonpaged", "!poolused 2 Ntf*".
auto const word = x3::lexeme[+(x3::ascii::alnum | '_' | '*' | '?') % mark >> common::token_end];
// "@$peb", "@rcx", "@#Base": a register or pseudo-register as an argument
auto const register_ = x3::lexeme['@' >> -(x3::lit('$') | '#') >> +x3::ascii::alnum >> common::token_end];
auto const plain = option | number | register_;
// An extension's name: "heap", "mex.mheap", "kdexts.handle".
auto const extension = x3::lexeme['!' >> +(x3::ascii::alnum | '_') % '.' >> common::token_end];
} // namespace bare_detail

struct bare_command_class : note_span {};
bare_command_type const bare_command_rule = "command";
// At most two words among the arguments: "!heap -s shows the busy heaps" is a sentence.
auto const bare_command_rule_def = x3::raw[bare_detail::extension >> *bare_detail::plain >>
                                           -(bare_detail::word >> *bare_detail::plain >>
                                             -(bare_detail::word >> *bare_detail::plain))];

struct bare_plain_command_class : note_span {};
bare_plain_command_type const bare_plain_command_rule = "command";
auto const bare_plain_command_rule_def = x3::raw[bare_detail::extension >> *bare_detail::plain];

BOOST_SPIRIT_DEFINE(prompt_line_rule, session_marker_rule, bare_command_rule, bare_plain_command_rule)

} // namespace dbgsift::grammar
