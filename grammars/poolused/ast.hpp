// SPDX-License-Identifier: MIT
// Row shapes of `!poolused` output, as the text gives them (no meaning added here).
#pragma once
#include "../source.hpp"
#include "../text_range.hpp"
#include <cstdint>
#include <string>
#include <vector>

namespace dbgsift::grammar::ast {

// The first word of "Sorting by ...": which pool the table is sorted by, or by tag alone.
enum class sort_key { nonpaged, paged, session, tag };

// "!poolused /t5 2", "!poolused 1 Hack": flags, top-N and tag filter as typed.
struct poolused_command {
    std::uint64_t flags = 0;
    bool has_flags = false;
    std::uint64_t top = 0;
    std::string tag_filter;
};

// " Ddk   9074558  3859522  5215036  Default for driver allocated memory (user's of ntddk.h)"
// The tag keeps no padding; `counts` holds as many numbers as the column header names; the
// description is a range into the line read (the parser copies it once, trimmed, to the model).
struct pool_row : source_span {
    std::string tag;
    std::vector<std::uint64_t> counts;
    text_range description;
};

// "Mm control areas for mapped files , Binary: nt!mm" -> text before "Binary:", binary after.
// The text is a range into the line read, not a copy: the model keeps the whole description.
struct pool_description {
    text_range text;
    std::string binary;
};

} // namespace dbgsift::grammar::ast
