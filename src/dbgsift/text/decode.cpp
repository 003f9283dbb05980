// SPDX-License-Identifier: MIT
#include "decode.hpp"

#include "line_scan.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstring>
#include <limits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
// The AVX2 scan is built where the compiler can target it per function (GCC, Clang on
// x86-64) and runs where the processor has it.
#if defined(__x86_64__) && defined(__GNUC__)
#define DBGSIFT_SCAN_AVX2 1
#include <immintrin.h>
#endif

namespace dbgsift::text {
namespace {

constexpr std::size_t k_chunk_bytes = 1 << 16;
// Decoder::next_plain hands out a line read whole in one chunk as never truncated.
static_assert(k_chunk_bytes < k_max_line_bytes);
// ChunkMasks::classify reads whole 64-byte words of the buffer.
static_assert(k_chunk_bytes % 64 == 0);
constexpr std::uint32_t k_replacement = 0xFFFD;
constexpr std::string_view k_replacement_utf8 = "\xEF\xBF\xBD";

// Length of the valid UTF-8 sequence at s[i], or 0 when it is not valid UTF-8.
std::size_t utf8_sequence(std::string_view s, std::size_t i, std::uint32_t& cp) {
    auto const b0 = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    if (b0 < 0x80) {
        cp = b0;
        return 1;
    } else if ((b0 & 0xE0) == 0xC0 && b0 >= 0xC2) {
        len = 2;
        cp = b0 & 0x1F;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3;
        cp = b0 & 0x0F;
    } else if ((b0 & 0xF8) == 0xF0 && b0 <= 0xF4) {
        len = 4;
        cp = b0 & 0x07;
    } else {
        return 0;
    }
    if (len > s.size() - i) {
        return 0;
    }
    for (std::size_t k = 1; k < len; ++k) {
        auto const b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) {
            return 0;
        }
        cp = (cp << 6) | (b & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
        return 0;
    }
    return len;
}

using detail::plain_byte;

// True when every byte is printable ASCII or a tab: normalize_utf8 would copy such a line
// unchanged. Eight bytes at a time: a word with no byte >= 0x7F and none below 0x20 is plain
// (the bit tricks of "Bit Twiddling Hacks", hasless/haszero); a word that may hold a tab is
// checked byte by byte.
bool plain_ascii(std::string_view s) {
    constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        std::uint64_t w = 0;
        std::memcpy(&w, s.data() + i, 8);
        auto const high = w & highs;                        // a byte >= 0x80
        auto const below = (w - ones * 0x20) & ~w & highs;  // a byte < 0x20
        auto const del = w ^ (ones * 0x7F);
        auto const is_del = (del - ones) & ~del & highs;    // a byte == 0x7F
        if ((high | below | is_del) != 0) {
            for (std::size_t k = i; k < i + 8; ++k) {
                if (!plain_byte(static_cast<unsigned char>(s[k]))) {
                    return false;
                }
            }
        }
    }
    for (; i < s.size(); ++i) {
        if (!plain_byte(static_cast<unsigned char>(s[i]))) {
            return false;
        }
    }
    return true;
}

using detail::k_class_of_byte;
using detail::k_line_end;
using detail::k_not_plain;

// What a block scan found, as bit masks (bit k: byte k of the block): the bytes that end the
// line, that are not plain and that are marks. ORs into `classes` what the bytes before the
// first end hold (only the rare mark bytes are looked up) and returns that end, or nullptr
// when the block has none.
[[gnu::always_inline]] inline char const* settle_block(char const* p, unsigned ends, unsigned odd,
                                                       unsigned marks, std::uint8_t& classes) {
    // The bytes before the first end (all of them when there is none: 0 - 1 wraps to all ones).
    unsigned const before_end = (ends & (0u - ends)) - 1;
    if (((odd | marks) & before_end) != 0) {  // most blocks have neither
        if ((odd & before_end) != 0) {
            classes |= k_not_plain;
        }
        for (unsigned m = marks & before_end; m != 0; m &= m - 1) {
            classes |= k_class_of_byte[static_cast<unsigned char>(p[__builtin_ctz(m)])];
        }
    }
    return ends == 0 ? nullptr : p + __builtin_ctz(ends);
}

#if defined(__SSE2__)
// Sixteen bytes a compare (SSE2, which every x86-64 has). `p` has at least 16 bytes.
char const* scan_block(char const* p, std::uint8_t& classes) {
    auto const v = _mm_loadu_si128(reinterpret_cast<__m128i const*>(p));
    auto const is = [&v](char c) { return _mm_cmpeq_epi8(v, _mm_set1_epi8(c)); };
    auto const ends = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(is('\n'), is('\r'))));
    // Signed compare: below 0x20 is a control character or a byte >= 0x80.
    auto const control = _mm_andnot_si128(is('\t'), _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)));
    auto const odd = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(control, is('\x7F'))));
    // Every byte of k_mark_bytes, written out: -O2 does not unroll a loop over the table here
    // (it cost 3% of the whole run).
    static_assert(k_mark_bytes.size() == 6, "one compare per mark byte below");
    auto const marks = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(
        _mm_or_si128(_mm_or_si128(is(k_mark_bytes[0].byte), is(k_mark_bytes[1].byte)),
                     _mm_or_si128(is(k_mark_bytes[2].byte), is(k_mark_bytes[3].byte))),
        _mm_or_si128(is(k_mark_bytes[4].byte), is(k_mark_bytes[5].byte)))));
    return settle_block(p, ends, odd, marks, classes);
}
#endif

#if defined(DBGSIFT_SCAN_AVX2)
// Every class a byte may have, as two 16-entry tables, one indexed by a byte's low nibble and
// one by its high nibble: a byte has a class when its two entries share the class's bit. Each
// distinct high nibble of a mark gets a bit of its own (the low table holds, for each low
// nibble, the bits of the high nibbles a mark has with it); the line ends, the bytes >= 0x80,
// the control characters and DEL one bit each, placed so that a line end is the sign bit and
// a byte not plain anything from k_odd_bits up: one saturating add then moves each question
// into the sign bit, which a movemask reads. Six compares and the ORs between them cost more.
inline constexpr std::uint8_t k_end_bit = 0x80, k_high_half_bit = 0x40, k_control_bit = 0x20,
                              k_control_1x_bit = 0x10, k_del_bit = 0x08;
inline constexpr std::uint8_t k_odd_bits = k_del_bit;  // this bit and those above: not plain
struct NibbleTables {
    std::array<std::uint8_t, 32> low{}, high{};  // each table twice, once per 128-bit lane
};
constexpr NibbleTables k_class_nibbles = [] {
    std::array<std::uint8_t, 16> low{}, high{};
    // Not plain: 0x00-0x1F but the tab (LF and CR among them: no line's text holds them),
    // 0x7F, 0x80-0xFF. Line ends: LF, CR.
    high[0x0] = k_control_bit | k_end_bit;
    high[0x1] = k_control_1x_bit;
    high[0x7] = k_del_bit;
    for (std::size_t h = 0x8; h < 16; ++h) {
        high[h] = k_high_half_bit;
    }
    for (std::size_t l = 0; l < 16; ++l) {
        low[l] = k_high_half_bit | k_control_1x_bit | (l == '\t' ? 0 : k_control_bit);
    }
    low[0xF] |= k_del_bit;
    low['\n'] |= k_end_bit;
    low['\r'] |= k_end_bit;
    std::uint8_t next_mark_bit = 1;
    for (auto const& m : k_mark_bytes) {
        auto const b = static_cast<unsigned char>(m.byte);
        std::size_t const h = b >> 4;
        if (h < 2 || h == 7 || h >= 8) {
            throw "a mark byte in a high nibble of the other classes";  // fails the constant evaluation: no build
        }
        if (high[h] == 0) {
            if (next_mark_bit == k_odd_bits) {
                throw "more high nibbles of marks than bits below k_odd_bits";
            }
            high[h] = next_mark_bit;
            next_mark_bit = static_cast<std::uint8_t>(next_mark_bit << 1);
        }
        low[b & 0x0F] |= high[h];
    }
    NibbleTables t;
    for (std::size_t k = 0; k < 16; ++k) {
        t.low[k] = t.low[16 + k] = low[k];
        t.high[k] = t.high[16 + k] = high[k];
    }
    return t;
}();

#endif

} // namespace

namespace detail {

char const* scan_line_sse2(char const* p, char const* last, std::uint8_t& classes) {
#if defined(__SSE2__)
    for (; last - p >= 16; p += 16) {
        if (char const* end = scan_block(p, classes)) {
            return end;
        }
    }
#endif
    for (; p != last; ++p) {
        auto const c = k_class_of_byte[static_cast<unsigned char>(*p)];
        if ((c & k_line_end) != 0) {
            break;
        }
        classes |= c;
    }
    return p;
}

#if defined(DBGSIFT_SCAN_AVX2)
// Thirty-two bytes a step, two to a word; every class from two table lookups (vpshufb,
// k_class_nibbles), the low nibble masked so that a byte >= 0x80 looks up its entry too.
[[gnu::target("avx2")]] void ChunkMasks::classify(char const* bytes, std::size_t size) {
    std::size_t const words = (size + 63) / 64;
    if (words + 1 > m_words) {
        m_ends = std::make_unique_for_overwrite<std::uint64_t[]>(words + 1);
        m_special = std::make_unique_for_overwrite<std::uint64_t[]>(words + 1);
        m_not_plain = std::make_unique_for_overwrite<std::uint64_t[]>(words + 1);
        m_words = words + 1;
    }
    auto const low_table = _mm256_loadu_si256(reinterpret_cast<__m256i const*>(k_class_nibbles.low.data()));
    auto const high_table = _mm256_loadu_si256(reinterpret_cast<__m256i const*>(k_class_nibbles.high.data()));
    auto const low_nibble = _mm256_set1_epi8(0x0F);
    // Added with saturation: the sign bit set where a byte's classes reach k_odd_bits (not
    // plain), or where it has any (special).
    auto const to_odd = _mm256_set1_epi8(static_cast<char>(0x80 - k_odd_bits));
    auto const to_any = _mm256_set1_epi8(0x7F);
    for (std::size_t w = 0; w < words; ++w) {
        std::uint64_t ends = 0, special = 0, not_plain = 0;
        for (unsigned half = 0; half < 64; half += 32) {
            auto const v = _mm256_loadu_si256(reinterpret_cast<__m256i const*>(bytes + 64 * w + half));
            auto const high = _mm256_and_si256(_mm256_srli_epi16(v, 4), low_nibble);
            auto const classes = _mm256_and_si256(_mm256_shuffle_epi8(low_table, _mm256_and_si256(v, low_nibble)),
                                                  _mm256_shuffle_epi8(high_table, high));
            ends |= std::uint64_t{static_cast<std::uint32_t>(_mm256_movemask_epi8(classes))} << half;
            special |= std::uint64_t{static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_adds_epu8(classes, to_any)))} << half;
            not_plain |= std::uint64_t{static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_adds_epu8(classes, to_odd)))} << half;
        }
        m_ends[w] = ends;
        m_special[w] = special;
        m_not_plain[w] = not_plain;
    }
    // The bytes past the chunk's end are no part of it; the first of them ends the last line.
    std::uint64_t const sentinel = std::uint64_t{1} << (size % 64);
    if (size % 64 != 0) {
        m_ends[words - 1] = (m_ends[words - 1] & (sentinel - 1)) | sentinel;
        m_special[words - 1] &= sentinel - 1;
        m_not_plain[words - 1] &= sentinel - 1;
    } else {
        m_ends[words] = sentinel;
        m_special[words] = 0;
        m_not_plain[words] = 0;
    }
}

bool avx2_supported() {
    static bool const supported = __builtin_cpu_supports("avx2") != 0;
    return supported;
}
#else
void ChunkMasks::classify(char const*, std::size_t) {}  // never called: avx2_supported() is false

bool avx2_supported() { return false; }
#endif

} // namespace detail

namespace {

// Windows-1252 0x80-0x9F (0 = undefined there). Logs saved by ANSI tools use it, not ISO C1.
constexpr std::array<std::uint16_t, 32> k_cp1252_high = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};

// The plain ASCII a typographic code point stands for, or nullptr to keep it.
char const* plain_for(std::uint32_t cp) {
    switch (cp) {
    case 0x00A0: case 0x1680: case 0x2000: case 0x2001: case 0x2002: case 0x2003:
    case 0x2004: case 0x2005: case 0x2006: case 0x2007: case 0x2008: case 0x2009:
    case 0x200A: case 0x202F: case 0x205F: case 0x3000:
        return " ";
    case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
        return "";  // soft hyphen, zero-width characters, a stray BOM
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x2039:
    case 0x203A:
        return "'";
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x00AB:
    case 0x00BB:
        return "\"";
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212:
        return "-";
    case 0x2026:
        return "...";
    default:
        return nullptr;
    }
}

// A terminal colour/cursor sequence (ESC [ params final) starting at s[i]: its length, or 0.
std::size_t csi_sequence(std::string_view s, std::size_t i) {
    if (i + 1 >= s.size() || s[i + 1] != '[') {
        return 0;
    }
    for (std::size_t k = i + 2; k < s.size() && k < i + 32; ++k) {
        auto const c = static_cast<unsigned char>(s[k]);
        if (c >= 0x40 && c <= 0x7E) {
            return k - i + 1;
        }
        if (c < 0x20 || c > 0x3F) {
            return 0;
        }
    }
    return 0;
}

} // namespace

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        cp = k_replacement;
    }
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

std::string latin1_to_utf8(std::string_view s) {
    std::string out;
    out.reserve(s.size() + s.size() / 4);
    for (char ch : s) {
        auto const b = static_cast<unsigned char>(ch);
        if (b < 0x80) {
            out.push_back(ch);
        } else if (b < 0xA0) {
            auto const cp = k_cp1252_high[b - 0x80];
            append_utf8(out, cp == 0 ? k_replacement : cp);
        } else {
            append_utf8(out, b);
        }
    }
    return out;
}

namespace {

// Copies the run of printable ASCII (0x20-0x7E) at line[i] to `o`; returns its length. `o`
// has room for 16 bytes more than the run wherever 16 bytes of `line` are left: sixteen are
// stored at once, the run's share of them kept.
std::size_t copy_printable_run(std::string_view line, std::size_t i, char* o) {
    std::size_t const first = i;
#if defined(__SSE2__)
    while (line.size() - i >= 16) {
        auto const v = _mm_loadu_si128(reinterpret_cast<__m128i const*>(line.data() + i));
        _mm_storeu_si128(reinterpret_cast<__m128i*>(o + (i - first)), v);
        // Signed compare: below 0x20 is a control character or a byte >= 0x80.
        auto const stop = static_cast<unsigned>(_mm_movemask_epi8(
            _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)), _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)))));
        if (stop != 0) {
            return i + static_cast<std::size_t>(__builtin_ctz(stop)) - first;
        }
        i += 16;
    }
#endif
    for (; i < line.size(); ++i) {
        auto const b = static_cast<unsigned char>(line[i]);
        if (b < 0x20 || b >= 0x7F) {
            break;
        }
        o[i - first] = static_cast<char>(b);
    }
    return i - first;
}

#if defined(__SSE2__)
// What the NBSP steps read of sixteen bytes, as masks (bit k: byte k).
struct NbspStepMasks {
    __m128i lead_bytes;  // 0xFF at each 0xC2
    unsigned stop;       // below 0x20, 0x7F, or any byte >= 0x80
    unsigned lead;       // each 0xC2
    unsigned nbsp;       // an NBSP at k and k + 1
};

[[gnu::always_inline]] inline NbspStepMasks nbsp_step_masks(__m128i v) {
    // Signed compare: below 0x20 is a control character or a byte >= 0x80.
    auto const stop = static_cast<unsigned>(_mm_movemask_epi8(
        _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)), _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)))));
    auto const lead_bytes = _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(0xC2)));
    auto const lead = static_cast<unsigned>(_mm_movemask_epi8(lead_bytes));
    auto const second = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(0xA0)))));
    return {lead_bytes, stop, lead, lead & (second >> 1)};
}
#endif

// Lines pasted from web pages hold an NBSP every few bytes ("\xC2\xA0 \xC2\xA0  Current:"):
// from line[i] on, takes sixteen bytes at a time while they are printable ASCII and NBSPs
// whole in the step, each NBSP written as a space, and advances `i` and `o` past them. `o`
// has room as in copy_printable_run: the step is stored at once, then each stretch between
// two NBSPs' second bytes again over the last.
void take_nbsp_steps(std::string_view line, std::size_t& i, char*& o) {
#if defined(__SSE2__)
    alignas(16) char step[32] = {};
    while (line.size() - i >= 16) {
        auto const v = _mm_loadu_si128(reinterpret_cast<__m128i const*>(line.data() + i));
        auto const m = nbsp_step_masks(v);
        if ((m.stop & ~(m.nbsp | m.nbsp << 1)) != 0) {
            return;  // a byte of anything else (or an NBSP cut by the step's end)
        }
        // Each NBSP's first byte (every 0xC2 of the step) becomes the space, its second is left out.
        _mm_store_si128(reinterpret_cast<__m128i*>(step),
                        _mm_or_si128(_mm_andnot_si128(m.lead_bytes, v), _mm_and_si128(m.lead_bytes, _mm_set1_epi8(' '))));
        unsigned from = 0;
        for (unsigned seconds = m.nbsp << 1; seconds != 0; seconds &= seconds - 1) {
            auto const k = static_cast<unsigned>(__builtin_ctz(seconds));
            _mm_storeu_si128(reinterpret_cast<__m128i*>(o), _mm_loadu_si128(reinterpret_cast<__m128i const*>(step + from)));
            o += k - from;
            from = k + 1;
        }
        _mm_storeu_si128(reinterpret_cast<__m128i*>(o), _mm_loadu_si128(reinterpret_cast<__m128i const*>(step + from)));
        o += 16 - from;
        i += 16;
    }
#else
    (void)line;
    (void)i;
    (void)o;
#endif
}

#if defined(DBGSIFT_SCAN_AVX2)
// For each mask of the bytes of eight to keep, the shuffle that packs them to the front, and
// how many they are.
struct PackShuffles {
    std::array<std::array<std::uint8_t, 8>, 256> order{};
    std::array<std::uint8_t, 256> count{};
};
constexpr PackShuffles k_pack_shuffles = [] {
    PackShuffles t;
    for (unsigned keep = 0; keep < 256; ++keep) {
        unsigned n = 0;
        for (unsigned b = 0; b < 8; ++b) {
            if (((keep >> b) & 1u) != 0) {
                t.order[keep][n++] = static_cast<std::uint8_t>(b);
            }
        }
        t.count[keep] = static_cast<std::uint8_t>(n);
        for (; n < 8; ++n) {
            t.order[keep][n] = 0x80;  // a zero byte, stored past the kept ones and written over
        }
    }
    return t;
}();

// One step of take_nbsp_steps_packed: the sixteen bytes at `at`, the first `skip` of them
// already taken. True when the steps go on.
[[gnu::target("avx2"), gnu::always_inline]] inline bool take_packed_step(char const* at, unsigned skip,
                                                                        std::size_t& i, char*& o) {
    auto const v = _mm_loadu_si128(reinterpret_cast<__m128i const*>(at));
    auto const [lead_bytes, stop, lead, nbsp] = nbsp_step_masks(v);
    unsigned const from = 0xFFFFu << skip;
    // Anything else from `skip` on, or an NBSP cut by the step's end. No NBSP is cut by the
    // first such byte (its second byte would be one), nor at `skip`: the step before took
    // whole NBSPs only.
    unsigned const other = stop & ~(nbsp | nbsp << 1) & from;
    unsigned const end = other == 0 ? 16 : static_cast<unsigned>(__builtin_ctz(other));
    unsigned const keep = ~(nbsp << 1) & from & ((1u << end) - 1);
    // Each NBSP's first byte (every 0xC2 of the step) becomes the space, its second is left out.
    auto const spaced = _mm_or_si128(_mm_andnot_si128(lead_bytes, v), _mm_and_si128(lead_bytes, _mm_set1_epi8(' ')));
    unsigned const low = keep & 0xFFu, high = keep >> 8;
    auto const low_order = _mm_loadl_epi64(reinterpret_cast<__m128i const*>(k_pack_shuffles.order[low].data()));
    auto const high_order = _mm_loadl_epi64(reinterpret_cast<__m128i const*>(k_pack_shuffles.order[high].data()));
    _mm_storel_epi64(reinterpret_cast<__m128i*>(o), _mm_shuffle_epi8(spaced, low_order));
    o += k_pack_shuffles.count[low];
    _mm_storel_epi64(reinterpret_cast<__m128i*>(o), _mm_shuffle_epi8(_mm_srli_si128(spaced, 8), high_order));
    o += k_pack_shuffles.count[high];
    i += end - skip;
    // On past a whole step, or one whose last byte starts an NBSP the next step holds.
    return end == 16 || (other == 0x8000u && (lead & 0x8000u) != 0);
}

// take_nbsp_steps where the processor has AVX2 (and so SSSE3's byte shuffle): each step's
// bytes are packed by two table shuffles, eight bytes each, where take_nbsp_steps stores the
// step once per NBSP in it (a line of NBSP runs held one every few bytes). A line of 16 bytes
// or more ends on a step that overlaps the one before (the bytes already taken are left out);
// an NBSP cut by a step's end starts the next step. `o` has room for 16 bytes more than the
// rest of the line.
[[gnu::target("avx2")]] void take_nbsp_steps_packed(std::string_view line, std::size_t& taken, char*& out) {
    if (line.size() < 16) {
        return;
    }
    // In registers: a store through `o` may alias `taken` and `out`.
    std::size_t i = taken;
    char* o = out;
    bool more = true;
    while (more && line.size() - i >= 16) {
        more = take_packed_step(line.data() + i, 0, i, o);
    }
    if (more && i < line.size()) {
        std::size_t const at = line.size() - 16;
        take_packed_step(line.data() + at, static_cast<unsigned>(i - at), i, o);
    }
    taken = i;
    out = o;
}
#endif

// Copies the run of UTF-8 characters at line[i] that normalize_utf8 keeps as they are and
// that are told by their lead byte alone (U+00C0-U+07FF, U+4000-U+CFFF, U+E000-U+EFFF: most
// letters of other scripts and CJK; none is a C1 control or a code point plain_for has a case
// for, U+00A0-U+00BB, U+1680, U+2000-U+2212, U+3000, U+FEFF) to `o`; returns its length. Such
// text went through utf8_sequence and plain_for one character at a time, some thirty
// instructions a byte.
std::size_t copy_kept_run(std::string_view line, std::size_t i, char* o) {
    std::size_t const first = i;
    auto const continues = [&line](std::size_t k) { return (static_cast<unsigned char>(line[k]) & 0xC0) == 0x80; };
    // One branch a length, each copying its bytes: one branch for both, the length told first,
    // cost 10 M instructions more on 24 MiB of Cyrillic lines (450.5 against 440.5 M).
    while (i < line.size()) {
        auto const b = static_cast<unsigned char>(line[i]);
        if (b >= 0xC3 && b <= 0xDF && line.size() - i >= 2 && continues(i + 1)) {
            o[i - first] = line[i];
            o[i - first + 1] = line[i + 1];
            i += 2;
        } else if (((b >= 0xE4 && b <= 0xEC) || b == 0xEE) && line.size() - i >= 3 && continues(i + 1) &&
                   continues(i + 2)) {
            o[i - first] = line[i];
            o[i - first + 1] = line[i + 1];
            o[i - first + 2] = line[i + 2];
            i += 3;
        } else {
            break;  // not such a character, or cut short or broken: left to utf8_sequence
        }
    }
    return i - first;
}

// Copies `n` bytes to `o`; returns the end of the copy.
char* put(char* o, char const* bytes, std::size_t n) {
    std::memcpy(o, bytes, n);
    return o + n;
}

// What append_normalized found in a line.
struct Normalized {
    bool valid = true;             // every byte was UTF-8 (one that was not became U+FFFD)
    bool dropped_sequence = false;  // a terminal sequence went, and any mark byte in it
};

// normalize_utf8 appended to `out`. Writes through a pointer into room made up front (no byte
// becomes more than U+FFFD's three): a push_back or an append per piece cost more than the
// rest of the loop, on lines of web pages with an NBSP every few words.
// `packed`: the NBSP steps take_nbsp_steps_packed takes (only where avx2_supported()), else
// take_nbsp_steps; the callers pass avx2_supported(), a test both (detail::normalize_utf8_by).
Normalized append_normalized(std::string_view line, std::string& out, bool packed) {
    // NUL padding (a log file preallocated by a crashed session) is not text.
    while (!line.empty() && line.back() == '\0') {
        line.remove_suffix(1);
    }
    std::size_t const base = out.size();
    // Each byte becomes at most three; 16 more for the packed steps' last stores.
    out.resize(base + 3 * line.size() + 16);
    char* o = out.data() + base;
    Normalized found;
    std::uint32_t cp = 0;
    std::size_t i = 0;
#if defined(DBGSIFT_SCAN_AVX2)
    if (packed) {
        // Most lines made plain here hold printable ASCII and NBSPs alone: taken whole at once.
        take_nbsp_steps_packed(line, i, o);
    }
#endif
    while (i < line.size()) {
        // A run of printable ASCII (most of a line with an NBSP or a quote) is copied whole.
        // Room: each byte before i became at most three, so 3 * (line.size() - i) are left.
        auto const run = copy_printable_run(line, i, o);
        o += run;
        i += run;
        if (i == line.size()) {
            break;
        }
        auto const b = static_cast<unsigned char>(line[i]);
        if (b < 0x80) {  // control characters
            if (b == '\t') {
                *o++ = '\t';
            } else if (b == '\f' || b == '\v') {
                *o++ = ' ';
            } else if (auto const n = b == 0x1B ? csi_sequence(line, i) : 0; n != 0) {
                found.dropped_sequence = true;
                i += n;
                continue;
            } else {
                o = put(o, k_replacement_utf8.data(), k_replacement_utf8.size());
            }
            ++i;
            continue;
        }
        if (auto const kept = copy_kept_run(line, i, o); kept != 0) {
            o += kept;
            i += kept;
            continue;
        }
        if (b == 0xC2 && i + 1 < line.size() && line[i + 1] == '\xA0') {
            *o++ = ' ';  // NBSP, most of what web pages put in a line, as plain_for says
            i += 2;
#if defined(DBGSIFT_SCAN_AVX2)
            if (packed) {
                take_nbsp_steps_packed(line, i, o);
                continue;
            }
#else
            (void)packed;
#endif
            take_nbsp_steps(line, i, o);
            continue;
        }
        auto const n = utf8_sequence(line, i, cp);
        if (n == 0) {
            found.valid = false;
            o = put(o, k_replacement_utf8.data(), k_replacement_utf8.size());
            ++i;
            continue;
        }
        if (cp < 0xA0) {
            o = put(o, k_replacement_utf8.data(), k_replacement_utf8.size());  // C1 control characters
        } else if (char const* plain = plain_for(cp)) {
            o = put(o, plain, std::strlen(plain));
        } else {
            o = put(o, line.data() + i, n);
        }
        i += n;
    }
    out.resize(static_cast<std::size_t>(o - out.data()));
    return found;
}

} // namespace

std::string normalize_utf8(std::string_view line) {
    std::string out;
    out.reserve(line.size());
    append_normalized(line, out, detail::avx2_supported());
    return out;
}

std::string detail::normalize_utf8_by(std::string_view line, bool packed) {
    std::string out;
    append_normalized(line, out, packed && avx2_supported());
    return out;
}

Decoder::Decoder(std::istream& in) : m_in(in), m_avx2(detail::avx2_supported()) {}

bool Decoder::fill() {
    if (m_eof) {
        return false;
    }
    if (m_buffer == nullptr) {
        // Not zeroed (the read overwrites it): a std::string resized per chunk zeroed 64 KiB
        // each time, as much work as scanning the chunk.
        m_buffer = std::make_unique_for_overwrite<char[]>(k_chunk_bytes);
    }
    m_in.read(m_buffer.get(), static_cast<std::streamsize>(k_chunk_bytes));
    auto const got = m_in.gcount();
    m_chunk = std::string_view(m_buffer.get(), got > 0 ? static_cast<std::size_t>(got) : 0);
    m_pos = 0;
    m_plain_end = 0;  // until the chunk is classified; at the end of input next_plain so answers false
    if (m_chunk.empty()) {
        m_eof = true;
        return false;
    }
    if (!m_started) {
        m_started = true;
        detect_encoding();
    }
    if (m_avx2 && !m_utf16) {
        m_masks.classify(m_chunk.data(), m_chunk.size());
    }
    m_plain_end = m_utf16 ? 0 : m_chunk.size();
    return m_pos < m_chunk.size() || fill();
}

void Decoder::detect_encoding() {
    auto const bytes = std::string_view(m_chunk);
    if (bytes.starts_with("\xEF\xBB\xBF")) {
        m_encoding = "utf-8-bom";
        m_pos = 3;
    } else if (bytes.starts_with("\xFF\xFE")) {
        m_utf16 = true;
        m_encoding = "utf-16le";
        m_pos = 2;
    } else if (bytes.starts_with("\xFE\xFF")) {
        m_utf16 = true;
        m_big_endian = true;
        m_encoding = "utf-16be";
        m_pos = 2;
    } else if (bytes.size() >= 4) {
        // UTF-16LE without a BOM: ASCII text leaves a NUL in most odd bytes, few in even.
        std::size_t odd_nul = 0, even_nul = 0;
        std::size_t const pairs = std::min<std::size_t>(bytes.size(), 4096) / 2;
        std::size_t p = 0;
#if defined(__SSE2__)
        // Eight pairs a step, counted in the eight 16-bit lanes of two sums (no lane counts
        // past 256 of the 4096 bytes), where a byte at a time cost some ten thousand
        // instructions an input.
        auto even_sum = _mm_setzero_si128(), odd_sum = _mm_setzero_si128();
        for (; pairs - p >= 8; p += 8) {
            auto const nul = _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<__m128i const*>(bytes.data() + 2 * p)),
                                            _mm_setzero_si128());
            even_sum = _mm_add_epi16(even_sum, _mm_srli_epi16(_mm_slli_epi16(nul, 8), 15));
            odd_sum = _mm_add_epi16(odd_sum, _mm_srli_epi16(nul, 15));
        }
        alignas(16) std::array<std::uint16_t, 8> even_lanes{}, odd_lanes{};
        _mm_store_si128(reinterpret_cast<__m128i*>(even_lanes.data()), even_sum);
        _mm_store_si128(reinterpret_cast<__m128i*>(odd_lanes.data()), odd_sum);
        for (std::size_t lane = 0; lane < 8; ++lane) {
            even_nul += even_lanes[lane];
            odd_nul += odd_lanes[lane];
        }
#endif
        for (; p < pairs; ++p) {
            even_nul += bytes[2 * p] == '\0';
            odd_nul += bytes[2 * p + 1] == '\0';
        }
        if (odd_nul * 10 >= pairs * 7 && even_nul * 10 <= pairs) {
            m_utf16 = true;
            m_encoding = "utf-16le";
        }
    }
}

bool Decoder::next_unit(std::uint32_t& unit) {
    if (m_pos >= m_chunk.size() && !fill()) {
        return false;
    }
    auto const lo = static_cast<unsigned char>(m_chunk[m_pos++]);
    if (m_pos >= m_chunk.size() && !fill()) {
        unit = k_replacement;  // odd byte count: the last half unit is not text
        return true;
    }
    auto const hi = static_cast<unsigned char>(m_chunk[m_pos++]);
    unit = m_big_endian ? (static_cast<std::uint32_t>(lo) << 8 | hi)
                        : (static_cast<std::uint32_t>(hi) << 8 | lo);
    return true;
}

// 8-bit input: one scan finds the line end and what finish_line and the undresser need to
// know of the line, then its bytes are copied in one run. Inlined into next(), its one caller
// (the call and its register saves cost some fifteen instructions a line).
[[gnu::always_inline]] inline bool Decoder::next_bytes_line(std::string& raw, bool& truncated, std::uint8_t& classes) {
    bool any = false;
    while (m_pos < m_chunk.size() || fill()) {
        if (m_pending_cr) {
            m_pending_cr = false;
            if (m_chunk[m_pos] == '\n') {
                ++m_pos;  // the LF of a CRLF pair
                continue;
            }
        }
        any = true;
        char const* const first = m_chunk.data() + m_pos;
        char const* const last = m_chunk.data() + m_chunk.size();
        char const* const end = line_end(classes);
        auto const run = static_cast<std::size_t>(end - first);
        auto const room = k_max_line_bytes - std::min(raw.size(), k_max_line_bytes);
        if (run > room) {
            truncated = true;  // keep reading to the line end, drop the excess
        }
        raw.append(first, std::min(run, room));
        m_pos += run;
        if (end != last) {
            step_past_end(end);  // as next_plain: a CR stays pending only at the chunk's end
            return true;
        }
    }
    return any;
}

bool Decoder::next_utf16_line(std::string& raw, bool& truncated) {
    bool any = false;
    std::uint32_t unit = 0;
    std::uint32_t high_surrogate = 0;
    while (next_unit(unit)) {
        if (m_pending_cr) {
            m_pending_cr = false;
            if (unit == '\n') {
                continue;  // the LF of a CRLF pair
            }
        }
        any = true;
        if (unit == '\n' || unit == '\r') {
            m_pending_cr = unit == '\r';
            break;
        }
        if (raw.size() >= k_max_line_bytes) {
            truncated = true;
            continue;
        }
        if (high_surrogate != 0 && !(unit >= 0xDC00 && unit <= 0xDFFF)) {
            append_utf8(raw, k_replacement);  // a high surrogate with no low half
            high_surrogate = 0;
        }
        if (unit >= 0xD800 && unit <= 0xDBFF) {
            high_surrogate = unit;
        } else if (unit >= 0xDC00 && unit <= 0xDFFF && high_surrogate != 0) {
            append_utf8(raw, 0x10000 + ((high_surrogate - 0xD800) << 10) + (unit - 0xDC00));
            high_surrogate = 0;
        } else {
            append_utf8(raw, unit);  // a lone low surrogate becomes U+FFFD there
        }
    }
    if (high_surrogate != 0 && raw.size() < k_max_line_bytes) {
        append_utf8(raw, k_replacement);
    }
    return any;
}

// The bytes read are in out.text; a line that is not plain ASCII is made plain from a copy,
// into out.text's own buffer. One pass both makes a UTF-8 line plain and proves it UTF-8; a
// line it finds is not is made again, from Windows-1252.
void Decoder::finish_line(Line& out) {
    if (plain_ascii(out.text)) {
        return;  // most transcript lines: nothing to decode or make plain
    }
    make_plain(out);
}

void Decoder::make_plain(Line& out) {
    m_raw.swap(out.text);
    out.text.clear();
    append_plain(m_raw, out.text);
}

// `bytes` made plain into `text`: as UTF-8, or else (not UTF-8 in 8-bit input) as Windows-1252.
// True when `text` kept every mark byte of `bytes` (marks.hpp): making plain changes only
// bytes that are no marks, but for a terminal sequence it drops whole.
bool Decoder::append_plain(std::string_view bytes, std::string& text) {
    auto const utf8 = append_normalized(bytes, text, detail::avx2_supported());
    if (utf8.valid || m_utf16) {
        return !utf8.dropped_sequence;
    }
    if (m_encoding == "utf-8") {
        m_encoding = "latin-1";
    }
    text.clear();
    return !append_normalized(latin1_to_utf8(bytes), text, detail::avx2_supported()).dropped_sequence;
}

// What next_other does with such a line (next_bytes_line's copy, make_plain), without the
// copy: the chunk is not read again before the line is made.
// The scan's marks are the line's then, unless making it plain dropped some (no second pass
// over the text: marks_of cost a fifth of making a line plain).
bool Decoder::next_made_plain(char const* first, char const* end, std::uint8_t classes, Line& out,
                              Marks& marks) {
    auto const bytes = std::string_view(first, static_cast<std::size_t>(end - first));
    step_past_end(end);
    m_line += m_line < std::numeric_limits<std::uint32_t>::max() ? 1 : 0;
    out.number = m_line;
    out.truncated = false;  // a chunk is shorter than k_max_line_bytes
    out.text.clear();
    bool const kept_marks = append_plain(bytes, out.text);
    marks = kept_marks ? static_cast<Marks>(classes & k_all_marks) : marks_of(out.text);
    return true;
}

bool Decoder::next_other(Line& out, Marks& marks) {
    if (!m_started && !fill()) {
        return false;  // empty input; fill() also decides the encoding from the first chunk
    }
    // Read straight into the caller's buffer (reused line after line): a plain ASCII line is
    // then done, with no copy.
    auto& raw = out.text;
    raw.clear();
    if (raw.capacity() < k_line_capacity) {
        // The undresser passes buffers on (a line it rewrote leaves in a new string): one
        // that comes back small would be regrown, byte run by byte run, for most lines.
        raw.reserve(k_line_capacity);
    }
    bool truncated = false;
    std::uint8_t classes = 0;
    bool const any = m_utf16 ? next_utf16_line(raw, truncated)
                             : next_bytes_line(raw, truncated, classes);
    if (!any) {
        return false;
    }
    if (m_line < std::numeric_limits<std::uint32_t>::max()) {
        ++m_line;
    }
    out.number = m_line;
    out.truncated = truncated;
    if (m_utf16 || truncated) {
        finish_line(out);
    } else if ((classes & k_not_plain) == 0) {
        marks = classes;  // plain ASCII, read whole: the scan saw every byte of the text
        return true;
    } else {
        make_plain(out);  // the scan saw a byte that is not plain
    }
    marks = marks_of(out.text);
    return true;
}

} // namespace dbgsift::text
