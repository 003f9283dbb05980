// SPDX-License-Identifier: MIT
// Small text helpers the rules share: names are compared without regard to case.
#pragma once
#include "../format/format.hpp"
#include "../text/ascii.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>
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

inline bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && equals_ignoring_case(text.substr(0, prefix.size()), prefix);
}

inline bool ends_with_ignoring_case(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && equals_ignoring_case(text.substr(text.size() - suffix.size()), suffix);
}

// Whether `name` is one of `names` (a list of string_views), case-blind: the lists of known
// modules are asked for every row or frame, so nothing is lowered into a copy.
template <typename Names>
bool equals_any_ignoring_case(std::string_view name, Names const& names) {
    return std::any_of(std::begin(names), std::end(names),
                       [name](std::string_view n) { return equals_ignoring_case(name, n); });
}

inline std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), ascii_lower);
    return out;
}

} // namespace dbgsift::infer

namespace dbgsift::infer {

// 14391520 -> "14,391,520": the report's own count, one grouping for every sentence.
inline std::string grouped(std::uint64_t n) { return format::count(n); }

} // namespace dbgsift::infer
