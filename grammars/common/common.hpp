// SPDX-License-Identifier: MIT
// Small tokens every debugger grammar shares: numbers, addresses, `pages ( Kb)` pairs,
// keywords. Header-only on purpose: each is a plain parser expression, so it can be
// used inside lexeme[]/no_skip[] of any grammar without a separate instantiation.
#pragma once
#include "../config.hpp"
#include "byte_run.hpp"
#include "wide.hpp"
#include "../../src/dbgsift/text/ascii.hpp"
#include "../text_range.hpp"
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

// Declared before the get_info specialisations below, which name them.
namespace dbgsift::grammar::common {
template <int MaxDigits, stride Stride>
struct hex_digits_parser;
template <stride Stride>
struct decimal_parser;
} // namespace dbgsift::grammar::common

// Diagnostics say what was expected in words: "expected number", not a mangled type name.
namespace boost::spirit::x3 {
template <typename T, unsigned Radix, unsigned MinDigits, int MaxDigits>
struct get_info<uint_parser<T, Radix, MinDigits, MaxDigits>> {
    typedef std::string result_type;
    std::string operator()(uint_parser<T, Radix, MinDigits, MaxDigits> const&) const {
        return Radix == 16 ? "hex number" : "number";
    }
};
template <int MaxDigits, dbgsift::grammar::common::stride Stride>
struct get_info<dbgsift::grammar::common::hex_digits_parser<MaxDigits, Stride>> {
    typedef std::string result_type;
    std::string operator()(dbgsift::grammar::common::hex_digits_parser<MaxDigits, Stride> const&) const {
        return "hex number";
    }
};
template <dbgsift::grammar::common::stride Stride>
struct get_info<dbgsift::grammar::common::decimal_parser<Stride>> {
    typedef std::string result_type;
    std::string operator()(dbgsift::grammar::common::decimal_parser<Stride> const&) const { return "number"; }
};
template <typename T, unsigned Radix, unsigned MinDigits, int MaxDigits>
struct get_info<int_parser<T, Radix, MinDigits, MaxDigits>> {
    typedef std::string result_type;
    std::string operator()(int_parser<T, Radix, MinDigits, MaxDigits> const&) const {
        return "number";
    }
};
} // namespace boost::spirit::x3

namespace dbgsift::grammar::common {

// The frame of our own number primitives below: blanks skipped as by any X3 parser, then
// Derived::read(it, last, value) reads the token from `it` (moving it to the token's end) and
// says whether there was one; the value goes to the attribute only then.
template <typename Derived>
struct number_token_parser : x3::parser<Derived> {
    using attribute_type = std::uint64_t;
    static bool const has_attribute = true;

    template <typename Iterator, typename Context, typename RContext, typename Attribute>
    bool parse(Iterator& first, Iterator const& last, Context const& context, RContext const&,
               Attribute& attr) const {
        x3::skip_over(first, last, context);
        Iterator it = first;
        std::uint64_t value = 0;
        if (!static_cast<Derived const&>(*this).read(it, last, value)) {
            return false;
        }
        x3::traits::move_to(value, attr);
        first = it;
        return true;
    }
};

// Decimal digits, at least one, as many as follow: what x3::uint_parser<std::uint64_t, 10>
// reads, to the same value and the same end; a value past 2^64 fails the parse (never wraps).
// Leading zeros and then 19 digits cannot overflow, so only a longer number is checked; the
// uint_parser's leading-zero pass, first-digit case and checked adds cost more than its
// digits (issue 14: every count of every row goes through here).
// stride::wide: a token with fewer than sixteen bytes after its start holds fifteen digits at
// most, which cannot overflow, so they are summed without the overflow test a digit (fourteen
// instructions a digit in the byte loop: every count of every !heap -s row); with sixteen bytes
// or more, the digits are counted sixteen bytes a step (wide.hpp) and fifteen or fewer summed
// so too. Sixteen digits or more, and every stride::bytes token, go through the byte loop.
template <stride Stride = stride::wide>
struct decimal_parser : number_token_parser<decimal_parser<Stride>> {
    template <typename Iterator>
    bool read(Iterator& it, Iterator const& last, std::uint64_t& value) const {
        if constexpr (Stride == stride::wide) {
            if (last - it < 16) {
                // Found and summed in one pass (fifteen digits at most: no overflow).
                Iterator const start = it;
                std::uint64_t sum = 0;
                for (unsigned d; it != last && (d = digit_of(*it)) <= 9; ++it) {
                    sum = sum * 10 + d;
                }
                value = sum;
                return it != start;
            }
#if defined(DBGSIFT_GRAMMAR_WIDE)
            if constexpr (wide::k_contiguous<Iterator>) {
                unsigned const digits = wide::leading_decimal_digits(std::to_address(it));
                if (digits == 0) {
                    return false;
                }
                if (digits < 16) {
                    value = sum_of_digits(it, it + digits);
                    return true;
                }
            }
#endif
        }
        Iterator const first = it;
        while (it != last && *it == '0') {
            ++it;
        }
        Iterator const significant = it;
        for (; it != last; ++it) {
            unsigned const d = digit_of(*it);
            if (d > 9) {
                break;
            }
            if (it - significant >= k_safe_digits && !fits_after(value, d)) {
                return false;
            }
            value = value * 10 + d;
        }
        return it != first;
    }

    // A byte's decimal digit value; above 9 for a byte that is no digit.
    static constexpr unsigned digit_of(char c) { return static_cast<unsigned char>(c) - unsigned{'0'}; }

    // The value of the digits [it, end), which must not overflow; `it` ends at `end`.
    template <typename Iterator>
    static std::uint64_t sum_of_digits(Iterator& it, Iterator const& end) {
        std::uint64_t sum = 0;
        for (; it != end; ++it) {
            sum = sum * 10 + digit_of(*it);
        }
        return sum;
    }

    static constexpr std::ptrdiff_t k_safe_digits = 19;  // 9,999,999,999,999,999,999 < 2^64

    // Does value * 10 + d fit in 64 bits?
    static constexpr bool fits_after(std::uint64_t value, unsigned d) {
        constexpr std::uint64_t max = ~std::uint64_t{0};
        return value <= max / 10 && value * 10 <= max - d;
    }
};

// 1778517 -> 1778517. Overflow past 2^64 fails the parse (never wraps).
inline auto const count = decimal_parser<>{};
// A count that may be signed in broken output: "-1" parses, the caller decides.
inline auto const signed_count = x3::int_parser<std::int64_t, 10>{};

// Up to MaxDigits hex digits, leading zeros among them, at least one: what
// x3::uint_parser<std::uint64_t, 16, 1, MaxDigits> reads, to the same value and the same end.
// MaxDigits <= 16 digits cannot overflow 64 bits, so each digit is one table look-up and a
// shift: the uint_parser's per-digit range tests and case folding were the costliest code of
// all reading (issue 14; every address of every row goes through here).
// stride::wide: sixteen bytes are read in one step where sixteen follow the token's start
// (wide.hpp); a token nearer the end of the line, and every stride::bytes token, is read by the
// byte loop.
template <int MaxDigits, stride Stride = stride::wide>
struct hex_digits_parser : number_token_parser<hex_digits_parser<MaxDigits, Stride>> {
    static_assert(MaxDigits >= 1 && MaxDigits <= 16, "more than 16 hex digits overflow 64 bits");

    template <typename Iterator>
    bool read(Iterator& it, Iterator const& last, std::uint64_t& value) const {
#if defined(DBGSIFT_GRAMMAR_WIDE)
        if constexpr (Stride == stride::wide && wide::k_contiguous<Iterator>) {
            if (last - it >= 16) {
                auto const found = wide::leading_hex_digits(std::to_address(it));
                if (found.digits == 0) {
                    return false;
                }
                unsigned const digits = found.digits < MaxDigits ? found.digits : MaxDigits;
                value = found.value >> (4 * (16 - digits));
                it += digits;
                return true;
            }
        }
#endif
        Iterator const first = it;
        // Where MaxDigits digits would end, found once: the loop then tests one bound a digit.
        Iterator const stop = last - first > MaxDigits ? first + MaxDigits : last;
        while (it != stop) {
            auto const d = k_value[static_cast<unsigned char>(*it)];
            if (d > 15) {
                break;
            }
            value = (value << 4) | d;
            ++it;
        }
        return it != first;
    }

    // Each byte's digit value; 16 for a byte that is no hex digit.
    static constexpr std::array<unsigned char, 256> k_value = [] {
        std::array<unsigned char, 256> v{};
        v.fill(16);
        for (int i = 0; i < 10; ++i) {
            v['0' + i] = static_cast<unsigned char>(i);
        }
        for (int i = 0; i < 6; ++i) {
            v['a' + i] = v['A' + i] = static_cast<unsigned char>(10 + i);
        }
        return v;
    }();
};

inline auto const hex8 = hex_digits_parser<8>{};
inline auto const hex16 = hex_digits_parser<16>{};

// "fffffa80`0123abcd", "0x81a2b3c4", "81a2b3c4", "0000000001a40000" -> 64-bit value.
// The digits are read once: trying "8`8" first and falling back to plain hex read every
// address without a backtick twice (issue 14).
// One primitive reads all of it: what x3::lexeme[-(x3::lit("0x") | x3::lit("0X")) >> hex16 >>
// -('`' >> hex8)] reads, with the low half kept only when the high half fits in 32 bits (WinDbg
// prints 8`8), to the same value and the same end; as X3 parts, the prefix and the backtick
// tried literals and actions around every address of every row (issue 14).
template <stride Stride = stride::wide>
struct address_parser : number_token_parser<address_parser<Stride>> {
    template <typename Iterator>
    bool read(Iterator& it, Iterator const& last, std::uint64_t& value) const {
        if (last - it >= 2 && it[0] == '0' && (it[1] == 'x' || it[1] == 'X')) {
            it += 2;  // "0x": digits must follow, as after X3's optional prefix
        }
        if (!hex_digits_parser<16, Stride>{}.read(it, last, value)) {
            return false;
        }
        if (it != last && *it == '`' && value <= 0xFFFFFFFFull) {
            Iterator low_end = it + 1;
            std::uint64_t low = 0;
            if (hex_digits_parser<8, Stride>{}.read(low_end, last, low)) {
                value = (value << 32) | low;
                it = low_end;
            }
        }
        return true;
    }
};

template <stride Stride>
inline auto const address_of_stride =
    x3::rule<struct address_class, std::uint64_t>{"address"} = address_parser<Stride>{};
inline auto const& address = address_of_stride<stride::wide>;

// The end of a token: the next character is a blank or the end of the line.
inline auto const token_end = !x3::ascii::graph;

// A whole hex token without a prefix: "0156600", "21e".
template <stride Stride>
inline auto const hex_token_of_stride = x3::rule<struct hex_token_class, std::uint64_t>{"hex number"} =
    x3::lexeme[hex_digits_parser<16, Stride>{} >> token_end];
inline auto const& hex_token = hex_token_of_stride<stride::wide>;

// A heap as !heap prints it, kept as printed (culprits are named by it): "00510000",
// "000001d1c9ae0000", "2531eb90000".
// The digits are taken in one copy (x3::raw): a repeat into the string appended them a byte at
// a time, on every row of every !heap -s table (issue 14). hex16 reads the very digits
// x3::repeat(1, 16)[x3::ascii::xdigit] reads, in one loop where the repeat made a call a digit;
// its value is not kept (raw's subject has no attribute).
template <stride Stride>
inline auto const heap_address_of_stride =
    x3::rule<struct heap_address_class, std::string>{"heap address"} =
        x3::lexeme[x3::raw[hex_digits_parser<16, Stride>{}] >> token_end];
inline auto const& heap_address = heap_address_of_stride<stride::wide>;

// The x3::symbols of a closed set whose spellings are one model table in the order of its enum
// (names[i] spells Enum(i)); the entries before `first` ("", "other") are not spellings.
template <typename Enum, std::size_t N>
x3::symbols<Enum> symbols_of(std::array<std::string_view, N> const& names, std::size_t first = 1) {
    x3::symbols<Enum> s;
    for (std::size_t i = first; i < N; ++i) {
        s.add(std::string(names[i]), static_cast<Enum>(i));
    }
    return s;
}

// An ASCII literal in any letter case: what x3::no_case[x3::lit(text)] reads, to the same end.
// Only A-Z and a-z fold into each other (the "C" locale dbgsift runs in); every other byte, a
// non-ASCII one too, matches only itself. X3's no_case calls libc islower and tolower or
// toupper on every byte it compares (issue 14). Not for an expectation's right operand: a
// failure there names the parser's type, and this type is not no_case's.
struct any_case_literal : x3::parser<any_case_literal> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;

    constexpr explicit any_case_literal(char const* text) : m_text(text) {}

    template <typename Iterator, typename Context, typename RContext, typename Attribute>
    bool parse(Iterator& first, Iterator const& last, Context const& context, RContext const&,
               Attribute&) const {
        x3::skip_over(first, last, context);
        Iterator it = first;
        for (char const* c = m_text; *c != '\0'; ++c, ++it) {
            // Most text spells the literal in its own case: fold only a byte that differs.
            if (it == last || (*it != *c && text::ascii_lower(*it) != text::ascii_lower(*c))) {
                return false;
            }
        }
        first = it;
        return true;
    }

    char const* m_text;
};

// lit_any_case("SessionId:") reads what x3::no_case[x3::lit("SessionId:")] reads.
constexpr any_case_literal lit_any_case(char const* text) { return any_case_literal(text); }

// Whole words only: MEM_COMMIT must not match the front of MEM_COMMITTED.
template <typename P>
auto keyword(P p) {
    return x3::lexeme[p >> !(x3::ascii::alnum | x3::lit('_'))];
}

// "Kb", "KB", "kb", "K": the unit after a kilobyte count.
inline auto const kb_unit = lit_any_case("kb") | lit_any_case("k");

// "98304Kb", "4193280 Kb", "32768K" -> kilobytes.
inline auto const kilobytes = x3::rule<struct kilobytes_class, std::uint64_t>{"kilobytes"} =
    count >> kb_unit;

// Every byte to the end of the line, in one step: what x3::lexeme[*x3::char_] reads (char_
// takes any byte), without a call a byte (issue 14: the description of every !poolused row).
struct line_end_parser : x3::parser<line_end_parser> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;

    template <typename Iterator, typename Context, typename RContext, typename Attribute>
    bool parse(Iterator& first, Iterator const& last, Context const& context, RContext const&,
               Attribute&) const {
        x3::skip_over(first, last, context);
        first = last;
        return true;
    }
};

// Everything up to the end of the line, blanks included.
// (x3::raw takes the text in one copy; a char_ loop appends it byte by byte.)
inline auto const rest_of_line = x3::rule<struct rest_of_line_class, std::string>{"text"} =
    x3::raw[x3::lexeme[line_end_parser{}]];
// The same, as a range into the line read: for a text the caller trims and copies itself (or
// only compares), where a string would be a copy nobody keeps.
inline auto const rest_of_line_range =
    x3::rule<struct rest_of_line_range_class, text_range>{"text"} =
        x3::raw[x3::lexeme[line_end_parser{}]];

// A word without blanks ("AppB.exe", "nt!CmpRegistryLock"): +x3::ascii::graph, in one call.
inline auto const word = x3::rule<struct word_class, std::string>{"word"} =
    x3::raw[x3::lexeme[byte_run<graph_byte>{}]];
// The same word as a range into the line read, for a caller that only looks at it.
inline auto const word_range = x3::rule<struct word_range_class, text_range>{"word"} =
    x3::raw[x3::lexeme[byte_run<graph_byte>{}]];

} // namespace dbgsift::grammar::common
