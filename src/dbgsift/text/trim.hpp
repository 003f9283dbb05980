// SPDX-License-Identifier: MIT
// Blanks at both ends of a decoded line (spaces and tabs: the decoder already made NBSP a space).
// Plain loops: std::string_view::find_first_not_of(" \t") calls memchr on its set once per
// blank, and these run several times on every line.
#pragma once
#include <string_view>

namespace dbgsift::text {

inline bool is_blank_byte(char c) { return c == ' ' || c == '\t'; }

// Index of the first byte that is not a blank (s.size() when there is none).
inline std::size_t first_non_blank(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size() && is_blank_byte(s[i])) {
        ++i;
    }
    return i;
}

inline std::string_view trim(std::string_view s) {
    std::size_t first = first_non_blank(s);
    std::size_t end = s.size();
    while (end > first && is_blank_byte(s[end - 1])) {
        --end;
    }
    return s.substr(first, end - first);
}

} // namespace dbgsift::text
