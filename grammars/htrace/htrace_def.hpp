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
using common::lit_fixed;

auto const since_previous = lit_fixed<"since"> >> lit_fixed<"the"> >> (lit_fixed<"previous"> | lit_fixed<"last">);

} // namespace htrace_detail

namespace htd = htrace_detail;
namespace hk = ast;

// "!htrace -diff", "!htrace 0 81400300"
struct htrace_command_class {};
htrace_command_type const htrace_command_rule = "!htrace command";
auto const htrace_command_rule_def =
    common::keyword(common::lit_any_case("!htrace")) >> *common::word;

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
    (x3::attr(hk::htrace_note_kind::new_traces) >> htd::hex_value >> htd::lit_fixed<"new"> >>
     htd::lit_fixed<"stack"> >> htd::lit_fixed<"traces"> >> htd::since_previous >> htd::lit_fixed<"snapshot.">) |
    (htd::lit_fixed<"Displayed"> >> x3::attr(hk::htrace_note_kind::displayed) >> htd::hex_value >>
     htd::lit_fixed<"stack"> >> htd::lit_fixed<"traces"> >> htd::lit_fixed<"for"> >> htd::lit_fixed<"outstanding"> >>
     htd::lit_fixed<"handles"> >> htd::lit_fixed<"opened"> >> htd::since_previous >> -htd::lit_fixed<"snapshot.">) |
    (htd::lit_fixed<"Parsed"> >> x3::attr(hk::htrace_note_kind::parsed) >> htd::hex_value >> htd::lit_fixed<"stack"> >>
     htd::lit_fixed<"traces.">) |
    (htd::lit_fixed<"Dumped"> >> x3::attr(hk::htrace_note_kind::dumped) >> htd::hex_value >> htd::lit_fixed<"stack"> >>
     htd::lit_fixed<"traces.">) |
    (common::keyword(htd::lit_fixed<"Process">) >> x3::attr(hk::htrace_note_kind::process) >> htd::hex_value) |
    (htd::lit_fixed<"ObjectTable"> >> x3::attr(hk::htrace_note_kind::object_table) >> htd::hex_value) |
    (htd::lit_fixed<"No"> >> htd::lit_fixed<"outstanding"> >> htd::lit_fixed<"handles"> >> htd::lit_fixed<"opened"> >>
     htd::since_previous >> htd::lit_fixed<"snapshot"> >> htd::lit_fixed<"were"> >> htd::lit_fixed<"detected."> >>
     x3::attr(hk::htrace_note_kind::none_outstanding) >> x3::attr(std::uint64_t{0}));

struct htrace_chatter_class {};
htrace_chatter_type const htrace_chatter_rule = "!htrace chatter";
auto const htrace_chatter_rule_def =
    common::run_of<'-'> | common::run_of<'*'> |
    (htd::lit_fixed<"Handle"> >> htd::lit_fixed<"tracing"> >>
     (htd::lit_fixed<"enabled."> | htd::lit_fixed<"disabled."> |
      (htd::lit_fixed<"information"> >> htd::lit_fixed<"snapshot"> >> htd::lit_fixed<"successfully"> >>
       htd::lit_fixed<"taken.">))) |
    (htd::lit_fixed<"Ignoring"> >> htd::lit_fixed<"handles"> >> htd::lit_fixed<"that"> >> htd::lit_fixed<"were"> >>
     htd::lit_fixed<"already"> >> htd::lit_fixed<"closed...">) |
    (htd::lit_fixed<"Outstanding"> >> htd::lit_fixed<"handles"> >> htd::lit_fixed<"opened"> >> htd::since_previous >>
     htd::lit_fixed<"snapshot:">) |
    (htd::lit_fixed<"Loaded"> >> common::word >> htd::lit_fixed<"extension"> >> htd::lit_fixed<"DLL">) |
    htd::lit_fixed<"snapshot.">;

BOOST_SPIRIT_DEFINE(htrace_command_rule, htrace_entry_rule, htrace_thread_rule, htrace_note_rule,
                    htrace_chatter_rule)

} // namespace dbgsift::grammar
