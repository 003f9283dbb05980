// SPDX-License-Identifier: MIT
// Small text helpers the rules share: names are compared without regard to case.
#pragma once
#include "../text/ascii.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

namespace dbgsift::infer {

// Names are lowered for every row a rule looks at: std::tolower's call per byte cost too much.
using text::ascii_lower;

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
