// SPDX-License-Identifier: MIT
// How the decoder finds a line's end and what its bytes hold (decode.cpp), in two forms that
// must agree byte for byte: a scan per line with SSE2, which every x86-64 has, and, chosen at
// run time where the processor has AVX2, a pass over each chunk into bit masks that each line
// is then read from. Declared here so a test can run both over the same bytes.
#pragma once
#include "marks.hpp"
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>

namespace dbgsift::text::detail {

// A byte's class bits beyond its mark (marks.hpp): not plain (a control character, DEL or a
// byte >= 0x80, as normalize_utf8 would change it), or a line end (LF, CR).
inline constexpr std::uint8_t k_not_plain = 0x40, k_line_end = 0x80;

constexpr bool plain_byte(unsigned char b) { return (b >= 0x20 && b < 0x7F) || b == '\t'; }

// A byte's class for the line scan: its mark (marks.hpp), whether it is not plain (as
// plain_byte), whether it ends a line. LF and CR are only line ends: they are never text.
static_assert((k_all_marks & (k_not_plain | k_line_end)) == 0);
inline constexpr auto k_class_of_byte = [] {
    std::array<std::uint8_t, 256> classes{};
    for (std::size_t b = 0; b < classes.size(); ++b) {
        classes[b] = static_cast<std::uint8_t>(
            k_mark_of_byte[b] | (plain_byte(static_cast<unsigned char>(b)) ? 0 : k_not_plain));
    }
    classes['\n'] = k_line_end;
    classes['\r'] = k_line_end;
    return classes;
}();

// The line end (LF or CR) at or after `p`, or `last`; ORs the classes of the bytes before it
// into `classes` (their marks and k_not_plain).
char const* scan_line_sse2(char const* p, char const* last, std::uint8_t& classes);

// A whole chunk classified once, with AVX2, as bit masks (bit k of word w: byte 64w + k): its
// line ends, its bytes that are marks or not plain, and those not plain alone. A line then
// costs a mask and a count of zeros per 64 bytes, where a scan per line loaded again the block
// the line before ended in and the constants of each step (some 80 instructions a line). Only
// the marks are looked up byte by byte (each has its own bit): with no mask of the bytes not
// plain, a line of Cyrillic looked up each of its bytes and read slower than the SSE2 scan.
// Bits past the chunk's end are clear but one: an end past the last byte.
class ChunkMasks {
public:
    // `bytes` may be read up to `size` rounded up to 64 (the decoder's buffer is that long).
    void classify(char const* bytes, std::size_t size);
    // The offset of the line end (LF, CR) at or after `pos`, or the chunk's size; ORs the classes of
    // the bytes before it into `classes`, as scan_line_sse2 does.
    std::size_t line_end(char const* bytes, std::size_t pos, std::uint8_t& classes) const {
        // Local copies: a store to `classes` (a char) may alias anything, members included.
        std::uint64_t const* const all_ends = m_ends.get();
        std::uint64_t const* const all_special = m_special.get();
        std::uint64_t from = ~std::uint64_t{0} << (pos % 64);
        std::uint8_t found = 0;
        for (std::size_t w = pos / 64;; ++w, from = ~std::uint64_t{0}) {
            std::uint64_t const ends = all_ends[w] & from;
            std::uint64_t const in_line = ((ends & (0 - ends)) - 1) & from;  // all from `from` when no end
            if (std::uint64_t special = all_special[w] & in_line; special != 0) {
                // m_not_plain is read only for a line with such a byte: a local copy cost a register on every line.
                if (std::uint64_t const not_plain = m_not_plain[w]; (special & not_plain) != 0) {
                    found |= k_not_plain;
                    special &= ~not_plain;
                }
                for (; special != 0; special &= special - 1) {
                    found |= k_mark_of_byte[static_cast<unsigned char>(bytes[64 * w + static_cast<std::size_t>(__builtin_ctzll(special))])];
                }
            }
            if (ends != 0) {
                classes |= found;
                return 64 * w + static_cast<std::size_t>(__builtin_ctzll(ends));
            }
        }
    }

private:
    // The line ends; the marks and the bytes not plain; the bytes not plain alone.
    std::unique_ptr<std::uint64_t[]> m_ends, m_special, m_not_plain;
    std::size_t m_words = 0;  // allocated
};

// Whether ChunkMasks::classify may run here (the decoder takes scan_line_sse2 where it may not).
bool avx2_supported();

} // namespace dbgsift::text::detail
