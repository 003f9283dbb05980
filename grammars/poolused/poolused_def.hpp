// SPDX-License-Identifier: MIT
// Spirit coding style: ID foo_class, type foo_type, definition foo_def, object foo.
// Included only by poolused.cpp.
#pragma once
#include "../common/common.hpp"
#include "../common/fixed_literal.hpp"
#include "ast_adapted.hpp"
#include "poolused.hpp"

namespace dbgsift::grammar {
namespace poolused_detail {
namespace c = common;

inline auto const set_flags = [](auto& ctx) {
    x3::_val(ctx).flags = x3::_attr(ctx);
    x3::_val(ctx).has_flags = true;
};
inline auto const set_top = [](auto& ctx) { x3::_val(ctx).top = x3::_attr(ctx); };
inline auto const set_tag = [](auto& ctx) { x3::_val(ctx).tag_filter = x3::_attr(ctx); };

// " CM        85    5440    11045 47915424": one to four characters; a blank may sit inside
// a tag only before a letter ("CM 85" is the tag "CM" and a number, never "CM 8").
// (x3::raw takes the tag as a range into the line, the inner blank included: the char parsers
// appended it a byte at a time, and a string was then copied to the model.)
auto const tag = x3::rule<struct tag_class, text_range>{"pool tag"} =
    x3::lexeme[x3::raw[x3::ascii::graph >>
                       x3::repeat(0, 3)[x3::ascii::graph |
                                        (x3::ascii::char_(' ') >> &(x3::ascii::graph - x3::ascii::digit))] >>
                       !x3::ascii::graph]];

// "9074558  3859522  5215036": exactly N numbers; after the first, each one is expected.
// What &number >> x3::repeat(N)[x3::expect[number]] reads (`number` a rule of common::count),
// to the same values and the same diagnostic ("expected number" past the blanks where one
// is missing), with each number read once: the look-ahead read the first twice, and X3's
// sequence could not take the first apart from the repeat without a vector of its own.
template <int N>
struct counts_parser : x3::parser<counts_parser<N>> {
    using attribute_type = std::vector<std::uint64_t>;
    static bool const has_attribute = true;

    template <typename Iterator, typename Context, typename RContext, typename Attribute>
    bool parse(Iterator& first, Iterator const& last, Context const& context, RContext& rcontext,
               Attribute& attr) const {
        for (int i = 0; i < N; ++i) {
            Iterator const before = first;
            std::uint64_t value = 0;
            if (!c::count.parse(first, last, context, rcontext, value)) {
                if (i == 0) {
                    first = before;
                    return false;  // no first number: not a row of numbers at all
                }
                // Where the expect[] threw: past the blanks the number's skip moved over.
                boost::throw_exception(x3::expectation_failure<Iterator>(first, "number"));
            }
            x3::traits::push_back(attr, value);
        }
        return true;
    }
};
template <int N>
auto const counts = x3::rule<struct counts_class, std::vector<std::uint64_t>>{"numbers"} = counts_parser<N>{};

auto const description = x3::rule<struct description_class, text_range>{"description"} =
    c::rest_of_line_range;

// "NonPaged", "Paged", and a last word that a narrow window may have cut ("Page").
// (x3::raw over fixed literals: each word one compare of known length and taken in one
// assignment; x3::string compared each alternative a byte at a time, on every header line
// of every table and on each the reader probed as a header.)
auto const pool_group =
    x3::lexeme[x3::raw[c::lit_fixed<"NonPaged"> | c::lit_fixed<"Paged">] >> !x3::ascii::graph];
// "Allocs", "Frees", "Diff", "Used" (only whole words; a cut last word is kept apart).
auto const column_name =
    x3::lexeme[x3::raw[c::lit_fixed<"Allocs"> | c::lit_fixed<"Frees"> | c::lit_fixed<"Diff"> |
                       c::lit_fixed<"Used">] >>
               !x3::ascii::graph];
auto const fragment = x3::lexeme[x3::raw[+x3::ascii::alpha]];

auto const quote = x3::lit('\'') | x3::lit('`') | x3::lit('"');

// Any byte but the 'B' that may start "Binary:": a description's text up to there in one call.
struct not_binary_start_byte {
    static constexpr c::byte_table taken = c::bytes_except("B");
};
// Read sixteen bytes a step (set_lanes::k_wide): a set that left it would read a byte a step
// without a word.
static_assert(c::set_lanes<not_binary_start_byte>::k_wide);

} // namespace poolused_detail

namespace pd = poolused_detail;

struct poolused_command_class {};
poolused_command_type const poolused_command_rule = "!poolused command";
// "!poolused /t5 2", "!poolused 1 Hack", "!poolused 4"
auto const poolused_command_rule_def =
    common::keyword(common::lit_any_case("!poolused")) >>
    *((x3::lit("/t") >> common::count)[pd::set_top] |
      x3::lexeme[common::count >> !x3::ascii::graph][pd::set_flags] |
      common::word[pd::set_tag]);

struct sorting_line_class : note_span {};
sorting_line_type const sorting_line_rule = "Sorting by line";
// " Sorting by NonPaged Pool Consumed"
auto const sorting_line_rule_def = x3::lit("Sorting") >> x3::lit("by") >> common::rest_of_line_range;

struct sort_pool_class {};
sort_pool_type const sort_pool_rule = "sort order";
// "NonPaged Pool Consumed", "Paged Pool Consumed", "Session Tag", "Tag"
struct sort_key_table : x3::symbols<ast::sort_key> {
    sort_key_table() {
        add("NonPaged", ast::sort_key::nonpaged)("Paged", ast::sort_key::paged)(
            "Session", ast::sort_key::session)("Tag", ast::sort_key::tag);
    }
} const sort_keys;
auto const sort_pool_rule_def = common::keyword(sort_keys);

struct pool_used_title_class {};
pool_used_title_type const pool_used_title_rule = "Pool Used:";
// " Pool Used:"
auto const pool_used_title_rule_def = x3::lit("Pool") >> x3::lit("Used") >> x3::lit(':');

struct pool_group_header_class {};
pool_group_header_type const pool_group_header_rule = "NonPaged / Paged header";
// "            NonPaged            Paged"
auto const pool_group_header_rule_def = +pd::pool_group >> -pd::fragment;

struct pool_column_header_class {};
pool_column_header_type const pool_column_header_rule = "column header";
// " Tag    Allocs    Frees     Diff     Used"
auto const pool_column_header_rule_def =
    common::keyword(x3::lit("Tag")) >> +pd::column_name >> -pd::fragment;

struct pool_row_any_class {};
pool_row_any_type const pool_row_any_rule = "!poolused row";
// "ABCD 1778517 1704538 73979 4734656 0 0 0 0 UNKNOWN pooltag 'ABCD', please update pooltag.txt"
auto const pool_row_any_rule_def =
    pd::tag >> +x3::lexeme[common::count >> !x3::ascii::graph] >> pd::description;

struct pool_description_class {};
pool_description_type const pool_description_rule = "pool tag description";
// "Mm control areas for mapped files , Binary: nt!mm"
// (x3::raw takes the text before "Binary:" as a range, no copy; a char_ loop appends it byte by
// byte. The runs without a 'B' are read a run a call: only at a 'B' is "Binary:" tried.)
auto const pool_description_rule_def =
    x3::lexeme[x3::raw[*(common::byte_run<pd::not_binary_start_byte>{} | (x3::char_ - common::lit_fixed<"Binary:">))]] >>
    ((common::lit_fixed<"Binary:"> >> common::rest_of_line_range) | x3::attr(text_range()));

struct unknown_pooltag_class {};
unknown_pooltag_type const unknown_pooltag_rule = "UNKNOWN pooltag note";
// "UNKNOWN pooltag 'SaSc', please update pooltag.txt" (typographic quotes already made ASCII)
auto const unknown_pooltag_rule_def =
    x3::lit("UNKNOWN") >> common::lit_any_case("pooltag") >>
    x3::lexeme[pd::quote >> *(x3::char_ - pd::quote) >> pd::quote] >> x3::omit[common::rest_of_line];

struct kd_cache_note_class {};
kd_cache_note_type const kd_cache_note_rule = "kd cache note";
// "*** CacheSize too low - increasing to 81 MB", "52044 full reads broken into 52083 partial reads"
// (Fixed literals, each one compare of known length: x3::lit compared a byte at a time.)
auto const kd_cache_note_rule_def =
    (common::lit_fixed<"Using a machine size"> | common::lit_fixed<"*** CacheSize"> | common::lit_fixed<"Max cache size"> |
     common::lit_fixed<"Total memory in cache"> | common::lit_fixed<"Number of regions cached"> |
     (common::count >> common::lit_fixed<"full reads">) | common::lit_fixed<"counts:"> | common::lit_fixed<"bytes :"> |
     common::lit_fixed<"bytes:"> | common::lit_fixed<"** Transition PTEs"> | common::lit_fixed<"** Prototype PTEs">) >>
        x3::omit[common::rest_of_line] |
    x3::lexeme[+x3::lit('.')];  // the progress dots alone, never ".UMD" (a real tag)

BOOST_SPIRIT_DEFINE(poolused_command_rule, sorting_line_rule, sort_pool_rule, pool_used_title_rule,
                    pool_group_header_rule, pool_column_header_rule, pool_row_any_rule,
                    pool_description_rule, unknown_pooltag_rule, kd_cache_note_rule)

// One row rule per layout width, each reporting a cut row at the missing number.
template <int N>
struct pool_row_n_class : note_span, report_expectation {};
template <int N>
auto const pool_row_n = x3::rule<pool_row_n_class<N>, ast::pool_row>{"!poolused row"} =
    pd::tag >> pd::counts<N> >> pd::description;

template <int N>
struct pool_total_n_class : report_expectation {};
template <int N>
auto const pool_total_n = x3::rule<pool_total_n_class<N>, std::vector<std::uint64_t>>{"TOTAL row"} =
    common::keyword(x3::lit("TOTAL")) >> pd::counts<N>;

} // namespace dbgsift::grammar
