// SPDX-License-Identifier: MIT
// A run of bytes of one set, read in one call: byte_run<S> with S::taken = bytes_except("+ \t")
// reads what x3::lexeme[+~x3::char_("+ \t")] reads, with S::taken = bytes_of("abc") what
// x3::lexeme[+x3::char_("abc")] reads (sets spelled byte by byte, no ranges), to the same end.
// The set is a type, not the table itself: g++ 12 took two byte_run<table> of different
// tables for one.
// X3 reads such a run a byte a call, each through its alternative and set test; the names in
// every frame of every stack and every module row went that way (issue 14).
#pragma once
#include "../config.hpp"
#include "../../src/dbgsift/text/byte_table.hpp"
#include "wide.hpp"

#include <array>
#include <cstddef>
#include <string_view>

namespace dbgsift::grammar::common {

// Which bytes a run takes, one flag a byte (text/byte_table.hpp builds them).
using byte_table = text::ByteTable;
using text::bytes_except;
using text::bytes_of;

// The bytes of x3::ascii::graph ('!' to '~') but those of `set`.
constexpr byte_table graph_bytes_except(std::string_view set) {
    byte_table taken = bytes_except(set);
    for (int c = 0; c < 256; ++c) {
        taken[c] = taken[c] && c > ' ' && c < 0x7F;
    }
    return taken;
}

// The bytes of x3::ascii::char_ (below 0x80) but those of `set`.
constexpr byte_table ascii_bytes_except(std::string_view set) {
    byte_table taken = bytes_except(set);
    for (int c = 0x80; c < 256; ++c) {
        taken[c] = false;
    }
    return taken;
}

// Any byte of x3::ascii::graph.
struct graph_byte {
    static constexpr byte_table taken = graph_bytes_except("");
};

// Any byte of x3::ascii::graph but Stop: a run of them is what +(x3::ascii::graph - Stop) reads,
// a byte a call through a difference parser.
template <char Stop>
struct graph_byte_but {
    static constexpr char stop[] = {Stop};
    static constexpr byte_table taken = graph_bytes_except(std::string_view(stop, 1));
};

// How many runs of bytes `table` holds at `flag` (over 0-255): "a-z" and "0-9" are two runs of
// taken bytes, the bytes between and around them three runs of the others.
constexpr std::size_t runs_of(byte_table const& table, bool flag) {
    std::size_t runs = 0;
    for (int c = 0; c < 256; ++c) {
        runs += table[c] == flag && (c == 0 || table[c - 1] != flag) ? 1 : 0;
    }
    return runs;
}

// The runs themselves, first to last.
template <std::size_t N>
constexpr std::array<wide::byte_range, N> ranges_of(byte_table const& table, bool flag) {
    std::array<wide::byte_range, N> ranges{};
    std::size_t n = 0;
    for (int c = 0; c < 256; ++c) {
        if (table[c] == flag && (c == 0 || table[c - 1] != flag)) {
            ranges[n].lo = static_cast<unsigned char>(c);
        }
        if (table[c] == flag && (c == 255 || table[c + 1] != flag)) {
            ranges[n++].hi = static_cast<unsigned char>(c);
        }
    }
    return ranges;
}

// A set as the sixteen-byte step tests it: the runs of its bytes or those of the others,
// whichever are fewer ("+ \t" are three bytes; all others are four runs).
template <typename Set>
struct set_lanes {
    static constexpr std::size_t k_taken_runs = runs_of(Set::taken, true);
    static constexpr std::size_t k_other_runs = runs_of(Set::taken, false);
    static constexpr bool k_by_taken = k_taken_runs <= k_other_runs;
    static constexpr std::size_t k_runs = k_by_taken ? k_taken_runs : k_other_runs;
    static constexpr auto k_ranges = ranges_of<k_runs>(Set::taken, k_by_taken);
    // Past six runs the compares cost more than the byte loop saves on a run of a dozen bytes.
    static constexpr bool k_wide = k_runs >= 1 && k_runs <= 6;
};

// Set::taken: the bytes the run takes.
// Sixteen bytes a step where sixteen are left (wide.hpp): a function name of a stack frame, a
// word, a module name (issue 14: about seven instructions a byte in the loop alone, on every
// frame of every stack). The byte loop reads the rest, to the same end.
template <typename Set>
struct byte_run : x3::parser<byte_run<Set>> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;

    template <typename Iterator, typename Context, typename RContext, typename Attribute>
    bool parse(Iterator& first, Iterator const& last, Context const& context, RContext const&,
               Attribute&) const {
        x3::skip_over(first, last, context);
        Iterator it = first;
        // A run that is not there (tried again where the last one stopped, as in a frame's
        // function name) fails at its first byte, before any sixteen are read.
        if (it == last || !Set::taken[static_cast<unsigned char>(*it)]) {
            return false;
        }
        // (end_of_set_run itself knows whether the build and Iterator can take the step.)
        if constexpr (set_lanes<Set>::k_wide) {
            using lanes = set_lanes<Set>;
            it = wide::end_of_set_run<lanes::k_by_taken>(it, last, lanes::k_ranges);
        }
        while (it != last && Set::taken[static_cast<unsigned char>(*it)]) {
            ++it;
        }
        first = it;
        return true;
    }
};

// run_of<'-'>: one or more C, what x3::lexeme[+x3::lit(C)] reads, sixteen bytes a step
// (wide.hpp): the 80-byte "-----" rules and "*****" banners of !heap and !htrace, which X3 read
// a call a byte.
template <char C>
struct run_of_parser : x3::parser<run_of_parser<C>> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;

    template <typename Iterator, typename Context, typename RContext, typename Attribute>
    bool parse(Iterator& first, Iterator const& last, Context const& context, RContext const&,
               Attribute&) const {
        x3::skip_over(first, last, context);
        if (first == last || *first != C) {
            return false;
        }
        first = wide::end_of_run(first, last, C);
        return true;
    }
};

template <char C>
inline constexpr run_of_parser<C> run_of{};

// bytes_before<')'>: zero or more bytes that are not C, what x3::lexeme[*(x3::char_ - C)]
// reads, sixteen bytes a step (an lm row's "(pdb symbols)").
template <char C>
struct bytes_before_parser : x3::parser<bytes_before_parser<C>> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;

    template <typename Iterator, typename Context, typename RContext, typename Attribute>
    bool parse(Iterator& first, Iterator const& last, Context const& context, RContext const&,
               Attribute&) const {
        x3::skip_over(first, last, context);
        first = wide::find_byte(first, last, C);
        return true;
    }
};

template <char C>
inline constexpr bytes_before_parser<C> bytes_before{};

} // namespace dbgsift::grammar::common
