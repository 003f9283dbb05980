// SPDX-License-Identifier: MIT
// A literal prefilter (as ripgrep does before its regex): a header grammar can only match a
// line that holds one of its literal words, and a substring search costs far less than a
// grammar attempt, so the header tests run on every line ask this first.
#pragma once
#include "trim.hpp"

#include <initializer_list>
#include <string_view>

namespace dbgsift::text {

inline bool contains_any(std::string_view line, std::initializer_list<std::string_view> words) {
    for (auto const word : words) {
        if (line.find(word) != std::string_view::npos) {
            return true;
        }
    }
    return false;
}

// True when the line, after its leading blanks, starts with one of `words` (for grammars that
// skip blanks and then begin with a literal).
inline bool starts_with_any(std::string_view line, std::initializer_list<std::string_view> words) {
    line.remove_prefix(first_non_blank(line));
    for (auto const word : words) {
        if (line.starts_with(word)) {
            return true;
        }
    }
    return false;
}

} // namespace dbgsift::text
