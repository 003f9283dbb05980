// SPDX-License-Identifier: MIT
// A literal prefilter (as ripgrep does before its regex): a header grammar can only match a
// line that holds one of its literal words, and a substring search costs far less than a
// grammar attempt, so the header tests run on every line ask this first.
#pragma once
#include "trim.hpp"

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
// skip blanks and then begin with a literal).
inline bool starts_with_any(std::string_view line, std::initializer_list<std::string_view> words) {
    line.remove_prefix(first_non_blank(line));
    for (auto const word : words) {
        if (line.starts_with(word)) {
            return true;
        }
    }
    return false;
}

// Which byte values occur in a line, built in one pass: a line that lacks any byte of a word
// cannot contain the word. The reader builds one per line and asks each header test's words
// (parse::CommandSpec::header_words) before running the test itself, so most lines skip every
// header test for the price of one scan.
class ByteSet {
public:
    explicit ByteSet(std::string_view line) {
        for (char const c : line) {
            auto const b = static_cast<unsigned char>(c);
            m_bits[b >> 6] |= std::uint64_t{1} << (b & 63);
        }
    }
    bool has(unsigned char b) const { return (m_bits[b >> 6] >> (b & 63)) & 1; }
    // False when `word` cannot occur in the line (a byte of it is missing).
    bool may_contain(std::string_view word) const {
        for (char const c : word) {
            if (!has(static_cast<unsigned char>(c))) {
                return false;
            }
        }
        return true;
    }
    template <typename Words>
    bool may_contain_any(Words const& words) const {
        for (auto const word : words) {
            if (may_contain(word)) {
                return true;
            }
        }
        return false;
    }

private:
    std::uint64_t m_bits[4] = {};
};

} // namespace dbgsift::text
