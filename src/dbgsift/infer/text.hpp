// SPDX-License-Identifier: MIT
// Small text helpers the rules share: names are compared without regard to case.
#pragma once
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

namespace dbgsift::infer {

// std::tolower in the "C" locale (dbgsift never sets another), without its call per byte:
// names are lowered for every row a rule looks at.
inline char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// lower(a) == lower(b), without the two copies.
inline bool equals_ignoring_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

inline std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), ascii_lower);
    return out;
}

} // namespace dbgsift::infer

namespace dbgsift::infer {

// 14391520 -> "14,391,520"
inline std::string grouped(std::uint64_t n) {
    std::string const digits = std::to_string(n);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) {
            out += ',';
        }
        out += digits[i];
    }
    return out;
}

} // namespace dbgsift::infer
