// SPDX-License-Identifier: MIT
// The one driver every block parser uses: run a rule over one whole line.
#pragma once
#include "config.hpp"
#include <string_view>

namespace dbgsift::grammar {

// True when `rule` consumed the whole line (trailing blanks allowed). Expectation
// failures inside the rule append a diagnostic to `diags` through report_expectation.
template <typename Rule, typename Attr>
bool parse_line(std::string_view text, std::uint32_t number, Rule const& rule, Attr& out,
                std::vector<diagnostic>& diags) {
    line_context lc{number, text.data(), &diags};
    char const* first = text.data();
    char const* const last = first + text.size();
    auto const parser = x3::with<line_context_tag>(lc)[rule];
    try {
        return x3::phrase_parse(first, last, parser, x3::ascii::blank, out) && first == last;
    } catch (x3::expectation_failure<char const*> const& x) {
        // An expectation outside any rule with an on_error handler: still a diagnostic.
        diags.push_back({number, static_cast<std::uint32_t>(x.where() - text.data()),
                         "expected " + x.which()});
        return false;
    }
}

// Same, but the rule may stop before the end of the line (a prefix match, e.g. a header).
template <typename Rule, typename Attr>
bool parse_prefix(std::string_view text, std::uint32_t number, Rule const& rule, Attr& out,
                  std::vector<diagnostic>& diags) {
    line_context lc{number, text.data(), &diags};
    char const* first = text.data();
    char const* const last = first + text.size();
    auto const parser = x3::with<line_context_tag>(lc)[rule];
    try {
        return x3::phrase_parse(first, last, parser, x3::ascii::blank, out);
    } catch (x3::expectation_failure<char const*> const& x) {
        diags.push_back({number, static_cast<std::uint32_t>(x.where() - text.data()),
                         "expected " + x.which()});
        return false;
    }
}

} // namespace dbgsift::grammar
