// SPDX-License-Identifier: MIT
// Small text helpers the rules share: names are compared without regard to case.
#pragma once
#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

namespace dbgsift::infer {

inline std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

} // namespace dbgsift::infer
