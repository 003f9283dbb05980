// SPDX-License-Identifier: MIT
// The one driver every grammar rule runs through: one rule over one line (parse/ wraps it in
// LineAttempts and matches(), src/dbgsift/parse/line_attempts.hpp).
#pragma once
#include "config.hpp"
#include <string_view>

namespace dbgsift::grammar {

// Must the rule read the whole line, or may it stop before the end (a prefix, e.g. a header)?
enum class whole { line, prefix };

// True when `rule` read the line (all of it, trailing blanks allowed, unless `extent` is
// prefix). Expectation failures inside the rule append a diagnostic to `diags` through
// report_expectation.
// `indent`: how many blanks begin the text, when the caller knows (columns still count from the
// text's start). Every rule skips them first, so the rule starts past them: it read the same,
// but walked them once or more a line (its first word, each alternative tried again, the
// start a rule's on_success stamps) where the caller had measured them already (issue 14).
template <typename Rule, typename Attr>
bool parse_line(std::string_view text, std::uint32_t number, Rule const& rule, Attr& out,
                std::vector<diagnostic>& diags, whole extent = whole::line, std::size_t indent = 0) {
    line_context lc{number, text.data(), &diags};
    char const* first = text.data() + indent;
    char const* const last = text.data() + text.size();
    auto const parser = x3::with<line_context_tag>(lc)[rule];
    try {
        return x3::phrase_parse(first, last, parser, blank_run, out) &&
               (extent == whole::prefix || first == last);
    } catch (x3::expectation_failure<char const*> const& x) {
        // An expectation outside any rule with an on_error handler: still a diagnostic.
        diags.push_back({number, static_cast<std::uint32_t>(x.where() - text.data()),
                         expected_message(x.which())});
        return false;
    }
}

// The same rule, allowed to stop before the end of the line.
template <typename Rule, typename Attr>
bool parse_prefix(std::string_view text, std::uint32_t number, Rule const& rule, Attr& out,
                  std::vector<diagnostic>& diags) {
    return parse_line(text, number, rule, out, diags, whole::prefix);
}

} // namespace dbgsift::grammar
