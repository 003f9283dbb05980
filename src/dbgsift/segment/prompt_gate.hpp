// SPDX-License-Identifier: MIT
// The reader's byte-level gate in front of the prompt grammar (grammar::prompt_line): a
// necessary condition of it, never sufficient, so most lines never reach the grammar.
// tests/segment/prompt_gate_test.cpp checks it on every corpus line the grammar reads.
#pragma once
#include "../text/ascii.hpp"

#include <cassert>
#include <cstddef>
#include <string_view>

namespace dbgsift::segment {

// Every prompt ends in '>' and starts with "**", a digit, "lkd" or "kd" (its number is an
// x3::uint_, which takes no sign).
constexpr bool may_start_prompt(char first) {
    return first == '*' || first == 'l' || first == 'k' || text::is_ascii_digit(first);
}

// `indent`: where the line's text starts after its blanks (the grammar skips them), before the
// line's end (`indent < line.size()`: a blank line is no prompt, and the caller has its first
// byte already). A digit-led prompt goes on with ':' right after its number ("0: kd>",
// "0:000>"): most digit-led lines are rows of numbers, turned away there before the search for
// '>' (a library call on each, issue 14).
inline bool may_be_prompt(std::string_view line, std::size_t indent) {
    assert(indent < line.size());
    char const first = line[indent];
    if (text::is_ascii_digit(first)) {
        auto const at = text::end_of_digits(line, indent + 1);
        if (at == line.size() || line[at] != ':') {
            return false;
        }
    } else if (!may_start_prompt(first)) {
        return false;
    }
    return line.find('>', indent) != std::string_view::npos;
}

} // namespace dbgsift::segment
