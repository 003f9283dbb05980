// SPDX-License-Identifier: MIT
// A literal whose text is known when the grammar compiles: lit_fixed<"DirBase:"> reads what
// x3::lit("DirBase:") reads, to the same end, and a diagnostic names it the same way
// ("expected \"DirBase:\""). x3::lit compares its text a byte at a time, each byte also tested
// for the text's end; with the length fixed the compiler compares the whole word in a load or
// two (issue 14: the keys of every !process row, "Cid:", "ObjectTable:", went through it).
#pragma once
#include "../config.hpp"
#include "../../src/dbgsift/text/ascii.hpp"

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <string>

namespace dbgsift::grammar::common {

// The text of a literal as a template argument.
template <std::size_t N>
struct fixed_text {
    constexpr fixed_text(char const (&text)[N]) { std::copy_n(text, N, chars); }
    static constexpr std::size_t size = N - 1;  // without the '\0'
    char chars[N] = {};
};

// AnyCase: the text in any letter case, what lit_any_case("SessionId:") reads, to the same end.
// Most text spells the word as written: one compare of known length; only a text that differs
// is folded a byte at a time (issue 14: the "SessionId:" of every !process row went through a
// byte loop against a '\0'-ended text).
template <fixed_text Text, bool AnyCase = false>
struct fixed_literal : x3::parser<fixed_literal<Text, AnyCase>> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;

    template <typename Iterator, typename Context, typename RContext, typename Attribute>
    bool parse(Iterator& first, Iterator const& last, Context const& context, RContext const&,
               Attribute&) const {
        x3::skip_over(first, last, context);
        if (static_cast<std::size_t>(last - first) < Text.size ||
            (std::memcmp(&*first, Text.chars, Text.size) != 0 && !(AnyCase && same_folded(&*first)))) {
            return false;
        }
        first += Text.size;
        return true;
    }

    static bool same_folded(char const* text) {
        for (std::size_t i = 0; i < Text.size; ++i) {
            if (text::ascii_lower(text[i]) != text::ascii_lower(Text.chars[i])) {
                return false;
            }
        }
        return true;
    }
};

template <fixed_text Text>
inline constexpr fixed_literal<Text> lit_fixed{};

template <fixed_text Text>
inline constexpr fixed_literal<Text, true> lit_fixed_any_case{};

} // namespace dbgsift::grammar::common

// Named as X3 names x3::lit("text") in a diagnostic: the text in double quotes.
namespace boost::spirit::x3 {
template <dbgsift::grammar::common::fixed_text Text, bool AnyCase>
struct get_info<dbgsift::grammar::common::fixed_literal<Text, AnyCase>> {
    typedef std::string result_type;
    std::string operator()(dbgsift::grammar::common::fixed_literal<Text, AnyCase> const&) const {
        return '"' + std::string(Text.chars, Text.size) + '"';
    }
};
} // namespace boost::spirit::x3
