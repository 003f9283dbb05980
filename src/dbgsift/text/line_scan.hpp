// SPDX-License-Identifier: MIT
// The decoder's one pass over a line's bytes (decode.cpp), in two forms that must agree byte
// for byte: SSE2, which every x86-64 has, and AVX2, chosen at run time where the processor has
// it (twice the bytes a step, and a table lookup for the marks instead of a compare each).
// Declared here so a test can run both over the same bytes.
#pragma once
#include <cstdint>

namespace dbgsift::text::detail {

// A byte's class bits beyond its mark (marks.hpp): not plain (a control character, DEL or a
// byte >= 0x80, as normalize_utf8 would change it), or a line end (LF, CR).
inline constexpr std::uint8_t k_not_plain = 0x40, k_line_end = 0x80;

// The line end (LF or CR) at or after `p`, or `last`; ORs the classes of the bytes before it
// into `classes` (their marks and k_not_plain).
char const* scan_line_sse2(char const* p, char const* last, std::uint8_t& classes);
char const* scan_line_avx2(char const* p, char const* last, std::uint8_t& classes);

// Whether scan_line_avx2 may run here (it is scan_line_sse2 where it may not).
bool avx2_supported();

} // namespace dbgsift::text::detail
