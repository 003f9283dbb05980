// SPDX-License-Identifier: MIT
// `!analyze` / `!analyze -v` -> model::BugCheck: the stop's title and code, Arg1..Arg4, and
// the module, image and symbol the extension names. The rest of its output (the bugcheck's
// description, KEY_VALUES, the stack, bucket ids) is the extension's own report, not a failed
// reading: those lines are ignored, not diagnosed.
#include "../../../grammars/bugcheck/bugcheck.hpp"
#include "commands.hpp"
#include "line_attempts.hpp"

namespace dbgsift::parse {
namespace {

namespace g = grammar;

bool is_analyze_command(std::string_view command) {
    boost::spirit::x3::unused_type none;
    return matches(text::trim(without_bold(text::trim(command))), g::analyze_command(), none);
}

class AnalyzeParser final : public BlockParser {
public:
    LineVerdict line(text::Line const& line, BlockContext& ctx) override {
        LineAttempts attempt(line, ctx);
        auto const here = ctx.loc(line.number);
        // Most lines of `!analyze -v` are its report's prose, which no rule reads: each rule is
        // tried only on a line led by a byte its first word starts with (grammar::*_starts).
        // A line no rule reads is ignored, never diagnosed, so nothing else depends on a try.
        if (g::ast::bugcheck_title t;
            !m_check && attempt.may_start(g::bugcheck_title_starts) && attempt.read(g::bugcheck_title(), t)) {
            m_check.emplace();
            m_check->name = std::move(t.name);
            m_check->code = model::Sourced<std::uint64_t>{t.code, here};
            m_check->loc = here;
            return LineVerdict::understood;
        }
        if (g::ast::bugcheck_short b; attempt.may_start(g::bugcheck_short_starts) && attempt.read(g::bugcheck_short(), b)) {
            // "BugCheck 19, {3, ...}": plain !analyze and the load banner; the same stop as a
            // title in this block, when there is one.
            if (!m_check) {
                m_check.emplace();
                m_check->loc = here;
            }
            if (!m_check->code) {
                m_check->code = model::Sourced<std::uint64_t>{b.code, here};
            }
            for (std::size_t i = 0; i < b.args.size() && i < m_check->args.size(); ++i) {
                if (!m_check->args[i]) {
                    m_check->args[i] = model::Sourced<std::uint64_t>{b.args[i], here};
                }
            }
            return LineVerdict::understood;
        }
        if (!m_check) {
            return LineVerdict::ignored;  // the "Bugcheck Analysis" banner, or no bugcheck at all
        }
        if (g::ast::analyze_probable p; attempt.may_start(g::analyze_probable_starts) && attempt.read(g::analyze_probable(), p)) {
            if (!m_check->image_name) {
                m_check->image_name = model::Sourced<std::string>{std::move(p.image), here};
            }
            if (p.symbol && !m_check->symbol) {
                model::Frame f;
                f.module = std::move(p.symbol->module);
                f.function = std::move(p.symbol->function);
                f.offset = p.symbol->offset;
                f.loc = here;
                m_check->symbol = std::move(f);
            }
            return LineVerdict::understood;
        }
        if (g::ast::bugcheck_arg a;
            attempt.may_start(g::bugcheck_arg_starts) && attempt.read(g::bugcheck_arg(), a) && a.index >= 1 && a.index <= 4) {
            m_check->args[a.index - 1] = model::Sourced<std::uint64_t>{a.value, here};
            return LineVerdict::understood;
        }
        if (g::ast::bugcheck_code c; attempt.may_start(g::bugcheck_code_starts) && attempt.read(g::bugcheck_code(), c)) {
            if (!m_check->code) {
                m_check->code = model::Sourced<std::uint64_t>{c.code, here};
            }
            return LineVerdict::understood;
        }
        if (g::ast::analyze_name n; attempt.may_start(g::analyze_name_starts) && attempt.read(g::analyze_name(), n)) {
            auto& field = n.key == g::ast::analyze_name_key::module_name ? m_check->module_name : m_check->image_name;
            field = model::Sourced<std::string>{std::move(n.value), here};
            return LineVerdict::understood;
        }
        if (g::ast::analyze_symbol s; attempt.may_start(g::analyze_symbol_starts) && attempt.read(g::analyze_symbol(), s)) {
            model::Frame f;
            f.module = std::move(s.module);
            f.function = std::move(s.function);
            f.offset = s.offset;
            f.loc = here;
            m_check->symbol = std::move(f);
            return LineVerdict::understood;
        }
        return LineVerdict::ignored;
    }

    void finish(BlockContext& ctx) override {
        if (m_check) {
            ctx.snapshot.bugchecks.push_back(std::move(*m_check));
        }
    }

private:
    std::optional<model::BugCheck> m_check;
};

// The banner opens the analysis a dump prints when it loads, before any prompt.
bool is_analyze_banner(std::string_view line) {
    boost::spirit::x3::unused_type none;
    return matches(line, g::analyze_banner(), none);
}

} // namespace

CommandSpec analyze_spec() {
    CommandSpec spec{"analyze", is_analyze_command, is_analyze_banner, [](std::string_view) { return std::string(); },
                     model::Target::kernel,
                     []() -> std::unique_ptr<BlockParser> { return std::make_unique<AnalyzeParser>(); }};
    spec.header_words = {"Bugcheck Analysis"};  // what is_analyze_banner needs
    spec.header_firsts = std::string("*");  // the banner's stars (not = "*": g++ 12 warns, bug 105329)
    return spec;
}

} // namespace dbgsift::parse
