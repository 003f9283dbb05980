// SPDX-License-Identifier: MIT
// The reader asks the prompt grammar only of lines segment::may_be_prompt lets through: it
// must let through every line the grammar reads as a prompt, on every corpus line and on the
// prompt forms the grammar allows.
#include "dbgsift/segment/prompt_gate.hpp"
#include "dbgsift/parse/line_attempts.hpp"
#include "dbgsift/text/trim.hpp"
#include "grammars/prompt/prompt.hpp"
#include "support/files.hpp"

#include <doctest/doctest.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace {

bool is_prompt(std::string_view line) {
    dbgsift::grammar::ast::prompt_line prompt;
    return dbgsift::parse::matches(line, dbgsift::grammar::prompt_line(), prompt);
}

// What the reader asks: the gate at the line's first byte after its blanks (none of a blank line).
bool passes_gate(std::string_view line) {
    auto const indent = dbgsift::text::first_non_blank(line);
    return indent < line.size() && dbgsift::segment::may_be_prompt(line, indent);
}

} // namespace

TEST_SUITE_BEGIN("segment/prompt_gate");

TEST_CASE("segment::may_be_prompt lets through every corpus line the prompt grammar reads") {
    std::size_t lines = 0, prompts = 0, digit_led = 0;
    for (auto const& text : dbgsift::test::texts_under(CORPUS_DIR)) {
        for (auto const line : dbgsift::test::lines_of(text)) {
            ++lines;
            if (!is_prompt(line)) {
                continue;
            }
            ++prompts;
            auto const indent = dbgsift::text::first_non_blank(line);
            digit_led += indent < line.size() && dbgsift::text::is_ascii_digit(line[indent]);
            if (!passes_gate(line)) {
                FAIL_CHECK("a prompt turned away: " << std::string(line));
            }
        }
    }
    CHECK(lines > 5000);
    CHECK(prompts > 100);
    CHECK(digit_led > 50);  // the forms the digit test is about are met
}

TEST_CASE("segment::may_be_prompt lets through every prompt form") {
    for (std::string_view const line :
         {"0: kd> !vm", "12: kd> !poolused 2", "  1: kd:x86> !heap -s", "kd> lm", "lkd> !process 0 0",
          "0:000> !heap -s", "\t0:012> k", "1:0:011> !locks", "0:000:x86> !handle", "**0: kd> !vm**",
          "** 0: kd> !vm", "0: kd> 0: kd> !vm", "123:  kd>", "007:000>"}) {
        INFO(line);
        REQUIRE(is_prompt(line));
        CHECK(passes_gate(line));
    }
}

TEST_CASE("segment::may_be_prompt turns away rows of numbers before looking for '>'") {
    CHECK_FALSE(passes_gate("00000000`00000000 > 3"));
    CHECK_FALSE(passes_gate("0 kd>"));
    CHECK_FALSE(passes_gate("12 > 3"));
    CHECK_FALSE(passes_gate("42"));
    CHECK(passes_gate("4:2>"));  // the gate is necessary, not sufficient
}

TEST_CASE("segment::may_be_prompt turns away a signed number: the grammar's x3::uint_ takes none") {
    for (std::string_view const line : {"+0: kd> !vm", "+0:000> k", "-1: kd> lm"}) {
        INFO(line);
        REQUIRE_FALSE(is_prompt(line));
        CHECK_FALSE(passes_gate(line));
    }
}

TEST_SUITE_END();
