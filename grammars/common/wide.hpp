// SPDX-License-Identifier: MIT
// Sixteen bytes a step (SSE2) under common's number tokens and runs of one byte:
// leading_hex_digits (hex16, hex8, address, hex_token, heap_address: common.hpp),
// leading_decimal_digits (count: common.hpp), end_of_run (run_of: byte_run.hpp), find_byte
// (bytes_before: byte_run.hpp) and end_of_set_run (byte_run: byte_run.hpp). Why: the byte loops
// cost nine instructions a hex digit and fourteen a decimal one, and a PROCESS header, a stack
// frame, a module row or a !heap -s row holds dozens of digits; a byte run about seven a byte,
// and every frame of every stack holds a function name (issue 14). A caller takes the
// sixteen-byte step only where sixteen bytes are left before the end of the text it reads
// (`last - it >= 16`: never a byte past the line, which may end the buffer); it reads a byte a
// step where fewer are left, for an iterator that is no pointer, and in every build without SSE2
// on x86-64 (the lanes are then not built), to the same values and ends
// (tests/grammars/wide_test.cpp, byte_run_test.cpp).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <utility>

// _mm_cvtsi128_si64 is x86-64 only: a 32-bit build with SSE2 reads a byte a step.
#if defined(__SSE2__) && defined(__x86_64__)
#define DBGSIFT_GRAMMAR_WIDE 1
#include <emmintrin.h>
#endif

namespace dbgsift::grammar::common {

// How a number primitive reads its digits: sixteen bytes a step where sixteen follow (and the
// build has SSE2), or always a byte a step (the loop the wide step must match; the tests read
// both).
enum class stride { wide, bytes };

namespace wide {

// Can `Iterator` be read sixteen bytes at a time through a pointer?
template <typename Iterator>
inline constexpr bool k_contiguous = std::contiguous_iterator<Iterator>;

#if defined(DBGSIFT_GRAMMAR_WIDE)
// The hex digits that open the sixteen bytes at `p`: how many (0-16) before the first byte that
// is not one, and the number the sixteen bytes spell as if each were a digit (a byte that is no
// digit counts as some nibble: the caller keeps only the top `digits` nibbles). `p` has sixteen
// bytes.
struct hex_digits_found {
    unsigned digits;
    std::uint64_t value;
};
inline hex_digits_found leading_hex_digits(char const* p) {
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
    return {static_cast<unsigned>(__builtin_ctz(~hex)),  // bits 16-31 of ~hex are set: at most 16
            __builtin_bswap64(static_cast<std::uint64_t>(_mm_cvtsi128_si64(_mm_packus_epi16(pairs, pairs))))};
}

// How many decimal digits open the sixteen bytes at `p` (0-16). `p` has sixteen bytes.
inline unsigned leading_decimal_digits(char const* p) {
    auto const v = _mm_loadu_si128(reinterpret_cast<__m128i const*>(p));
    auto const digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
    return static_cast<unsigned>(__builtin_ctz(~static_cast<unsigned>(_mm_movemask_epi8(digit))));
}
#endif

// A run of byte values, lo to hi, both in (common::set_lanes lists a set as such runs).
struct byte_range {
    unsigned char lo = 0;
    unsigned char hi = 0;
};

#if defined(DBGSIFT_GRAMMAR_WIDE)
// The bytes set in `a` or in any of `rest`: (a | (b | ...)), as _mm_or_si128.
inline __m128i any_of(__m128i a) {
    return a;
}
template <typename... Rest>
inline __m128i any_of(__m128i a, __m128i b, Rest... rest) {
    return _mm_or_si128(a, any_of(b, rest...));
}

// One bit a byte of the sixteen in `v`: is it in one of `ranges`? A one-byte range is one
// compare; a longer one is the unsigned test (v - lo) <= (hi - lo), as
// min(v - lo, hi - lo) == v - lo.
template <std::size_t N, std::size_t... I>
inline unsigned in_ranges(__m128i v, std::array<byte_range, N> const& ranges, std::index_sequence<I...>) {
    auto const in = [v](byte_range r) {
        if (r.lo == r.hi) {
            return _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(r.lo)));
        }
        auto const off = _mm_sub_epi8(v, _mm_set1_epi8(static_cast<char>(r.lo)));
        return _mm_cmpeq_epi8(_mm_min_epu8(off, _mm_set1_epi8(static_cast<char>(r.hi - r.lo))), off);
    };
    // (Each range's bytes first, in order, then joined: the argument list of any_of would be
    // read in no set order, and g++ then needed a register copy more a step.)
    __m128i const each[] = {in(ranges[I])...};
    return static_cast<unsigned>(_mm_movemask_epi8(any_of(each[I]...)));
}
#endif

// Where a run of a set's bytes from `it` stops, sixteen bytes a step while sixteen are left;
// where fewer are left (or the build reads no sixteen bytes a step, or `Iterator` is no
// pointer), the bytes from there are the caller's to read. The set is `ranges` when ByTaken,
// else every byte outside them; `ranges` holds one at least.
template <bool ByTaken, typename Iterator, std::size_t N>
    requires(N >= 1)
Iterator end_of_set_run(Iterator it, [[maybe_unused]] Iterator const& last,
                        [[maybe_unused]] std::array<byte_range, N> const& ranges) {
#if defined(DBGSIFT_GRAMMAR_WIDE)
    if constexpr (k_contiguous<Iterator>) {
        for (; last - it >= 16; it += 16) {
            auto const v = _mm_loadu_si128(reinterpret_cast<__m128i const*>(std::to_address(it)));
            unsigned const in = in_ranges(v, ranges, std::make_index_sequence<N>{});
            unsigned const stops = ByTaken ? ~in & 0xFFFFu : in;
            if (stops != 0) {
                return it + __builtin_ctz(stops);
            }
        }
    }
#endif
    return it;
}

// Where the run of bytes equal to `c` from `it` ends (`it` itself when `*it` is not `c`): the
// set {c} sixteen bytes a step, the rest a byte at a time.
template <typename Iterator>
Iterator end_of_run(Iterator it, Iterator const& last, char c) {
    auto const only_c = std::array{byte_range{static_cast<unsigned char>(c), static_cast<unsigned char>(c)}};
    it = end_of_set_run<true>(it, last, only_c);
    while (it != last && *it == c) {
        ++it;
    }
    return it;
}

// Where the first byte equal to `c` from `it` is (`last` when there is none): a run of the
// bytes other than `c`, sixteen a step, the rest a byte at a time.
template <typename Iterator>
Iterator find_byte(Iterator it, Iterator const& last, char c) {
    auto const only_c = std::array{byte_range{static_cast<unsigned char>(c), static_cast<unsigned char>(c)}};
    it = end_of_set_run<false>(it, last, only_c);
    while (it != last && *it != c) {
        ++it;
    }
    return it;
}

} // namespace wide
} // namespace dbgsift::grammar::common
