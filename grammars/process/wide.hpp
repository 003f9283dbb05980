// SPDX-License-Identifier: MIT
// Tokens read sixteen bytes a step (SSE2): hex numbers, and runs of one byte.
//
// Hex digits: wide_hex16 / wide_hex8 / wide_address read what
// common::hex16 / hex8 / address read, to the same value, the same end and the same yes or no,
// and a diagnostic names them the same ("hex number", "address"). Where sixteen bytes do not
// follow the token's start (a token at the end of the line), the byte loop reads it.
// common's loop costs nine instructions a digit, and a PROCESS header, its ids and its DirBase
// line hold some sixty digits (issue 14: every address of every !process and lm row).
// Kept beside the grammars that use it (the shared headers in grammars/common belong to
// another change); it belongs in common.hpp once that one lands.
#pragma once
#include "../common/common.hpp"

#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace dbgsift::grammar::wide {

#if defined(__SSE2__)
// How many of the sixteen bytes at `p` are hex digits before the first that is not (0-16), and
// `value`, the number the first sixteen spell (a byte that is no digit counts as some nibble:
// the caller keeps only the digits' part).
inline unsigned hex_lanes(char const* p, std::uint64_t& value) {
    auto const v = _mm_loadu_si128(reinterpret_cast<__m128i const*>(p));
    // Signed compares: a byte >= 0x80 is negative, below '0' and below 'a'.
    auto const digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
    auto const folded = _mm_or_si128(v, _mm_set1_epi8(0x20));  // only A-F fold onto a-f
    auto const letter = _mm_and_si128(_mm_cmpgt_epi8(folded, _mm_set1_epi8('a' - 1)),
                                      _mm_cmplt_epi8(folded, _mm_set1_epi8('f' + 1)));
    auto const hex = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(digit, letter)));
    // A digit's nibble is its low four bits, plus 9 for a letter ('a' is 0x61: 1 + 9).
    auto const nibble = _mm_add_epi8(_mm_and_si128(v, _mm_set1_epi8(0x0F)), _mm_and_si128(letter, _mm_set1_epi8(9)));
    // Two nibbles to a byte, the first one high; then the eight bytes, the first one highest.
    auto const pairs = _mm_and_si128(_mm_or_si128(_mm_slli_epi16(nibble, 4), _mm_srli_epi16(nibble, 8)), _mm_set1_epi16(0x00FF));
    value = __builtin_bswap64(static_cast<std::uint64_t>(_mm_cvtsi128_si64(_mm_packus_epi16(pairs, pairs))));
    return static_cast<unsigned>(__builtin_ctz(~hex));  // bits 16-31 of ~hex are set: at most 16
}
#endif

// Up to MaxDigits hex digits, at least one: common::hex_digits_parser<MaxDigits>, sixteen bytes
// a step where they follow.
template <int MaxDigits>
struct hex_digits_parser : common::number_token_parser<hex_digits_parser<MaxDigits>> {
    template <typename Iterator>
    bool read(Iterator& it, Iterator const& last, std::uint64_t& value) const {
#if defined(__SSE2__)
        if (last - it >= 16) {
            std::uint64_t all = 0;
            unsigned digits = hex_lanes(&*it, all);
            if (digits == 0) {
                return false;
            }
            digits = digits < MaxDigits ? digits : MaxDigits;
            value = all >> (4 * (16 - digits));
            it += digits;
            return true;
        }
#endif
        return common::hex_digits_parser<MaxDigits>{}.read(it, last, value);
    }
};

inline auto const hex8 = hex_digits_parser<8>{};
inline auto const hex16 = hex_digits_parser<16>{};

#if defined(__SSE2__)
// How many of the sixteen bytes at `p` are decimal digits before the first that is not (0-16).
inline unsigned decimal_lanes(char const* p) {
    auto const v = _mm_loadu_si128(reinterpret_cast<__m128i const*>(p));
    auto const digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
    return static_cast<unsigned>(__builtin_ctz(~static_cast<unsigned>(_mm_movemask_epi8(digit))));
}
#endif

// Decimal digits, at least one: common::count (decimal_parser), to the same value, the same end
// and the same yes or no. The digits are counted sixteen bytes a step first; fifteen or fewer
// cannot overflow, so they are summed without common's overflow test a digit (fourteen
// instructions a digit there: every count of every !heap -s row); so are the digits of a token
// with fewer than sixteen bytes after its start. Sixteen digits or more go through common's loop.
struct decimal_parser : common::number_token_parser<decimal_parser> {
    template <typename Iterator>
    bool read(Iterator& it, Iterator const& last, std::uint64_t& value) const {
#if defined(__SSE2__)
        if (last - it >= 16) {
            unsigned const digits = decimal_lanes(&*it);
            if (digits == 0) {
                return false;
            }
            if (digits < 16) {
                std::uint64_t sum = 0;
                for (Iterator const end = it + digits; it != end; ++it) {
                    sum = sum * 10 + static_cast<unsigned>(static_cast<unsigned char>(*it) - '0');
                }
                value = sum;
                return true;
            }
        }
        if (last - it < 16) {
            // Fifteen digits at most before the end, which cannot overflow either.
            Iterator const first = it;
            std::uint64_t sum = 0;
            for (; it != last && static_cast<unsigned char>(*it) - unsigned{'0'} <= 9; ++it) {
                sum = sum * 10 + (static_cast<unsigned char>(*it) - unsigned{'0'});
            }
            value = sum;
            return it != first;
        }
#endif
        return common::decimal_parser{}.read(it, last, value);
    }
};

inline auto const count = decimal_parser{};

// common::address_parser with the wide digits: an optional "0x", up to 16 digits, and after a
// backtick a low half of up to 8 when the high half fits in 32 bits ("fffff880`044b5000").
struct address_parser : common::number_token_parser<address_parser> {
    template <typename Iterator>
    bool read(Iterator& it, Iterator const& last, std::uint64_t& value) const {
        if (last - it >= 2 && it[0] == '0' && (it[1] == 'x' || it[1] == 'X')) {
            it += 2;  // "0x": digits must follow
        }
        if (!hex16.read(it, last, value)) {
            return false;
        }
        if (it != last && *it == '`' && value <= 0xFFFFFFFFull) {
            Iterator low_end = it + 1;
            std::uint64_t low = 0;
            if (hex8.read(low_end, last, low)) {
                value = (value << 32) | low;
                it = low_end;
            }
        }
        return true;
    }
};

inline auto const address = x3::rule<struct address_class, std::uint64_t>{"address"} = address_parser{};

// common::hex_token and common::heap_address with the wide digits.
inline auto const hex_token = x3::rule<struct hex_token_class, std::uint64_t>{"hex number"} =
    x3::lexeme[hex16 >> common::token_end];
inline auto const heap_address = x3::rule<struct heap_address_class, std::string>{"heap address"} =
    x3::lexeme[x3::raw[hex16] >> common::token_end];

// Where the run of bytes equal to `c` from `it` ends, sixteen compares a step.
inline char const* end_of_run(char const* it, char const* last, char c) {
#if defined(__SSE2__)
    auto const want = _mm_set1_epi8(c);
    for (; last - it >= 16; it += 16) {
        auto const same = _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<__m128i const*>(it)), want);
        if (auto const other = ~static_cast<unsigned>(_mm_movemask_epi8(same)) & 0xFFFFu; other != 0) {
            return it + __builtin_ctz(other);
        }
    }
#endif
    while (it != last && *it == c) {
        ++it;
    }
    return it;
}

// Where the first byte equal to `c` from `it` is (`last` when there is none).
inline char const* find_byte(char const* it, char const* last, char c) {
#if defined(__SSE2__)
    auto const want = _mm_set1_epi8(c);
    for (; last - it >= 16; it += 16) {
        auto const same = _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<__m128i const*>(it)), want);
        if (auto const found = static_cast<unsigned>(_mm_movemask_epi8(same)); found != 0) {
            return it + __builtin_ctz(found);
        }
    }
#endif
    while (it != last && *it != c) {
        ++it;
    }
    return it;
}

// run_of<'-'>: one or more C, what x3::lexeme[+x3::lit(C)] reads ("-----" rules, "*****"
// banners of 80 bytes, which X3 read a call a byte). Blanks before it are skipped, as before
// any X3 primitive.
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
        first = end_of_run(first, last, C);
        return true;
    }
};

template <char C>
inline constexpr run_of_parser<C> run_of{};

// bytes_before<')'>: zero or more bytes that are not C, what x3::lexeme[*(x3::char_ - C)]
// reads (an lm row's "(pdb symbols)").
template <char C>
struct bytes_before_parser : x3::parser<bytes_before_parser<C>> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;

    template <typename Iterator, typename Context, typename RContext, typename Attribute>
    bool parse(Iterator& first, Iterator const& last, Context const& context, RContext const&,
               Attribute&) const {
        x3::skip_over(first, last, context);
        first = find_byte(first, last, C);
        return true;
    }
};

template <char C>
inline constexpr bytes_before_parser<C> bytes_before{};

} // namespace dbgsift::grammar::wide

// Named as common's hex digits are in a diagnostic.
namespace boost::spirit::x3 {
template <>
struct get_info<dbgsift::grammar::wide::decimal_parser> {
    typedef std::string result_type;
    std::string operator()(dbgsift::grammar::wide::decimal_parser const&) const { return "number"; }
};
template <int MaxDigits>
struct get_info<dbgsift::grammar::wide::hex_digits_parser<MaxDigits>> {
    typedef std::string result_type;
    std::string operator()(dbgsift::grammar::wide::hex_digits_parser<MaxDigits> const&) const {
        return "hex number";
    }
};
} // namespace boost::spirit::x3
