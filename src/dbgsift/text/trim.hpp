// SPDX-License-Identifier: MIT
// Blanks at both ends of a decoded line (spaces and tabs: the decoder already made NBSP a space).
// Plain loops: std::string_view::find_first_not_of(" \t") calls memchr on its set once per
// blank, and these run several times on every line.
#pragma once
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace dbgsift::text {

inline bool is_blank_byte(char c) { return c == ' ' || c == '\t'; }

// Index of the first byte that is not a blank (s.size() when there is none).
inline std::size_t first_non_blank(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size() && is_blank_byte(s[i])) {
        ++i;
    }
    return i;
}

// first_non_blank, sixteen bytes a compare: for the undresser, which measures the indentation
// of every line (most transcript rows are indented, some by dozens of blanks), where the byte
// loop cost four instructions a blank. Same answer as first_non_blank on any text.
inline std::size_t first_non_blank_wide(std::string_view s) {
    std::size_t i = 0;
#if defined(__SSE2__)
    for (; s.size() - i >= 16; i += 16) {
        auto const v = _mm_loadu_si128(reinterpret_cast<__m128i const*>(s.data() + i));
        auto const blank = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\t')));
        auto const other = ~static_cast<unsigned>(_mm_movemask_epi8(blank)) & 0xFFFFu;
        if (other != 0) {
            return i + static_cast<std::size_t>(__builtin_ctz(other));
        }
    }
#endif
    while (i < s.size() && is_blank_byte(s[i])) {
        ++i;
    }
    return i;
}

inline std::string_view trim(std::string_view s) {
    std::size_t first = first_non_blank(s);
    std::size_t end = s.size();
    while (end > first && is_blank_byte(s[end - 1])) {
        --end;
    }
    return s.substr(first, end - first);
}

} // namespace dbgsift::text
