// SPDX-License-Identifier: MIT
// `!htrace` rows on real lines: corpus/htrace/001.txt (kernel, MS docs) and
// corpus/htrace/002.txt (user-mode -diff, CppResourceLeaks readme).
#include "grammars/htrace/htrace.hpp"
#include "support/parse_line.hpp"
#include <doctest/doctest.h>

using dbgsift::grammar::parse_line;
namespace g = dbgsift::grammar;

TEST_SUITE_BEGIN("grammar/htrace");

TEST_CASE("grammar::htrace_entry, user and kernel") {
    std::vector<dbgsift::diagnostic> diags;
    g::ast::htrace_entry e;
    // corpus/htrace/002.txt:7
    REQUIRE(parse_line("Handle = 0x0000003c - OPEN", 7, g::htrace_entry(), e, diags));
    CHECK(e.handle == 0x3c);
    CHECK(e.operation == g::ast::htrace_operation::open);
    // corpus/htrace/001.txt:9
    REQUIRE(parse_line("Handle 0x7CC - CLOSE:", 9, g::htrace_entry(), e, diags));
    CHECK(e.handle == 0x7cc);
    CHECK(e.operation == g::ast::htrace_operation::close);
    // corpus/htrace/001.txt:69
    REQUIRE(parse_line("Handle 0x7DC - BAD REFERENCE:", 69, g::htrace_entry(), e, diags));
    CHECK(e.operation == g::ast::htrace_operation::bad_reference);
    CHECK(diags.empty());
}

TEST_CASE("grammar::htrace_thread and summaries") {
    std::vector<dbgsift::diagnostic> diags;
    g::ast::htrace_thread t;
    // corpus/htrace/002.txt:8
    REQUIRE(parse_line("Thread ID = 0x000017ec, Process ID = 0x000017e8", 8, g::htrace_thread(), t, diags));
    CHECK(t.thread == 0x17ec);
    CHECK(t.process == 0x17e8);
    g::ast::htrace_note n;
    // corpus/htrace/002.txt:3
    REQUIRE(parse_line("0xd9 new stack traces since the previous snapshot.", 3, g::htrace_note(), n, diags));
    CHECK(n.kind == g::ast::htrace_note_kind::new_traces);
    CHECK(n.value == 0xd9);
    // corpus/htrace/002.txt:43 (wrapped before "snapshot.")
    REQUIRE(parse_line("Displayed 0x4 stack traces for outstanding handles opened since the previous ", 43,
                       g::htrace_note(), n, diags));
    CHECK(n.kind == g::ast::htrace_note_kind::displayed);
    CHECK(n.value == 4);
    // corpus/htrace/001.txt:37
    REQUIRE(parse_line("Parsed 0x1CA stack traces.", 37, g::htrace_note(), n, diags));
    CHECK(n.kind == g::ast::htrace_note_kind::parsed);
    CHECK(n.value == 0x1ca);
    boost::spirit::x3::unused_type none;
    CHECK(parse_line("Ignoring handles that were already closed...", 4, g::htrace_chatter(), none, diags));
    CHECK(parse_line("Loaded \\\\...\\kdexts extension DLL", 3, g::htrace_chatter(), none, diags));
}
