// SPDX-License-Identifier: MIT
// `!poolused` (any flags, /t N, a tag filter): command, headers, rows, TOTAL, descriptions.
#pragma once
#include "../config.hpp"
#include "ast.hpp"
#include <string_view>

namespace dbgsift::grammar {

struct poolused_command_class;
using poolused_command_type = x3::rule<poolused_command_class, ast::poolused_command>;
BOOST_SPIRIT_DECLARE(poolused_command_type)
poolused_command_type const& poolused_command();

// "Sorting by NonPaged Pool Consumed" -> "NonPaged Pool Consumed"
struct sorting_line_class;
using sorting_line_type = x3::rule<sorting_line_class, std::string>;
BOOST_SPIRIT_DECLARE(sorting_line_type)
sorting_line_type const& sorting_line();

// "NonPaged Pool Consumed" -> 'n'; "Paged ..." -> 'p'; "Session Tag" -> 's'; "Tag" -> 't'
struct sort_pool_class;
using sort_pool_type = x3::rule<sort_pool_class, char>;
BOOST_SPIRIT_DECLARE(sort_pool_type)
sort_pool_type const& sort_pool();

// "Pool Used:"
struct pool_used_title_class;
using pool_used_title_type = x3::rule<pool_used_title_class>;
BOOST_SPIRIT_DECLARE(pool_used_title_type)
pool_used_title_type const& pool_used_title();

// "NonPaged                  Paged" -> {"NonPaged", "Paged"}; a wrapped "... Page" keeps "Page".
struct pool_group_header_class;
using pool_group_header_type = x3::rule<pool_group_header_class, std::vector<std::string>>;
BOOST_SPIRIT_DECLARE(pool_group_header_type)
pool_group_header_type const& pool_group_header();

// "Tag    Allocs    Frees     Diff     Used" -> {"Allocs", "Frees", "Diff", "Used"}
struct pool_column_header_class;
using pool_column_header_type = x3::rule<pool_column_header_class, std::vector<std::string>>;
BOOST_SPIRIT_DECLARE(pool_column_header_type)
pool_column_header_type const& pool_column_header();

// Any tag followed by one or more numbers: only to guess the layout when no header was seen.
struct pool_row_any_class;
using pool_row_any_type = x3::rule<pool_row_any_class, ast::pool_row>;
BOOST_SPIRIT_DECLARE(pool_row_any_type)
pool_row_any_type const& pool_row_any();

// "Mm control areas for mapped files , Binary: nt!mm"
struct pool_description_class;
using pool_description_type = x3::rule<pool_description_class, ast::pool_description>;
BOOST_SPIRIT_DECLARE(pool_description_type)
pool_description_type const& pool_description();

// "UNKNOWN pooltag 'SaSc', please update pooltag.txt" -> "SaSc"
struct unknown_pooltag_class;
using unknown_pooltag_type = x3::rule<unknown_pooltag_class, std::string>;
BOOST_SPIRIT_DECLARE(unknown_pooltag_type)
unknown_pooltag_type const& unknown_pooltag();

// The kd cache chatter some debuggers print before the table ("*** CacheSize too low ...").
struct kd_cache_note_class;
using kd_cache_note_type = x3::rule<kd_cache_note_class>;
BOOST_SPIRIT_DECLARE(kd_cache_note_type)
kd_cache_note_type const& kd_cache_note();

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
