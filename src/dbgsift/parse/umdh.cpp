// SPDX-License-Identifier: MIT
// UMDH log comparison (`umdh log1 log2`, `umdh -d log1 log2`) -> model::UmdhComparison.
// UMDH runs outside the debugger, so there is no prompt: a "+ N ( A - B) ... BackTraceX"
// line opens the block. Each such line starts a trace; the frames under it are its stack.
#include "../../../grammars/umdh/umdh.hpp"
#include "commands.hpp"
#include "line_attempts.hpp"
#include "stack.hpp"
#include "../text/contains.hpp"

namespace dbgsift::parse {
namespace {

bool is_umdh_header(std::string_view line) {
    // Literal prefilter: "+ 5320 (f110 - 9df0) 3a allocs BackTrace00053" (a sign first).
    if (!text::starts_with_any(line, {"+", "-"}) || !text::contains_any(line, {"BackTrace"})) {
        return false;
    }
    std::vector<diagnostic> ignored;
    grammar::ast::umdh_trace t;
    return grammar::parse_line(line, 0, grammar::umdh_trace(), t, ignored);
}

template <typename Number>
bool value_of(std::string const& digits, std::uint64_t& out) {
    char const* first = digits.data();
    char const* const last = first + digits.size();
    return boost::spirit::x3::parse(first, last, Number{}, out) && first == last;
}

bool number(std::string const& digits, bool decimal, std::uint64_t& out) {
    return decimal ? value_of<boost::spirit::x3::uint_parser<std::uint64_t, 10>>(digits, out)
                   : value_of<boost::spirit::x3::uint_parser<std::uint64_t, 16>>(digits, out);
}

bool has_hex_letter(std::string const& digits) {
    return digits.find_first_not_of("0123456789") != std::string::npos;
}

// after - before == delta (or before - after for a shrink) in the given radix.
bool consistent(grammar::ast::umdh_trace const& t, bool decimal) {
    std::uint64_t d = 0, a = 0, b = 0;
    if (!number(t.delta, decimal, d) || !number(t.after, decimal, a) || !number(t.before, decimal, b)) {
        return false;
    }
    return t.sign == grammar::ast::umdh_sign::grew ? a >= b && a - b == d : b >= a && b - a == d;
}

class UmdhParser final : public BlockParser {
public:
    LineVerdict line(text::Line const& line, BlockContext& ctx) override {
        LineAttempts attempts(line, ctx);
        boost::spirit::x3::unused_type none;
        if (attempts.read(grammar::umdh_note(), none)) {
            return LineVerdict::ignored;
        }
        if (grammar::ast::umdh_trace t; attempts.read(grammar::umdh_trace(), t)) {
            if (t.allocation_counts && !m_rows.empty() && m_rows.back().bytes.backtrace == t.backtrace) {
                m_rows.back().counts = std::move(t);
                return LineVerdict::understood;
            }
            m_rows.push_back({std::move(t), {}, {}, ctx.loc(line.number)});
            return LineVerdict::understood;
        }
        if (grammar::ast::umdh_total t; attempts.read(grammar::umdh_total(), t)) {
            m_total = std::move(t);
            m_total_loc = ctx.loc(line.number);
            return LineVerdict::understood;
        }
        if (!m_rows.empty()) {
            if (model::Frame frame; read_frame(attempts, ctx, frame)) {
                m_rows.back().stack.frames.push_back(std::move(frame));
                return LineVerdict::understood;
            }
        }
        return attempts.give_up("not a line of a UMDH comparison");
    }

    void finish(BlockContext& ctx) override {
        if (m_rows.empty()) {
            return;
        }
        model::UmdhComparison out;
        out.decimal = decimal();
        out.loc = m_rows.front().loc;
        for (auto& row : m_rows) {
            model::UmdhTrace t;
            t.backtrace = "BackTrace" + row.bytes.backtrace;
            t.grew = row.bytes.sign == grammar::ast::umdh_sign::grew;
            number(row.bytes.delta, out.decimal, t.delta);
            number(row.bytes.after, out.decimal, t.after);
            number(row.bytes.before, out.decimal, t.before);
            if (std::uint64_t n = 0; row.bytes.allocs && number(*row.bytes.allocs, out.decimal, n)) {
                t.allocs = n;
            }
            if (std::uint64_t n = 0; row.counts && number(row.counts->delta, out.decimal, n)) {
                t.allocs_delta = n;
                if (std::uint64_t after = 0; !t.allocs && number(row.counts->after, out.decimal, after)) {
                    t.allocs = after;
                }
            }
            t.stack = std::move(row.stack);
            t.loc = row.loc;
            out.traces.push_back(std::move(t));
        }
        if (std::uint64_t n = 0; m_total && number(m_total->amount, out.decimal, n)) {
            auto const signed_total = static_cast<std::int64_t>(n);
            out.total = m_total->sign == grammar::ast::umdh_sign::grew ? signed_total : -signed_total;
            out.total_loc = m_total_loc;
        }
        ctx.snapshot.umdh.push_back(std::move(out));
    }

private:
    struct Row {
        grammar::ast::umdh_trace bytes;
        std::optional<grammar::ast::umdh_trace> counts;  // "... BackTraceX allocations"
        model::Stack stack;
        model::Loc loc;
    };

    // UMDH prints hex unless -d. A hex letter anywhere settles it; otherwise decimal only
    // when every byte line adds up in decimal and at least one does not in hex.
    bool decimal() const {
        bool any_letter = m_total && has_hex_letter(m_total->amount);
        bool all_decimal = true, some_not_hex = false;
        for (auto const& row : m_rows) {
            auto const& t = row.bytes;
            any_letter = any_letter || has_hex_letter(t.delta) || has_hex_letter(t.after) ||
                         has_hex_letter(t.before);
            all_decimal = all_decimal && consistent(t, true);
            some_not_hex = some_not_hex || !consistent(t, false);
        }
        return !any_letter && all_decimal && some_not_hex;
    }

    std::vector<Row> m_rows;
    std::optional<grammar::ast::umdh_total> m_total;
    model::Loc m_total_loc;
};

} // namespace

CommandSpec umdh_spec() {
    CommandSpec spec{"umdh", [](std::string_view) { return false; }, is_umdh_header,
            [](std::string_view) { return std::string(); }, model::Target::user,
            []() -> std::unique_ptr<BlockParser> { return std::make_unique<UmdhParser>(); }};
    spec.header_words = {"BackTrace"};  // what is_umdh_header looks for first
    spec.header_firsts = "+-";  // the sign is_umdh_header looks for first
    return spec;
}

} // namespace dbgsift::parse
