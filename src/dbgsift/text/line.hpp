// SPDX-License-Identifier: MIT
// A decoded line: UTF-8 text, exotic blanks and typographic quotes already made plain.
#pragma once
#include <cstdint>
#include <string>

namespace dbgsift::text {

struct Line {
    std::uint32_t number = 0;  // 1-based line in the original file
    std::string text;
    bool truncated = false;    // longer than k_max_line_bytes; the rest was dropped
};

// Longest line kept; a longer one is cut here and flagged, so memory stays bounded.
inline constexpr std::size_t k_max_line_bytes = 1 << 20;

} // namespace dbgsift::text
