// SPDX-License-Identifier: MIT
// Blanks at both ends of a decoded line (spaces and tabs: the decoder already made NBSP a space).
#pragma once
#include <string_view>

namespace dbgsift::text {

inline std::string_view trim(std::string_view s) {
    auto const first = s.find_first_not_of(" \t");
    if (first == std::string_view::npos) {
        return {};
    }
    auto const last = s.find_last_not_of(" \t");
    return s.substr(first, last - first + 1);
}

} // namespace dbgsift::text
