// SPDX-License-Identifier: MIT
// Trying several row rules on one line: a rule that fails part-way leaves an expectation
// diagnostic, which only matters when no other rule reads the line. Keep them aside and
// report the one that got furthest.
#pragma once
#include "../../../grammars/parse_line.hpp"
#include "block_parser.hpp"

#include "../text/trim.hpp"

#include <algorithm>

namespace dbgsift::parse {

class LineAttempts {
public:
    LineAttempts(text::Line const& line, BlockContext& ctx) : m_line(line), m_ctx(ctx) {}

    template <typename Rule, typename Attr>
    bool read(Rule const& rule, Attr& out) {
        return grammar::parse_line(m_line.text, m_line.number, rule, out, m_scratch);
    }

    // No rule read the line: push the diagnostic of the rule that got furthest, or `why`.
    LineVerdict give_up(std::string_view why) {
        if (m_scratch.empty()) {
            m_ctx.diagnose(m_line.number, 0, std::string(why));
        } else {
            auto const best = std::max_element(
                m_scratch.begin(), m_scratch.end(),
                [](diagnostic const& a, diagnostic const& b) { return a.column < b.column; });
            m_ctx.diagnostics.push_back(*best);
        }
        return LineVerdict::not_understood;
    }

    text::Line const& line() const { return m_line; }

private:
    text::Line const& m_line;
    BlockContext& m_ctx;
    std::vector<diagnostic> m_scratch;
};

// Blanks off both ends, as an owned string for the model (the decoder already split at CR).
inline std::string trimmed(std::string_view s) { return std::string(text::trim(s)); }

// "!process 0 0" typed after a prompt, maybe still wrapped in a blog's "**bold**".
inline std::string_view without_bold(std::string_view command) {
    while (command.starts_with('*')) {
        command.remove_prefix(1);
    }
    return command;
}

} // namespace dbgsift::parse
