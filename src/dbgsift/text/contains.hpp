// SPDX-License-Identifier: MIT
// A literal prefilter (as ripgrep does before its regex): a header grammar can only match a
// line that holds one of its literal words, and a substring search costs far less than a
// grammar attempt, so the header tests run on every line ask this first.
#pragma once
#include "trim.hpp"

#include <array>
#include <cstdint>
#include <initializer_list>
#include <string_view>

namespace dbgsift::text {

inline bool contains_any(std::string_view line, std::initializer_list<std::string_view> words) {
    for (auto const word : words) {
        if (line.find(word) != std::string_view::npos) {
            return true;
        }
    }
    return false;
}

// True when the line, after its leading blanks, starts with one of `words` (for grammars that
// skip blanks and then begin with a literal): a braced list or a grammar's table of openings.
// The first byte first, as ends_with_any tests the last: most words differ there, and the
// whole compare is a library call.
template <typename Words>
bool starts_with_any(std::string_view line, Words const& words) {
    line.remove_prefix(first_non_blank(line));
    for (std::string_view const word : words) {
        if (word.empty() || (!line.empty() && line.front() == word.front() && line.starts_with(word))) {
            return true;
        }
    }
    return false;
}

inline bool starts_with_any(std::string_view line, std::initializer_list<std::string_view> words) {
    return starts_with_any<std::initializer_list<std::string_view>>(line, words);
}

// True when the line, before its trailing blanks, ends with one of `words`: for a grammar that
// reads the whole line (trailing blanks allowed) and ends with a literal, a test of a few bytes
// at a fixed place that turns away most lines before the grammar (or a search) runs.
inline bool ends_with_any(std::string_view line, std::initializer_list<std::string_view> words) {
    while (!line.empty() && is_blank_byte(line.back())) {
        line.remove_suffix(1);
    }
    // The last byte first: most lines differ there, and the whole compare is a library call.
    for (auto const word : words) {
        if (!line.empty() && !word.empty() && line.back() == word.back() && line.ends_with(word)) {
            return true;
        }
    }
    return false;
}

// Which byte values occur in a string, folded into 64 bits (k_bit_of), built in one pass in a
// register: a line whose mask lacks a bit of a word's mask cannot contain the word. (Folding
// lets two bytes share a bit: that only lets a line through, never turns one away.) The reader
// builds one per line and asks each header test's words (parse::CommandSpec::header_words)
// before running the test itself.
class ByteMask {
public:
    explicit ByteMask(std::string_view s) {
        // Sixteen bytes a step into two accumulators and the last eight read again (a byte's
        // bit set twice is set once): the reader builds one for each line a header probe with
        // words lets through (segment::spec_for_header; some 55 bytes long), and four bytes a
        // step with a byte-by-byte tail cost 3 M instructions more in the archive of issue 14.
        auto const* p = reinterpret_cast<unsigned char const*>(s.data());
        auto const* const end = p + s.size();
        std::uint64_t a = 0, b = 0;
        auto const eight = [&a, &b](unsigned char const* q) {
            a |= k_mask_of[q[0]] | k_mask_of[q[1]] | k_mask_of[q[2]] | k_mask_of[q[3]];
            b |= k_mask_of[q[4]] | k_mask_of[q[5]] | k_mask_of[q[6]] | k_mask_of[q[7]];
        };
        if (s.size() < 8) {
            for (; p < end; ++p) {
                a |= k_mask_of[*p];
            }
            m_bits = a;
            return;
        }
        for (; end - p > 16; p += 16) {
            eight(p);
            eight(p + 8);
        }
        if (end - p > 8) {
            eight(p);
        }
        eight(end - 8);
        m_bits = a | b;
    }
    std::uint64_t bits() const { return m_bits; }
    // False when a string with mask `word` cannot occur in this one.
    bool may_contain(ByteMask word) const { return (word.m_bits & ~m_bits) == 0; }
    bool may_contain(std::string_view word) const { return may_contain(ByteMask(word)); }

private:
    // Which bit each byte sets. Header words are letters and a few marks, so each letter has
    // a bit of its own (case apart), and so do the marks they use; digits share one, blanks
    // one, bytes past ASCII one, every other byte the last. (Folding by b % 64 made each
    // lower-case letter share a bit with a digit or a mark: "*" passed on any line with a 'j'
    // and "-" on any with an 'm', so !vm's and !address's header tests ran on twice the lines.)
    static constexpr std::array<unsigned char, 256> k_bit_of = [] {
        std::array<unsigned char, 256> bits{};
        bits.fill(63);
        for (int i = 0; i < 26; ++i) {
            bits['a' + i] = static_cast<unsigned char>(i);
            bits['A' + i] = static_cast<unsigned char>(26 + i);
        }
        for (int d = '0'; d <= '9'; ++d) {
            bits[d] = 52;
        }
        bits[' '] = bits['\t'] = 53;
        constexpr std::string_view marks = "*-:_.!/\\";
        for (std::size_t i = 0; i < marks.size(); ++i) {
            bits[static_cast<unsigned char>(marks[i])] = static_cast<unsigned char>(54 + i);
        }
        for (int b = 0x80; b < 0x100; ++b) {
            bits[b] = 62;
        }
        return bits;
    }();

    // The bit itself per byte, looked up rather than shifted into place: one load and an OR
    // a byte in the constructor (the shift by a looked-up count cost two more instructions).
    static constexpr std::array<std::uint64_t, 256> k_mask_of = [] {
        std::array<std::uint64_t, 256> masks{};
        for (std::size_t b = 0; b < masks.size(); ++b) {
            masks[b] = std::uint64_t{1} << k_bit_of[b];
        }
        return masks;
    }();

    std::uint64_t m_bits = 0;
};

} // namespace dbgsift::text
