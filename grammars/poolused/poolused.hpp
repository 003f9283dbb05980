// SPDX-License-Identifier: MIT
// `!poolused` (any flags, /t N, a tag filter): command, headers, rows, TOTAL, descriptions.
#pragma once
#include "../config.hpp"
#include "../../src/dbgsift/text/byte_table.hpp"
#include "../../src/dbgsift/text/contains.hpp"
#include "ast.hpp"
#include <array>
#include <string_view>

namespace dbgsift::grammar {

DBGSIFT_RULE(poolused_command, ast::poolused_command)

// "Sorting by NonPaged Pool Consumed" -> "NonPaged Pool Consumed" (a range into the line read)
DBGSIFT_RULE(sorting_line, text_range)

// "NonPaged Pool Consumed" -> 'n'; "Paged ..." -> 'p'; "Session Tag" -> 's'; "Tag" -> 't'
DBGSIFT_RULE(sort_pool, ast::sort_key)

// "Pool Used:"
DBGSIFT_RULE(pool_used_title, x3::unused_type)

// "NonPaged                  Paged" -> {"NonPaged", "Paged"}; a wrapped "... Page" keeps "Page".
DBGSIFT_RULE(pool_group_header, ast::header_words)

// "Tag    Allocs    Frees     Diff     Used" -> {"Allocs", "Frees", "Diff", "Used"}
DBGSIFT_RULE(pool_column_header, ast::header_words)

// Any tag followed by one or more numbers: only to guess the layout when no header was seen.
DBGSIFT_RULE(pool_row_any, ast::pool_row)

// "Mm control areas for mapped files , Binary: nt!mm"
DBGSIFT_RULE(pool_description, ast::pool_description)

// "UNKNOWN pooltag 'SaSc', please update pooltag.txt" -> "SaSc"
DBGSIFT_RULE(unknown_pooltag, std::string)
// name_starts: the bytes a rule may start with (see grammars/config.hpp).
inline constexpr std::string_view unknown_pooltag_starts = "U";  // UNKNOWN
inline constexpr std::string_view pool_total_starts = "T";       // TOTAL

// The kd cache chatter some debuggers print before the table ("*** CacheSize too low ...").
DBGSIFT_RULE(kd_cache_note, x3::unused_type)

// Gates: what a line must start with, after its blanks (`rest`), for a rule to have a chance to
// read it: the rule's own first words. None of these rules has an expectation point, so a line
// a gate turns away is one the rule would refuse without a diagnostic, and the parser may skip
// the rule there (tests/grammars/rule_starts_test.cpp). Most lines are tag rows, and a tag led
// by 'T', 'N', 'P' or a digit was read by these rules to its second byte or further.
inline bool pool_group_header_may_start(std::string_view rest) {  // "NonPaged", "Paged"
    return rest.starts_with("NonPaged") || rest.starts_with("Paged");
}
inline bool pool_column_header_may_start(std::string_view rest) { return rest.starts_with("Tag"); }
// kd_cache_note's literal openings; or digits, blanks and "full reads"; or the progress dots.
inline constexpr std::array<std::string_view, 10> kd_cache_note_openings = {
    "Using a machine size", "*** CacheSize", "Max cache size", "Total memory in cache",
    "Number of regions cached", "counts:", "bytes :", "bytes:", "** Transition PTEs", "** Prototype PTEs"};
// Their first bytes, the digits and the dot: most tag rows are turned away by one load.
inline constexpr text::ByteTable kd_cache_note_firsts =
    text::either(text::first_bytes_of(kd_cache_note_openings), text::bytes_of("0123456789."));
inline bool kd_cache_note_may_start(std::string_view rest) {
    if (rest.empty() || !text::holds(kd_cache_note_firsts, rest.front())) {
        return false;
    }
    std::size_t digits = 0;
    while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') {
        ++digits;
    }
    if (digits > 0) {
        rest.remove_prefix(digits);
        return rest.substr(text::first_non_blank(rest)).starts_with("full reads");
    }
    return rest.starts_with('.') || text::starts_with_any(rest, kd_cache_note_openings);
}

// A row with exactly `columns` numbers (2, 3, 4, 6 or 8: the layouts !poolused prints).
// Once the first number is read the others must follow; a cut row becomes a diagnostic.
bool parse_pool_row(std::string_view text, std::uint32_t line, std::size_t columns,
                    ast::pool_row& out, std::vector<diagnostic>& diags);
// "TOTAL  43424  634209952  63565  126487760" with exactly `columns` numbers.
bool parse_pool_total(std::string_view text, std::uint32_t line, std::size_t columns,
                      std::vector<std::uint64_t>& out, std::vector<diagnostic>& diags);
// True for the layouts parse_pool_row knows.
bool is_pool_row_width(std::size_t columns);

} // namespace dbgsift::grammar
