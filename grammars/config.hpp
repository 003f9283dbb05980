// SPDX-License-Identifier: MIT
// The one place that names the iterator, skipper and context types every grammar uses.
#pragma once
#include "source.hpp"
#include <boost/spirit/home/x3.hpp>
#include <cstddef>
#include <string>
#include <type_traits>

namespace dbgsift::grammar {
namespace x3 = boost::spirit::x3;

// The grammars' skipper: spaces and tabs, what x3::ascii::blank skips (a line holds no '\n').
// X3 skips before every primitive by calling the skipper until it fails, and ascii::blank
// took one byte a call through its character-class table (issue 14). This one moves past the
// whole run and then says it read nothing, so each skip is one call and one tight loop. Only
// for skipping: as a parser in a grammar it would move on a failure; there ascii::blank
// stays. lexeme[]/no_skip[] turn it off as any skipper.
struct blank_run_skipper : x3::parser<blank_run_skipper> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;

    template <typename Iterator, typename Context, typename RContext, typename Attribute>
    [[gnu::always_inline]] bool parse(Iterator& first, Iterator const& last, Context const&,
                                      RContext const&, Attribute&) const {
        skip(first, last);
        return false;  // the skip loop stops at once: the run is behind us
    }

    // Two skips in three find no blank: they return before storing `first` back.
    template <typename Iterator>
    [[gnu::always_inline]] static void skip(Iterator& first, Iterator const& last) {
        // A local pointer, stored once: `first` is a reference that a char read may alias, so
        // advancing it in place stored it back on every blank (padded rows have dozens).
        // A byte above ' ' (most bytes a skip meets) is told by one compare, ahead of the two
        // for ' ' and '\t'.
        Iterator it = first;
        if (it == last || static_cast<unsigned char>(*it) > ' ' || (*it != ' ' && *it != '\t')) {
            return;
        }
        do {
            ++it;
        } while (it != last && (*it == ' ' || *it == '\t'));
        first = it;
    }
};
inline constexpr blank_run_skipper blank_run{};

struct line_context_tag;
using iterator_type = char const*;                  // one decoded line
using skipper_type = blank_run_skipper;
using phrase_context_type = x3::phrase_parse_context<skipper_type>::type;
// Must match parse_line(): x3::with<line_context_tag>(ctx)[...] on an lvalue.
using context_type = x3::context<line_context_tag, line_context, phrase_context_type>;

} // namespace dbgsift::grammar

// Every primitive skips through x3::skip_over(first, last, context), which forwards to
// x3::detail::skip_over and then to the skipper's parse. With the early return above, GCC
// stopped inlining those two forwarders: a call per skip, 3.5 million a run, ate what the return
// saved (issue 14). These explicit specialisations, for the two contexts every grammar parses
// in, are the same skip, inlined wherever a primitive skips. X3 calls skip_over qualified, so
// an overload would not be found; a specialisation of its template is, with no change to X3.
namespace boost::spirit::x3 {
template <>
[[gnu::always_inline]] inline void skip_over(dbgsift::grammar::iterator_type& first,
                                             dbgsift::grammar::iterator_type const& last,
                                             dbgsift::grammar::phrase_context_type const&) {
    dbgsift::grammar::blank_run_skipper::skip(first, last);
}
template <>
[[gnu::always_inline]] inline void skip_over(dbgsift::grammar::iterator_type& first,
                                             dbgsift::grammar::iterator_type const& last,
                                             dbgsift::grammar::context_type const&) {
    dbgsift::grammar::blank_run_skipper::skip(first, last);
}
} // namespace boost::spirit::x3

namespace dbgsift::grammar {

// Rule-ID mix-in: stamp line and columns on nodes deriving from source_span.
struct note_span {
    template <typename It, typename T, typename Ctx>
    void on_success(It const& first, It const& last, T& node, Ctx const& ctx) const {
        // One template + if constexpr: a separate source_span& overload would lose to
        // X3's exact-match call with the derived type and silently never run.
        if constexpr (std::is_base_of_v<source_span, T>) {
            auto& lc = x3::get<line_context_tag>(ctx);
            node.line = lc.line_number;
            node.col_begin = static_cast<std::uint32_t>(first - lc.line_begin);
            node.col_end = static_cast<std::uint32_t>(last - lc.line_begin);
        }
    }
};

// What an expectation diagnostic says: "expected number", "expected '('". X3 names a parser
// that is neither a named rule nor a primitive (a `+flag`, a `lexeme[...]`) by its mangled C++
// type, which tells a reader nothing; such a name becomes the words below instead. Every
// diagnostic a grammar makes is worded here.
inline std::string expected_message(std::string const& which) {
    bool const mangled = which.size() > 2 && which[0] == 'N' && which[1] >= '0' && which[1] <= '9';
    return mangled ? std::string("expected the rest of the row") : "expected " + which;
}

// Rule-ID mix-in: an expectation failure becomes a diagnostic; the caller moves on.
struct report_expectation {
    template <typename It, typename Exception, typename Ctx>
    x3::error_handler_result on_error(It&, It const&, Exception const& x, Ctx const& ctx) const {
        auto& lc = x3::get<line_context_tag>(ctx);
        if (lc.diagnostics != nullptr) {
            lc.diagnostics->push_back({lc.line_number,
                                       static_cast<std::uint32_t>(x.where() - lc.line_begin),
                                       expected_message(x.which())});
        }
        return x3::error_handler_result::fail;
    }
};

// How many rules DBGSIFT_DEFINE_RULE defined in this program: the unit test compares it with
// the fuzzer's rule table (fuzz/gen_rule_table.sh), so a rule the fuzzer misses fails a test.
inline std::size_t& defined_rule_count() {
    static std::size_t count = 0;
    return count;
}

} // namespace dbgsift::grammar

// The one way a grammar header declares a rule: "DBGSIFT_RULE(region_row, ast::region_row)"
// declares region_row_type and the accessor region_row(). fuzz/gen_rule_table.sh lists the
// rules to fuzz from these lines, so keep each on a line of its own, at the start of the line.
#define DBGSIFT_RULE(name, attribute)                                                         \
    struct name##_class;                                                                      \
    using name##_type = x3::rule<name##_class, attribute>;                                    \
    BOOST_SPIRIT_DECLARE(name##_type)                                                         \
    name##_type const& name();

// Beside a rule, a grammar header may declare `name_starts`, a string of the bytes the rule's
// first word can start with (after blanks): a parser tries the rule only on a line whose first
// byte is one of them (parse::LineAttempts::may_start); on any other line it fails at its first
// word and leaves no diagnostic (tests/grammars/rule_starts_test.cpp checks each against every
// corpus line).

// The one way a grammar .cpp defines a rule declared by DBGSIFT_RULE (its name##_rule and
// name##_rule_def live in the grammar's _def.hpp): instantiate it, define the accessor, count it.
#define DBGSIFT_DEFINE_RULE(name)                                                             \
    BOOST_SPIRIT_INSTANTIATE(name##_type, iterator_type, context_type)                        \
    name##_type const& name() { return name##_rule; }                                         \
    [[maybe_unused]] static std::size_t const name##_counted = ++defined_rule_count();

