// SPDX-License-Identifier: MIT
// noted_expect[p]: what `> p` does inside a rule with report_expectation (a failure of p is
// the diagnostic "expected <what p is>" at the place p failed, and the rule fails), without a
// C++ exception. An expectation that fails on many lines (a !vm counter without "( Kb)", each
// one the block's diagnostic) cost a throw and an unwinding of the rule each.
// Use it only at the top level of such a rule's sequence: an exception would leave every
// alternative around it untried, this returns false to them.
#pragma once
#include "../config.hpp"

namespace dbgsift::grammar::common {

template <typename Subject>
struct noted_expect_directive : x3::unary_parser<Subject, noted_expect_directive<Subject>> {
    using base_type = x3::unary_parser<Subject, noted_expect_directive<Subject>>;
    static bool const is_pass_through_unary = true;

    constexpr noted_expect_directive(Subject const& subject) : base_type(subject) {}

    template <typename Iterator, typename Context, typename RContext, typename Attribute>
    bool parse(Iterator& first, Iterator const& last, Context const& context, RContext& rcontext,
               Attribute& attr) const {
        if (this->subject.parse(first, last, context, rcontext, attr)) {
            return true;
        }
        note_failure(first, context);
        return false;
    }

    // The same text and column report_expectation gives an expectation_failure here. Out of
    // line and cold: the rows that read go through every noted_expect of a grammar, and the
    // words of a failure inlined at each one cost them registers and code.
    template <typename Iterator, typename Context>
    [[gnu::cold, gnu::noinline]] void note_failure(Iterator const& at, Context const& context) const {
        auto& lc = x3::get<line_context_tag>(context);
        if (lc.diagnostics != nullptr) {
            lc.diagnostics->push_back({lc.line_number, static_cast<std::uint32_t>(at - lc.line_begin),
                                       expected_message(x3::what(this->subject))});
        }
    }
};

struct noted_expect_gen {
    template <typename Subject>
    constexpr noted_expect_directive<typename x3::extension::as_parser<Subject>::value_type>
    operator[](Subject const& subject) const {
        return {x3::as_parser(subject)};
    }
};

inline constexpr noted_expect_gen noted_expect{};

} // namespace dbgsift::grammar::common
