// SPDX-License-Identifier: MIT
// Spirit coding style: ID foo_class, type foo_type, definition foo_def, object foo.
// Included only by htrace.cpp.
#pragma once
#include "../common/common.hpp"
#include "../common/fixed_literal.hpp"
#include "ast_adapted.hpp"
#include "htrace.hpp"

namespace dbgsift::grammar {
namespace htrace_detail {

// "0x0000003c", "0x7CC"
auto const hex_value = x3::rule<struct hex_value_class, std::uint64_t>{"hex number"} =
    x3::lexeme[common::lit_fixed_any_case<"0x"> >> common::hex16];

struct operation_table : x3::symbols<ast::htrace_operation> {
    operation_table() {
        add("OPEN", ast::htrace_operation::open)("CLOSE", ast::htrace_operation::close)(
            "BAD REFERENCE", ast::htrace_operation::bad_reference);
    }
} const operation;

// The words of the notes and chatter below are fixed literals (lit_fixed reads what x3::lit
// reads): x3::lit compared its text a byte at a time, each byte also tested for its end.
auto const since_previous = common::lit_fixed<"since"> >> common::lit_fixed<"the"> >>
                            (common::lit_fixed<"previous"> | common::lit_fixed<"last">);

} // namespace htrace_detail

namespace htd = htrace_detail;
namespace hk = ast;

// "!htrace -diff", "!htrace 0 81400300"
struct htrace_command_class {};
htrace_command_type const htrace_command_rule = "!htrace command";
auto const htrace_command_rule_def =
    common::keyword(common::lit_any_case("!htrace")) >> *common::word_range;

// "Handle = 0x0000003c - OPEN"        (user mode)
// "Handle 0x7CC - BAD REFERENCE:"     (kernel mode)
struct htrace_entry_class : note_span, report_expectation {};
htrace_entry_type const htrace_entry_rule = "!htrace entry";
// (Fixed literals here and in the thread line: x3::lit compared its text a byte at a time.)
auto const htrace_entry_rule_def =
    common::lit_fixed<"Handle"> >> -x3::lit('=') >> htrace_detail::hex_value >> '-' > htd::operation > -x3::lit(':');

// "Thread ID = 0x000017ec, Process ID = 0x000017e8"
struct htrace_thread_class : note_span, report_expectation {};
htrace_thread_type const htrace_thread_rule = "!htrace thread line";
auto const htrace_thread_rule_def =
    common::lit_fixed<"Thread"> >> common::lit_fixed<"ID"> >> '=' > htd::hex_value > ',' >
    common::lit_fixed<"Process"> > common::lit_fixed<"ID"> > '=' > htd::hex_value;

// "0xd9 new stack traces since the previous snapshot."
// "Displayed 0x4 stack traces for outstanding handles opened since the previous [snapshot.]"
// "Parsed 0x1CA stack traces."  "Dumped 0x2 stack traces."
// "Process 0x815328B0"  "ObjectTable 0xE15ECBB8"
// "No outstanding handles opened since the previous snapshot were detected."
struct htrace_note_class : note_span {};
htrace_note_type const htrace_note_rule = "!htrace summary line";
auto const htrace_note_rule_def =
    (x3::attr(hk::htrace_note_kind::new_traces) >> htd::hex_value >> common::lit_fixed<"new"> >>
     common::lit_fixed<"stack"> >> common::lit_fixed<"traces"> >> htd::since_previous >>
     common::lit_fixed<"snapshot.">) |
    (common::lit_fixed<"Displayed"> >> x3::attr(hk::htrace_note_kind::displayed) >> htd::hex_value >>
     common::lit_fixed<"stack"> >> common::lit_fixed<"traces"> >> common::lit_fixed<"for"> >>
     common::lit_fixed<"outstanding"> >> common::lit_fixed<"handles"> >> common::lit_fixed<"opened"> >>
     htd::since_previous >> -common::lit_fixed<"snapshot.">) |
    (common::lit_fixed<"Parsed"> >> x3::attr(hk::htrace_note_kind::parsed) >> htd::hex_value >>
     common::lit_fixed<"stack"> >> common::lit_fixed<"traces.">) |
    (common::lit_fixed<"Dumped"> >> x3::attr(hk::htrace_note_kind::dumped) >> htd::hex_value >>
     common::lit_fixed<"stack"> >> common::lit_fixed<"traces.">) |
    (common::keyword(common::lit_fixed<"Process">) >> x3::attr(hk::htrace_note_kind::process) >> htd::hex_value) |
    (common::lit_fixed<"ObjectTable"> >> x3::attr(hk::htrace_note_kind::object_table) >> htd::hex_value) |
    (common::lit_fixed<"No"> >> common::lit_fixed<"outstanding"> >> common::lit_fixed<"handles"> >>
     common::lit_fixed<"opened"> >> htd::since_previous >> common::lit_fixed<"snapshot"> >>
     common::lit_fixed<"were"> >> common::lit_fixed<"detected."> >>
     x3::attr(hk::htrace_note_kind::none_outstanding) >> x3::attr(std::uint64_t{0}));

struct htrace_chatter_class {};
htrace_chatter_type const htrace_chatter_rule = "!htrace chatter";
auto const htrace_chatter_rule_def =
    common::run_of<'-'> | common::run_of<'*'> |
    (common::lit_fixed<"Handle"> >> common::lit_fixed<"tracing"> >>
     (common::lit_fixed<"enabled."> | common::lit_fixed<"disabled."> |
      (common::lit_fixed<"information"> >> common::lit_fixed<"snapshot"> >>
       common::lit_fixed<"successfully"> >> common::lit_fixed<"taken.">))) |
    (common::lit_fixed<"Ignoring"> >> common::lit_fixed<"handles"> >> common::lit_fixed<"that"> >>
     common::lit_fixed<"were"> >> common::lit_fixed<"already"> >> common::lit_fixed<"closed...">) |
    (common::lit_fixed<"Outstanding"> >> common::lit_fixed<"handles"> >> common::lit_fixed<"opened"> >>
     htd::since_previous >> common::lit_fixed<"snapshot:">) |
    (common::lit_fixed<"Loaded"> >> common::word >> common::lit_fixed<"extension"> >>
     common::lit_fixed<"DLL">) |
    common::lit_fixed<"snapshot.">;

BOOST_SPIRIT_DEFINE(htrace_command_rule, htrace_entry_rule, htrace_thread_rule, htrace_note_rule,
                    htrace_chatter_rule)

} // namespace dbgsift::grammar
