// SPDX-License-Identifier: MIT
// Row shapes of `!poolused` output, as the text gives them (no meaning added here).
#pragma once
#include "../source.hpp"
#include "../text_range.hpp"
#include <boost/container/small_vector.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace dbgsift::grammar::ast {

// The words of a group or column header ("NonPaged", "Paged"; "Allocs" ... "Used"), ranges into
// the line read: eight columns and a cut last word fit in place, where a vector of strings was
// grown a word at a time on every header line, and on each the reader probed as a header (issue 14).
using header_words = boost::container::small_vector<text_range, 9>;

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
// The tag keeps no padding; `counts` holds as many numbers as the column header names; tag and
// description are ranges into the line read (the parser copies each once to the model).
struct pool_row : source_span {
    text_range tag;
    std::vector<std::uint64_t> counts;
    text_range description;
};

// "Mm control areas for mapped files , Binary: nt!mm" -> text before "Binary:", binary after.
// Both are ranges into the text read, not copies: the model keeps the whole description and
// the binary trimmed (a string here was built, then copied trimmed).
struct pool_description {
    text_range text;
    text_range binary;
};

} // namespace dbgsift::grammar::ast
