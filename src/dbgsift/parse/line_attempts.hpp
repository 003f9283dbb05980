// SPDX-License-Identifier: MIT
// The one way a block parser tries grammar rules. On a line of its block: a LineAttempts
// tries rules one after another; a rule that fails part-way leaves an expectation diagnostic,
// which only matters when no other rule reads the line, so they are kept aside and give_up()
// reports the one that got furthest. Off a block (the typed command, a header probe):
// matches(), which keeps no diagnostic, because a "no" there is an answer, not an error.
#pragma once
#include "../../../grammars/parse_line.hpp"
#include "block_parser.hpp"

#include "../text/byte_table.hpp"
#include "../text/trim.hpp"

#include <algorithm>
#include <cstring>

namespace dbgsift::parse {

// Is `c` one of the few bytes of `set`? A plain loop, which the compiler unrolls over a short
// literal: shorter than a memchr call's own overhead.
[[gnu::always_inline]] inline bool is_one_of(char c, std::string_view set) {
    for (char const f : set) {
        if (f == c) {
            return true;
        }
    }
    return false;
}

class LineAttempts {
public:
    // The line's indent and lead byte are found here, once: every read and gate asks them.
    LineAttempts(text::Line const& line, BlockContext& ctx)
        : m_line(line), m_ctx(ctx),
          m_indent(ctx.measured == &line ? ctx.indent : text::first_non_blank(line.text)),
          m_lead(m_indent < line.text.size() ? line.text[m_indent] : '\0') {}

    // `rule` reads the whole line into `out`, from past the blanks that begin it (indent()).
    template <typename Rule, typename Attr>
    bool read(Rule const& rule, Attr& out) {
        return grammar::parse_line(m_line.text, m_line.number, rule, out, m_scratch, grammar::whole::line, indent());
    }

    // `rule` reads the whole of `text`, a line rebuilt from this one (a row a page break cut,
    // a field of the line); `number` is the line a diagnostic should cite.
    template <typename Rule, typename Attr>
    bool read(std::string_view text, std::uint32_t number, Rule const& rule, Attr& out) {
        return grammar::parse_line(text, number, rule, out, m_scratch);
    }

    // `rule` reads the start of `text` (the rest is not its business).
    template <typename Rule, typename Attr>
    bool read_prefix(std::string_view text, std::uint32_t number, Rule const& rule, Attr& out) {
        return grammar::parse_line(text, number, rule, out, m_scratch, grammar::whole::prefix);
    }

    // No rule read the line: push the diagnostic of the rule that got furthest, or `why` at
    // `column` when no rule got anywhere.
    LineVerdict give_up(std::string_view why, std::uint32_t column = 0) {
        if (m_scratch.empty()) {
            m_ctx.diagnose(m_line.number, column, std::string(why));
        } else {
            auto const best = std::max_element(
                m_scratch.begin(), m_scratch.end(),
                [](diagnostic const& a, diagnostic const& b) { return a.column < b.column; });
            m_ctx.diagnose(best->line, best->column, best->message);
        }
        return LineVerdict::not_understood;
    }

    text::Line const& line() const { return m_line; }

    // The line's first byte after blanks ('\0' when there is none). Every rule skips blanks
    // first, so a rule whose first word cannot begin with this byte fails right there, before
    // any expectation point and with no diagnostic: a parser may skip such a rule unasked, and
    // the line reads (or gives up) exactly as if it had been tried.
    char lead() const { return m_lead; }

    // Where the line's text starts after its blanks (text::first_non_blank): what the reader
    // measured already when this is the line it hands out (BlockContext::measured).
    std::size_t indent() const { return m_indent; }

    // The same question of a set kept as a byte table: one load, for a parser that asks it of
    // every line ('\0', a blank line's lead, is in no table made of words).
    bool led_by(text::ByteTable const& firsts) const { return firsts[static_cast<unsigned char>(lead())]; }

    // Can a rule whose first word starts with one of `firsts` read this line? (see lead())
    // A plain loop for the usual few bytes, shorter than a memchr call's own overhead; memchr
    // for a long set (any hex digit, !vm's markers), which a line often runs through in vain.
    bool may_start(std::string_view firsts) const {
        char const c = lead();
        if (firsts.size() > k_loop_bytes) {
            return std::memchr(firsts.data(), c, firsts.size()) != nullptr;
        }
        return is_one_of(c, firsts);
    }

private:
    static constexpr std::size_t k_loop_bytes = 8;  // about where a memchr call costs as much as the loop

    text::Line const& m_line;
    BlockContext& m_ctx;
    std::vector<diagnostic> m_scratch;
    std::size_t const m_indent;  // indent(): the reader's, or measured here
    char const m_lead;  // lead(); after m_indent, which it reads
};

// `rule` reads the whole of `text`: a trial outside any block, whose failure is no diagnostic.
template <typename Rule, typename Attr>
bool matches(std::string_view text, Rule const& rule, Attr& out) {
    std::vector<diagnostic> unwanted;
    return grammar::parse_line(text, 0, rule, out, unwanted);
}

// `rule` reads the start of `text`; a trial, as matches().
template <typename Rule, typename Attr>
bool matches_prefix(std::string_view text, Rule const& rule, Attr& out) {
    std::vector<diagnostic> unwanted;
    return grammar::parse_line(text, 0, rule, out, unwanted, grammar::whole::prefix);
}

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
