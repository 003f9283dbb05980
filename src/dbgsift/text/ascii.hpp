// SPDX-License-Identifier: MIT
// ASCII character classes as the "C" locale has them (dbgsift never sets another), written
// out: <cctype>'s calls cost more than the loops around them on every line, and a byte >= 0x80
// is never a letter here. The one set the text layer, the grammars and the rules share.
#pragma once

#include <cstddef>
#include <string_view>

namespace dbgsift::text {

constexpr bool is_ascii_lower(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool is_ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool is_ascii_alpha(char c) { return is_ascii_lower(c) || is_ascii_upper(c); }
constexpr bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
// isspace: blank, tab, LF, VT, FF, CR.
constexpr bool is_ascii_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
// tolower: A-Z to a-z, every other byte as it is.
constexpr char ascii_lower(char c) { return is_ascii_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
// Where the run of decimal digits at `at` ends (`at` itself when none is there).
constexpr std::size_t end_of_digits(std::string_view s, std::size_t at) {
    while (at < s.size() && is_ascii_digit(s[at])) {
        ++at;
    }
    return at;
}

} // namespace dbgsift::text
