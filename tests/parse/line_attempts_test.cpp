// SPDX-License-Identifier: MIT
// The one parse driver: several rules tried on one line, and when none reads it, the
// diagnostic of the rule that got furthest (whatever order the rules were tried in).
#include "dbgsift/parse/line_attempts.hpp"
#include "grammars/vm/vm.hpp"

#include <doctest/doctest.h>

namespace g = dbgsift::grammar;
using dbgsift::parse::LineAttempts;

namespace {

struct Tried {
    dbgsift::model::Snapshot snapshot;
    std::vector<dbgsift::model::Diagnostic> diags;
};

} // namespace

TEST_SUITE_BEGIN("parse/line_attempts");

TEST_CASE("LineAttempts gives up with the diagnostic that got furthest") {
    // "Current: 5 (" (a cut !vm page-file line, as corpus/vm/002.txt:6 "Current: 98304Kb Free
    // Space: ..." with the rest lost): vm_page_file_sizes fails at column 8 (no "Kb" after 5),
    // vm_counter reads "Current: 5 (" and fails at column 12 (no number inside the parenthesis).
    dbgsift::text::Line const line{7, "Current: 5 (", false};
    g::ast::vm_page_file_sizes sizes;
    g::ast::vm_counter counter;
    SUBCASE("page-file rule first") {
        Tried t;
        dbgsift::parse::BlockContext ctx{t.snapshot, t.diags, 0, "!vm"};
        LineAttempts attempt(line, ctx);
        CHECK_FALSE(attempt.read(g::vm_page_file_sizes(), sizes));
        CHECK_FALSE(attempt.read(g::vm_counter(), counter));
        CHECK(attempt.give_up("not a !vm row") == dbgsift::parse::LineVerdict::not_understood);
        REQUIRE(t.diags.size() == 1);
        CHECK(t.diags[0].line == 7);
        CHECK(t.diags[0].column == 12);
        CHECK(t.diags[0].message == "expected number");
    }
    SUBCASE("counter rule first: the same diagnostic") {
        Tried t;
        dbgsift::parse::BlockContext ctx{t.snapshot, t.diags, 0, "!vm"};
        LineAttempts attempt(line, ctx);
        CHECK_FALSE(attempt.read(g::vm_counter(), counter));
        CHECK_FALSE(attempt.read(g::vm_page_file_sizes(), sizes));
        attempt.give_up("not a !vm row");
        REQUIRE(t.diags.size() == 1);
        CHECK(t.diags[0].column == 12);
    }
    SUBCASE("no rule got anywhere: the parser's own words, at the column it gives") {
        Tried t;
        dbgsift::parse::BlockContext ctx{t.snapshot, t.diags, 0, "!vm"};
        dbgsift::text::Line const prose{9, "  nothing a rule knows", false};
        LineAttempts attempt(prose, ctx);
        CHECK_FALSE(attempt.read(g::vm_counter(), counter));
        attempt.give_up("not a !vm row", 2);
        REQUIRE(t.diags.size() == 1);
        CHECK(t.diags[0].line == 9);
        CHECK(t.diags[0].column == 2);
        CHECK(t.diags[0].message == "not a !vm row");
    }
}

TEST_CASE("matches() answers without a diagnostic") {
    g::ast::vm_counter counter;
    CHECK(dbgsift::parse::matches("Physical Memory:  1572637 (   6290548 Kb)", g::vm_counter(), counter));
    CHECK(counter.pages == 1572637);
    CHECK_FALSE(dbgsift::parse::matches("Current: 5 (", g::vm_counter(), counter));
}

TEST_CASE("lead() is the first byte after blanks: a rule whose first word cannot start with it is skipped") {
    Tried t;
    dbgsift::parse::BlockContext ctx{t.snapshot, t.diags, 0, "!vm"};
    // "         Current:     98304Kb Free Space:     61044Kb" (corpus/vm/002.txt:6), cut.
    dbgsift::text::Line const line{6, " \t        Current: 5 (", false};
    LineAttempts attempt(line, ctx);
    CHECK(attempt.lead() == 'C');
    CHECK(attempt.may_start("CM"));      // vm_page_file_sizes: "Current:", "Minimum:"
    CHECK_FALSE(attempt.may_start("PN")); // vm_page_file: "Page File:", "Paging File", "No Name"
    // Why skipping is safe: the page-file rule, tried anyway, fails at its first word and
    // leaves nothing behind, so give_up reports the parser's own words, not the rule's.
    g::ast::vm_page_file page_file;
    CHECK_FALSE(attempt.read(g::vm_page_file(), page_file));
    attempt.give_up("not a !vm row", 11);
    REQUIRE(t.diags.size() == 1);
    CHECK(t.diags[0].message == "not a !vm row");

    dbgsift::text::Line const blank{8, "  \t ", false};
    LineAttempts on_blank(blank, ctx);
    CHECK(on_blank.lead() == '\0');
    CHECK_FALSE(on_blank.may_start("CM"));
}

TEST_CASE("lead() takes the indentation the reader measured, for that line only") {
    Tried t;
    // "    DirBase: 001ab000  ObjectTable: e1000c98  HandleCount: 1083." (a !process 0 0 row)
    dbgsift::text::Line const row{4, "    DirBase: 001ab000  ObjectTable: e1000c98  HandleCount: 1083.", false};
    dbgsift::parse::BlockContext ctx{t.snapshot, t.diags, 0, "!process 0 0", &row, 4};
    CHECK(LineAttempts(row, ctx).lead() == 'D');
    // Another line (a parser's own, rebuilt one) is measured anew, whatever the context says.
    dbgsift::text::Line const other{4, "  \tImage: System", false};
    CHECK(LineAttempts(other, ctx).lead() == 'I');
    dbgsift::text::Line const blank{5, "    ", false};
    dbgsift::parse::BlockContext at_end{t.snapshot, t.diags, 0, "!process 0 0", &blank, 4};
    CHECK(LineAttempts(blank, at_end).lead() == '\0');
}

TEST_CASE("read() starts a rule past the indentation, and reads and diagnoses as from the line's start") {
    // The same rows as matches() reads from their first byte: the same values, spans counted
    // from the line's start, and a failure's column in the line, not after its blanks.
    g::ast::vm_counter from_start;
    REQUIRE(dbgsift::parse::matches("   \t Physical Memory:  1572637 (   6290548 Kb)", g::vm_counter(), from_start));
    dbgsift::text::Line const row{3, "   \t Physical Memory:  1572637 (   6290548 Kb)", false};
    dbgsift::text::Line const cut{4, "      Current: 5 (", false};
    for (bool const measured : {true, false}) {
        CAPTURE(measured);
        Tried t;
        dbgsift::parse::BlockContext ctx{t.snapshot, t.diags, 0, "!vm", measured ? &row : nullptr, measured ? 5u : 0u};
        g::ast::vm_counter counter;
        REQUIRE(LineAttempts(row, ctx).read(g::vm_counter(), counter));
        CHECK(counter.pages == from_start.pages);
        CHECK(counter.kb == from_start.kb);
        CHECK(counter.line == 3);
        CHECK(counter.col_begin == 5);
        CHECK(counter.col_begin == from_start.col_begin);
        CHECK(counter.col_end == from_start.col_end);

        LineAttempts attempt(cut, ctx);
        CHECK_FALSE(attempt.read(g::vm_counter(), counter));
        attempt.give_up("not a !vm row");
        REQUIRE(t.diags.size() == 1);
        CHECK(t.diags[0].column == 18);
        CHECK(t.diags[0].message == "expected number");
    }
}

TEST_SUITE_END();
