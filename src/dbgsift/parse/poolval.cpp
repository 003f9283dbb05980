// SPDX-License-Identifier: MIT
// `!poolval ADDR` -> model::PoolValidation: the page, its region, the verdict on its pool
// headers, each header the check refused with the numbers it printed, and the single-bit scan.
#include "../../../grammars/poolval/poolval.hpp"
#include "commands.hpp"
#include "line_attempts.hpp"

namespace dbgsift::parse {
namespace {

namespace g = grammar;

bool is_poolval_command(std::string_view command) {
    boost::spirit::x3::unused_type none;
    return matches(text::trim(without_bold(text::trim(command))), g::poolval_command(), none);
}

class PoolValParser final : public BlockParser {
public:
    LineVerdict line(text::Line const& line, BlockContext& ctx) override {
        LineAttempts attempt(line, ctx);
        if (g::ast::poolval_region r; attempt.read(g::poolval_region(), r)) {
            touch(ctx, line.number);
            m_val.region = trimmed(r.region);
            return LineVerdict::understood;
        }
        if (g::ast::poolval_validating v; attempt.read(g::poolval_validating(), v)) {
            touch(ctx, line.number);
            m_val.page = v.page;
            return LineVerdict::understood;
        }
        if (g::ast::poolval_verdict v; attempt.read(g::poolval_verdict(), v)) {
            touch(ctx, line.number);
            m_val.page = v.page;
            m_val.verdict = v.verdict;
            m_val.verdict_loc = ctx.loc(line.number);
            return LineVerdict::understood;
        }
        if (g::ast::poolval_problem p; attempt.read(g::poolval_problem(), p)) {
            touch(ctx, line.number);
            m_val.problems.push_back({p.header, trimmed(p.what), p.found, p.expected, ctx.loc(line.number)});
            return LineVerdict::understood;
        }
        if (g::ast::poolval_step s{}; attempt.read(g::poolval_step(), s)) {
            touch(ctx, line.number);
            if (s == g::ast::poolval_step::scanning_bits) {
                m_val.bit_scan = model::SingleBitScan::started;
                m_val.bit_scan_loc = ctx.loc(line.number);
            } else if (s == g::ast::poolval_step::none_found) {
                m_val.bit_scan = model::SingleBitScan::none_found;
                m_val.bit_scan_loc = ctx.loc(line.number);
            }
            return LineVerdict::understood;
        }
        return attempt.give_up("not a line of !poolval output");
    }

    void finish(BlockContext& ctx) override {
        if (m_read) {
            ctx.snapshot.pool_validations.push_back(std::move(m_val));
        }
    }

private:
    void touch(BlockContext const& ctx, std::uint32_t line) {
        if (!m_read) {
            m_read = true;
            m_val.loc = ctx.loc(line);
        }
    }

    bool m_read = false;
    model::PoolValidation m_val;
};

} // namespace

CommandSpec poolval_spec() {
    return {"poolval", is_poolval_command, nullptr, [](std::string_view) { return std::string(); },
            model::Target::kernel,
            []() -> std::unique_ptr<BlockParser> { return std::make_unique<PoolValParser>(); }};
}

} // namespace dbgsift::parse
