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
        if (g::ast::bugcheck_title t; !m_check && attempt.read(g::bugcheck_title(), t)) {
            m_check.emplace();
            m_check->name = std::move(t.name);
            m_check->code = model::Sourced<std::uint64_t>{t.code, here};
            m_check->loc = here;
            return LineVerdict::understood;
        }
        if (!m_check) {
            return LineVerdict::ignored;  // the "Bugcheck Analysis" banner, or no bugcheck at all
        }
        if (g::ast::bugcheck_arg a; attempt.read(g::bugcheck_arg(), a) && a.index >= 1 && a.index <= 4) {
            m_check->args[a.index - 1] = model::Sourced<std::uint64_t>{a.value, here};
            return LineVerdict::understood;
        }
        if (g::ast::bugcheck_code c; attempt.read(g::bugcheck_code(), c)) {
            if (!m_check->code) {
                m_check->code = model::Sourced<std::uint64_t>{c.code, here};
            }
            return LineVerdict::understood;
        }
        if (g::ast::analyze_name n; attempt.read(g::analyze_name(), n)) {
            auto& field = n.key == g::ast::analyze_name_key::module_name ? m_check->module_name : m_check->image_name;
            field = model::Sourced<std::string>{std::move(n.value), here};
            return LineVerdict::understood;
        }
        if (g::ast::analyze_symbol s; attempt.read(g::analyze_symbol(), s)) {
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

} // namespace

CommandSpec analyze_spec() {
    return {"analyze", is_analyze_command, nullptr, [](std::string_view) { return std::string(); },
            model::Target::kernel,
            []() -> std::unique_ptr<BlockParser> { return std::make_unique<AnalyzeParser>(); }};
}

} // namespace dbgsift::parse
