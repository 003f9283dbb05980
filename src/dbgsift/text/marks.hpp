// SPDX-License-Identifier: MIT
// The bytes the undresser's steps look for ('<', '&', '/', '#', '*', '\\'), one bit each: most
// lines hold none, and each step whose byte is missing skips its own scan. The decoder finds
// them in the same pass that finds the line end (Decoder::next(Line&, Marks&)); marks_of finds
// them in a line made another way (an HTML piece, a line that was not plain ASCII).
#pragma once
#include <array>
#include <cstdint>
#include <string_view>

namespace dbgsift::text {

using Marks = std::uint8_t;
enum : Marks { k_lt = 1, k_amp = 2, k_slash = 4, k_hash = 8, k_star = 16, k_backslash = 32 };
inline constexpr Marks k_all_marks = k_lt | k_amp | k_slash | k_hash | k_star | k_backslash;

// Each mark byte and its bit: the one list the table below and the decoder's vector scan
// (decode.cpp) are both built from.
struct MarkByte {
    char byte;
    Marks mark;
};
inline constexpr std::array<MarkByte, 6> k_mark_bytes{
    {{'<', k_lt}, {'&', k_amp}, {'/', k_slash}, {'#', k_hash}, {'*', k_star}, {'\\', k_backslash}}};

inline constexpr auto k_mark_of_byte = [] {
    std::array<Marks, 256> mark{};
    for (auto const& m : k_mark_bytes) {
        mark[static_cast<unsigned char>(m.byte)] = m.mark;
    }
    return mark;
}();

inline Marks marks_of(std::string_view s) {
    // Four bytes a step into two accumulators, as text::ByteMask: the plain loop is one long
    // dependency chain.
    Marks a = 0, b = 0;
    std::size_t i = 0;
    for (; i + 4 <= s.size(); i += 4) {
        a |= k_mark_of_byte[static_cast<unsigned char>(s[i])] |
             k_mark_of_byte[static_cast<unsigned char>(s[i + 1])];
        b |= k_mark_of_byte[static_cast<unsigned char>(s[i + 2])] |
             k_mark_of_byte[static_cast<unsigned char>(s[i + 3])];
    }
    for (; i < s.size(); ++i) {
        a |= k_mark_of_byte[static_cast<unsigned char>(s[i])];
    }
    return a | b;
}

} // namespace dbgsift::text
