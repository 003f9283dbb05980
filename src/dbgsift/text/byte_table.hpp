// SPDX-License-Identifier: MIT
// A set of bytes as one flag a byte, built at compile time, so that a loop tests a byte with
// one load: the one spelling of such tables for the text layer, the grammars' byte runs
// (grammars/common/byte_run.hpp) and the JSON writers.
#pragma once
#include <array>
#include <cstddef>
#include <string_view>

namespace dbgsift::text {

using ByteTable = std::array<bool, 256>;

// Is `c` one of the table's bytes? (One load; the cast keeps bytes past 0x7f off negative indices.)
constexpr bool holds(ByteTable const& table, char c) { return table[static_cast<unsigned char>(c)]; }

// The bytes of `set`.
constexpr ByteTable bytes_of(std::string_view set) {
    ByteTable taken{};
    for (char const c : set) {
        taken[static_cast<unsigned char>(c)] = true;
    }
    return taken;
}

// Every byte but those of `set`.
constexpr ByteTable bytes_except(std::string_view set) {
    ByteTable taken = bytes_of(set);
    for (bool& t : taken) {
        t = !t;
    }
    return taken;
}

// The bytes below `bound` (for 0x20, the control characters).
constexpr ByteTable bytes_below(unsigned bound) {
    ByteTable taken{};
    for (unsigned b = 0; b < bound && b < taken.size(); ++b) {
        taken[b] = true;
    }
    return taken;
}

// The bytes of `a` and those of `b`.
constexpr ByteTable either(ByteTable a, ByteTable const& b) {
    for (std::size_t i = 0; i < a.size(); ++i) {
        a[i] = a[i] || b[i];
    }
    return a;
}

// The bytes at place `at` of `words` (a word too short adds none).
template <typename Words>
constexpr ByteTable bytes_at(Words const& words, std::size_t at) {
    ByteTable taken{};
    for (std::string_view const word : words) {
        if (word.size() > at) {
            taken[static_cast<unsigned char>(word[at])] = true;
        }
    }
    return taken;
}

// The first bytes of `words` (an empty word adds none).
template <typename Words>
constexpr ByteTable first_bytes_of(Words const& words) {
    return bytes_at(words, 0);
}

} // namespace dbgsift::text
