// SPDX-License-Identifier: MIT
#include "json_writer.hpp"
#include "../text/byte_table.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <memory>
#include <cmath>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace dbgsift::report {
namespace {

// What put_short_decimal writes at most: m below 10^10, "1.234567891E-4" and the like.
constexpr std::size_t k_short_decimal_digits = 10;
constexpr std::size_t k_short_decimal_chars = k_short_decimal_digits + 1 + 4;  // '.', "E-4"

// Largest scratch kept between documents: a case's line is a few hundred KB; a rare huge one
// gives its room back rather than hold it for the rest of the run.
constexpr std::size_t k_kept_scratch_bytes = std::size_t{8} << 20;
constexpr std::size_t k_initial_room = 64 << 10;

thread_local JsonLine t_scratch;
// A written line given back (recycle_line), waiting to be the next take_line()'s buffer.
thread_local JsonLine t_spare;

// The bytes a JSON string cannot hold as they are: control characters, '"' and '\\'.
constexpr auto k_needs_escape = text::either(text::bytes_below(0x20), text::bytes_of("\"\\"));

// The bytes among the eight at `at` that need an escape, as the high bit of each (0: none). A
// byte is below 0x20, or equal to '"' or '\\', exactly when the classic "has a zero byte" test on
// the word (or on it XOR the byte repeated) sets its high bit; a borrow only runs upwards, so
// the lowest bit set is the first such byte (the ones above it may be false alarms).
std::uint64_t escape_bits(char const* at) {
    constexpr std::uint64_t ones = 0x0101010101010101u;
    constexpr std::uint64_t highs = 0x8080808080808080u;
    auto has_zero = [](std::uint64_t x) { return (x - ones) & ~x & highs; };
    std::uint64_t x;
    std::memcpy(&x, at, 8);
    return ((x - ones * 0x20) & ~x & highs) | has_zero(x ^ (ones * '"')) | has_zero(x ^ (ones * '\\'));
}

// The byte of the word at `word_start` whose high bit is the lowest set in `bits`.
std::size_t first_flagged(std::size_t word_start, std::uint64_t bits) {
    static_assert(std::endian::native == std::endian::little, "the first byte in memory is the lowest");
    return word_start + static_cast<std::size_t>(std::countr_zero(bits)) / 8;
}

#if defined(__SSE2__)
// The bytes among the sixteen of `x` that need an escape, one bit each: below 0x20 (the
// unsigned minimum with 0x1F is the byte itself), '"' or '\\'.
unsigned escape_mask(__m128i x) {
    auto const control = _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(0x1F)), x);
    auto const quote = _mm_cmpeq_epi8(x, _mm_set1_epi8('"'));
    auto const backslash = _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'));
    return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(control, _mm_or_si128(quote, backslash))));
}

// Bytes moved by the scanners below: loaded once, stored to `to` when the scan copies (Copy),
// else not at all, and tested as loaded: `to` may alias the text as far as the compiler knows,
// so a copy made apart from the test loaded every byte twice.
template <bool Copy>
[[gnu::always_inline]] inline __m128i load_16(char* to, std::size_t at, char const* from) {
    auto const x = _mm_loadu_si128(reinterpret_cast<__m128i const*>(from + at));
    if constexpr (Copy) {  // `to` is null without Copy: no offset is applied to it then
        _mm_storeu_si128(reinterpret_cast<__m128i*>(to + at), x);
    }
    return x;
}
template <bool Copy>
[[gnu::always_inline]] inline __m128i load_8(char* to, std::size_t at, char const* from) {
    auto const x = _mm_loadl_epi64(reinterpret_cast<__m128i const*>(from + at));
    if constexpr (Copy) {
        _mm_storel_epi64(reinterpret_cast<__m128i*>(to + at), x);
    }
    return x;
}
template <bool Copy>
[[gnu::always_inline]] inline __m128i load_4(char* to, std::size_t at, char const* from) {
    std::int32_t word;
    std::memcpy(&word, from + at, 4);
    if constexpr (Copy) {
        std::memcpy(to + at, &word, 4);
    }
    return _mm_cvtsi32_si128(word);
}

// The clean run of a text of 2n bytes or fewer (n: 4, 8 or 16) whose first n bytes and
// last n bytes, overlapping, gave these escape masks: the first escape is in the first n
// bytes or, when they are clean, the first one flagged in the last n.
inline std::size_t clean_of_halves(std::size_t size, std::size_t n, unsigned first, unsigned last) {
    if (first != 0) {
        return static_cast<std::size_t>(std::countr_zero(first));
    }
    return last != 0 ? size - n + static_cast<std::size_t>(std::countr_zero(last)) : size;
}

// clean_run for sixteen bytes or more: sixteen at a time, the last sixteen read again
// overlapping the ones before (known clean). With Copy, each sixteen tested is also stored
// at `to`: the overlapping last ones land on the same bytes, so nothing past the text is written.
template <bool Copy>
std::size_t clean_run_sse2(std::string_view s, char* to) {
    std::size_t i = 0;
    for (; i + 16 <= s.size(); i += 16) {
        if (auto const mask = escape_mask(load_16<Copy>(to, i, s.data())); mask != 0) {
            return i + static_cast<std::size_t>(std::countr_zero(mask));
        }
    }
    if (i == s.size()) {
        return i;
    }
    auto const last = s.size() - 16;
    auto const mask = escape_mask(load_16<Copy>(to, last, s.data()));
    return mask != 0 ? last + static_cast<std::size_t>(std::countr_zero(mask)) : s.size();
}
#endif

// How many bytes from the start of `s` need no escape: sixteen at a time with SSE2 (every
// x86-64), else eight at a time, the last eight of a longer text read again overlapping the
// ones before (they are known clean); a text shorter than a word byte by byte. Inlined into
// value(): most strings are a short name, for which the call was a good part of the work.
// Texts of 4 to 32 bytes (seven in ten on the bench archive) are read as their first and
// last halves, overlapping, without a loop: the first escape is in the first half or, when
// that is clean, the first one flagged in the last.
// With Copy, the bytes read are also stored at `to` (room for s.size() bytes), at least the
// clean run: value() copies a text as it tests it rather than read it twice, and the call to
// memcpy after the scan was a third of a short string's writing (issue 14).
template <bool Copy>
[[gnu::always_inline]] inline std::size_t clean_run(std::string_view s, [[maybe_unused]] char* to = nullptr) {
#if defined(__SSE2__)
    if (s.size() > 32) {
        return clean_run_sse2<Copy>(s, to);
    }
    if (s.size() >= 16) {
        // 16 to 32 bytes: the first sixteen and the last sixteen, overlapping, without the loop.
        auto const first = load_16<Copy>(to, 0, s.data());
        auto const last = load_16<Copy>(to, s.size() - 16, s.data());
        return clean_of_halves(s.size(), 16, escape_mask(first), escape_mask(last));
    }
    if (s.size() >= 8) {
        // 8 to 15 bytes (a time, a function name): the first eight and the last eight,
        // overlapping, tested as one block of sixteen.
        auto const first = load_8<Copy>(to, 0, s.data());
        auto const last = load_8<Copy>(to, s.size() - 8, s.data());
        auto const mask = escape_mask(_mm_unpacklo_epi64(first, last));
        return mask == 0 ? s.size() : clean_of_halves(s.size(), 8, mask & 0xFF, mask >> 8);
    }
    if (s.size() >= 4) {
        // 4 to 7 bytes (a module name): the first four and the last four, overlapping, as the
        // first eight of a block (the zeros after them flag bytes the mask then drops).
        auto const first = load_4<Copy>(to, 0, s.data());
        auto const last = load_4<Copy>(to, s.size() - 4, s.data());
        auto const mask = escape_mask(_mm_unpacklo_epi32(first, last)) & 0xFF;
        return mask == 0 ? s.size() : clean_of_halves(s.size(), 4, mask & 0xF, mask >> 4);
    }
#else
    if (s.size() >= 4 && s.size() < 8) {
        // 4 to 7 bytes (a module name): the first four and the last four, overlapping, as one word.
        std::uint32_t head;
        std::uint32_t tail;
        std::memcpy(&head, s.data(), 4);
        std::memcpy(&tail, s.data() + s.size() - 4, 4);
        if constexpr (Copy) {
            std::memcpy(to, &head, 4);
            std::memcpy(to + s.size() - 4, &tail, 4);
        }
        auto const word = head | (std::uint64_t{tail} << 32);
        char bytes[8];
        std::memcpy(bytes, &word, 8);
        auto const bits = escape_bits(bytes);
        if (bits == 0) {
            return s.size();
        }
        auto const at = first_flagged(0, bits);
        return at < 4 ? at : s.size() - 8 + at;
    }
#endif
    if (s.size() < 8) {
        std::size_t i = 0;
        while (i < s.size() && !k_needs_escape[static_cast<unsigned char>(s[i])]) {
            if constexpr (Copy) {
                to[i] = s[i];
            }
            ++i;
        }
        return i;
    }
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        if constexpr (Copy) {
            std::memcpy(to + i, s.data() + i, 8);
        }
        if (auto const bits = escape_bits(s.data() + i); bits != 0) {
            return first_flagged(i, bits);
        }
    }
    if (i == s.size()) {
        return i;
    }
    auto const last = s.size() - 8;
    if constexpr (Copy) {
        std::memcpy(to + last, s.data() + last, 8);
    }
    auto const bits = escape_bits(s.data() + last);
    return bits != 0 ? first_flagged(last, bits) : s.size();
}

// What boost::json::serialize writes for a byte that needs an escape: the short escapes,
// else \u00XX with lowercase hex. Bytes from 0x7F up (UTF-8 included) need none.
std::string_view escape(unsigned char ch, char (&u)[6]) {
    switch (ch) {
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '\b': return "\\b";
    case '\f': return "\\f";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    default: break;
    }
    constexpr char hex[] = "0123456789abcdef";
    u[0] = '\\';
    u[1] = 'u';
    u[2] = '0';
    u[3] = '0';
    u[4] = hex[ch >> 4];
    u[5] = hex[ch & 0xF];
    return {u, sizeof u};
}

// "00".."99": a number is written two digits per division. A document is mostly numbers;
// std::to_chars measured their length in a loop, then divided the 64-bit value by 100 per pair
// (a third of the NDJSON writer's own instructions on the bench archive).
constexpr auto k_digit_pairs = [] {
    std::array<char, 200> t{};
    for (int i = 0; i < 100; ++i) {
        t[2 * i] = static_cast<char>('0' + i / 10);
        t[2 * i + 1] = static_cast<char>('0' + i % 10);
    }
    return t;
}();

// The digits are written from the first: which power of ten a number is below decides both how
// many digits it has and where it is split, so the length is never counted on its own (that and
// a loop of divisions per pair were two thirds of the writing, 48 M instructions on the bench
// archive). Each part below takes a number of at most the digits it names.

char* put_pair(char* at, std::uint32_t pair) {
    std::memcpy(at, &k_digit_pairs[2 * pair], 2);
    return at + 2;
}

// 0..99, no leading zero.
char* put_one_or_two(char* at, std::uint32_t v) {
    if (v < 10) {
        *at = static_cast<char>('0' + v);
        return at + 1;
    }
    return put_pair(at, v);
}

// Exactly four digits of v < 10^4, leading zeros kept.
char* put_four(char* at, std::uint32_t v) {
    auto const high = v / 100;
    return put_pair(put_pair(at, high), v - high * 100);
}

// v < 10^4, no leading zero.
[[gnu::always_inline]] inline char* put_up_to_four(char* at, std::uint32_t v) {
    if (v < 100) {
        return put_one_or_two(at, v);
    }
    auto const high = v / 100;
    return put_pair(put_one_or_two(at, high), v - high * 100);
}

// 10^4 <= v < 10^8, no leading zero: the one or two digits before the last 4 or 6.
[[gnu::always_inline]] inline char* put_five_to_eight(char* at, std::uint32_t v) {
    if (v < 1000000) {
        auto const high = v / 10000;
        return put_four(put_one_or_two(at, high), v - high * 10000);
    }
    auto const high = v / 1000000;
    auto const low = v - high * 1000000;  // six digits: a pair, then four
    auto const middle = low / 10000;
    return put_four(put_pair(put_one_or_two(at, high), middle), low - middle * 10000);
}

// v < 10^8, no leading zero: the up to eight digits before the last eight or sixteen of a long
// number (put_long_digits).
[[gnu::always_inline]] inline char* put_up_to_eight(char* at, std::uint32_t v) {
    return v < 10000 ? put_up_to_four(at, v) : put_five_to_eight(at, v);
}

#if defined(__SSE2__)
// The decimal digits of numbers below 10^8 held in the 64-bit lanes of `x`, leading zeros kept,
// one per byte, first digit lowest, as the characters '0'-'9': each lane splits into two groups
// of four digits (32-bit lanes), each group into two pairs (16-bit lanes), each pair into two
// digits (bytes), every split one multiply-high by a reciprocal and one multiply-low taken
// away, for both lanes at once. Mula's conversion (one lane per digit from four reciprocals,
// each then less ten times the lane before it) took some forty-five instructions for sixteen
// digits; the three splits take some twenty-five (issue 14).
[[gnu::always_inline]] inline __m128i digit_bytes(__m128i x) {
    // gcc turns a multiply-low by a constant into shifts and adds, five instructions where
    // one multiply does: the factors are kept opaque to it. The empty asm (a GNU extension) is
    // only an optimisation barrier: it emits nothing and leaves every result as it was.
    auto opaque = [](__m128i factor) {
        asm("" : "+x"(factor));
        return factor;
    };
    // / 10^4 as * (2^45 / 10^4, rounded up) >> 45: exact below 10^8.
    auto const fours = _mm_srli_epi64(_mm_mul_epu32(x, _mm_set1_epi32(static_cast<int>(0xd1b71759))), 45);
    auto const last_fours = _mm_sub_epi32(x, _mm_mul_epu32(fours, _mm_set1_epi32(10000)));
    auto const quads = _mm_or_si128(fours, _mm_slli_epi64(last_fours, 32));  // each below 10^4
    // / 100 as * 5243 >> 19: exact below 43699. The high halves of the 32-bit lanes are zero.
    auto const hundreds = _mm_srli_epi16(_mm_mulhi_epu16(quads, _mm_set1_epi32(5243)), 3);
    auto const last_pairs = _mm_sub_epi16(quads, _mm_mullo_epi16(hundreds, opaque(_mm_set1_epi16(100))));
    auto const pairs = _mm_or_si128(hundreds, _mm_slli_epi32(last_pairs, 16));  // each below 100
    // / 10 as * 6554 >> 16: exact below 100. A pair p of tens t becomes the lane t + 256 (p - 10 t),
    // that is 256 p - 2559 t: its tens in the first byte, its ones in the second.
    auto const tens = _mm_mulhi_epu16(pairs, _mm_set1_epi16(6554));
    auto const digits = _mm_sub_epi16(_mm_slli_epi16(pairs, 8), _mm_mullo_epi16(tens, opaque(_mm_set1_epi16(2559))));
    return _mm_or_si128(digits, _mm_set1_epi8('0'));
}

// The sixteen digits of high * 10^8 + low (each below 10^8) at `at`, leading zeros kept, in one
// sixteen-byte store: both halves split at once (digit_bytes), for the last sixteen digits of a
// twenty-digit number (kernel addresses, the most frequent long numbers of a document).
char* put_sixteen(char* at, std::uint32_t high, std::uint32_t low) {
    auto const digits = digit_bytes(_mm_set_epi64x(low, high));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(at), digits);
    return at + 16;
}

// Exactly eight digits of v < 10^8, leading zeros kept: the last eight of a number of nine to
// sixteen digits (32-bit addresses are ten), some twenty-three instructions where four pairs
// took thirty.
char* put_last_eight(char* at, std::uint32_t v) {
    _mm_storel_epi64(reinterpret_cast<__m128i*>(at), digit_bytes(_mm_cvtsi32_si128(static_cast<int>(v))));
    return at + 8;
}
#else
// Exactly eight digits of v < 10^8, leading zeros kept.
char* put_eight(char* at, std::uint32_t v) {
    auto const high = v / 10000;
    return put_four(put_four(at, high), v - high * 10000);
}
char* put_sixteen(char* at, std::uint32_t high, std::uint32_t low) { return put_eight(put_eight(at, high), low); }
char* put_last_eight(char* at, std::uint32_t v) { return put_eight(at, v); }
#endif

// v >= 10^8: its last eight digits, or its last sixteen past 10^16 (put_sixteen), in 32-bit
// arithmetic, after the up to eight before them. Out of line, so that the short numbers most
// of a document holds do not pay for its registers.
[[gnu::noinline]] char* put_long_digits(char* at, std::uint64_t v) {
    constexpr std::uint64_t eight_digits = 100'000'000;
    constexpr std::uint64_t sixteen_digits = eight_digits * eight_digits;
    if (v >= sixteen_digits) {  // 17 to 20 digits: at most 1844 before the last sixteen
        auto const top = v / sixteen_digits;
        auto const rest = v - top * sixteen_digits;
        auto const high = rest / eight_digits;
        at = put_up_to_eight(at, static_cast<std::uint32_t>(top));
        return put_sixteen(at, static_cast<std::uint32_t>(high), static_cast<std::uint32_t>(rest - high * eight_digits));
    }
    auto const high = v / eight_digits;
    auto const low = static_cast<std::uint32_t>(v - high * eight_digits);
    at = put_up_to_eight(at, static_cast<std::uint32_t>(high));
    return put_last_eight(at, low);
}

// The digits of any v: the short ones inline, the long ones out of line. Below 10^4 is asked
// first, where two numbers in three of a document are: asking below 10^8 first gave every
// short number a third test (0.3 M Ir on the bench archive, issue 14).
[[gnu::always_inline]] inline char* put_any_digits(char* at, std::uint64_t v) {
    if (v < 10000) {
        return put_up_to_four(at, static_cast<std::uint32_t>(v));
    }
    if (v < 100'000'000) {
        return put_five_to_eight(at, static_cast<std::uint32_t>(v));
    }
    return put_long_digits(at, v);
}

// A double that is a short decimal, as most of a document's are (scores to three places,
// percentages to two): Ryu's digits for it without Ryu, which cost Boost's serializer some
// four hundred instructions a number (issue 14). The decimal m / 10^k with the fewest places
// k that reads back as d is its shortest form: below 10^6 the doubles are far closer together
// than 10^-4, so no other decimal of k places or fewer reads back as d. That decimal is the
// one of four places nearest d, m * 10^(4-k) / 10^4, which reads back as d exactly when d has
// such a form: one rounding and test instead of one per number of places, and its trailing
// zeros dropped give m. Written as Ryu writes it ("5.36E-1", "1E2", "0E0"); returns the end,
// or nullptr when d is no such decimal.
char* put_short_decimal(char* at, double d) {
    if (!(d >= 0 && d < 1e6) || std::signbit(d)) {
        return nullptr;  // negative, -0, large, NaN: Ryu itself
    }
    constexpr double scale = 10000;
    auto m = static_cast<std::uint64_t>(d * scale + 0.5);
    // Both exact, so the division rounds as reading the decimal back would.
    if (static_cast<double>(m) / scale != d) {
        return nullptr;
    }
    if (m == 0) {
        std::memcpy(at, "0E0", 3);
        return at + 3;
    }
    int exponent = -4;
    while (m % 10 == 0) {
        m /= 10;
        ++exponent;
    }
    // m < 10^10: its digits, then all but the first copied as one block after the point.
    char digits[16] = {};
    auto const count = static_cast<int>(put_any_digits(digits, m) - digits);
    exponent += count - 1;  // -4 to 5
    *at++ = digits[0];
    if (count > 1) {
        *at++ = '.';
        std::memcpy(at, digits + 1, k_short_decimal_digits - 1);
        at += count - 1;
    }
    *at++ = 'E';
    if (exponent < 0) {
        *at++ = '-';
    }
    *at++ = static_cast<char>('0' + (exponent < 0 ? -exponent : exponent));
    return at;
}

} // namespace

JsonWriter::JsonWriter() {
    // Of the two buffers that take turns (take_line), write into the bigger: the other is the
    // next line's.
    if (t_spare.m_capacity > t_scratch.m_capacity) {
        std::swap(t_spare, t_scratch);
    }
    m_line = std::move(t_scratch);
    if (m_line.m_capacity < k_initial_room) {
        m_line = JsonLine(std::make_unique_for_overwrite<char[]>(k_initial_room), 0, k_initial_room);
    }
    write_from_start();
}

JsonWriter::JsonWriter(JsonDrain drain) : JsonWriter() {
    m_drain = std::move(drain);
    write_from_start();
}

JsonWriter::~JsonWriter() {
    if (m_line.m_capacity <= k_kept_scratch_bytes && m_line.m_capacity > t_scratch.m_capacity) {
        m_line.m_size = 0;
        t_scratch = std::move(m_line);
    }
}

void JsonWriter::drain_written() {
    if (!m_drain) {
        return;
    }
    if (size() > 0) {
        m_drain(text());
    }
    write_from_start();
}

void JsonWriter::grow(std::size_t n) {
    if (m_drain) {
        drain_written();
        if (static_cast<std::size_t>(m_end - m_at) >= n) {
            return;
        }
        // One value longer than a piece: room for it alone, so it goes out as a piece of its own.
        if (m_line.m_capacity < n) {
            m_line = JsonLine(std::make_unique_for_overwrite<char[]>(n), 0, n);
        }
        m_at = m_line.m_bytes.get();
        m_end = m_at + n;
        return;
    }
    // By doubling: nothing is zeroed, and the buffer is kept for the next documents.
    auto const used = size();
    auto const capacity = std::max(m_line.m_capacity * 2, used + n);
    auto bytes = std::make_unique_for_overwrite<char[]>(capacity);
    std::memcpy(bytes.get(), m_line.m_bytes.get(), used);
    m_line = JsonLine(std::move(bytes), 0, capacity);
    write_from_start();
    m_at += used;
}

namespace {

// `"s"` at `at` (room for s.size() + 2 bytes) when s needs no escape, its bytes copied as they
// are tested: returns how many lead the first byte that needs one (s.size(): none, and the
// quotes are written). What value() and put_clean_quoted() both write.
[[gnu::always_inline]] inline std::size_t quote_if_clean(char* at, std::string_view s) {
    auto const clean = clean_run<true>(s, at + 1);
    if (clean == s.size()) {
        at[0] = '"';
        at[s.size() + 1] = '"';
    }
    return clean;
}

} // namespace

// value(s) into room made for it.
[[gnu::always_inline]] inline void JsonWriter::quoted_value(std::string_view s) {
    char* const at = m_at;
    char* const quote = at + (m_comma ? 1 : 0);
    auto const clean = quote_if_clean(quote, s);
    if (clean == s.size()) {
        put_comma(at);
        written_to(quote + s.size() + 2);
        return;
    }
    escaped_value(s, clean);  // what was copied lies past the text's end: written again
}

void JsonWriter::value(std::string_view s) {
    // Room for the comma, the quotes and the text, copied as it is tested: most text needs no
    // escape, and is then written after one test for room and one read. A buffer to grow and
    // a text longer than 32 bytes (scanned by a call) each take a call of their own: the
    // short text most values are then saves no registers for the calls (issue 14).
    if (static_cast<std::size_t>(m_end - m_at) < s.size() + 3) [[unlikely]] {
        return grown_value(s);
    }
    if (s.size() > 32) {
        return long_value(s);
    }
    quoted_value(s);
}

void JsonWriter::grown_value(std::string_view s) {
    grow(s.size() + 3);
    quoted_value(s);
}

void JsonWriter::long_value(std::string_view s) { quoted_value(s); }

char* JsonWriter::put_clean_quoted(std::size_t size, char const* data, char* at) noexcept {
    std::string_view const s(data, size);
    return quote_if_clean(at, s) == s.size() ? at + s.size() + 2 : nullptr;
}

// Out of line, so that the text needing no escape does not pay for this loop's registers.
void JsonWriter::escaped_value(std::string_view s, std::size_t clean) {
    separate();
    put('"');
    for (;;) {
        put(s.substr(0, clean));
        if (clean == s.size()) {
            break;
        }
        char u[6];
        put(escape(static_cast<unsigned char>(s[clean]), u));
        s.remove_prefix(clean + 1);
        clean = clean_run<false>(s);
    }
    put('"');
}

void JsonWriter::value(double d) {
    // Scores and percentages: "1E0" or "5.36E-1" stay the bytes a tree of the same document
    // would print, written here when short, else by Boost's own serializer.
    char* const at = put_comma(room(k_short_decimal_chars + 1));
    written_to(at);  // the comma, if one
    if (char* const end = put_short_decimal(at, d)) {
        written_to(end);
        return;
    }
    serialized_value(d);
}

// Out of line: inside value(double), the serializer's frame made every short decimal save six
// registers and reserve 248 bytes of stack (0.2 M Ir on the bench archive, issue 14).
void JsonWriter::serialized_value(double d) {
    boost::json::value const v(d);
    boost::json::serializer sr;
    sr.reset(&v);
    char buf[64];
    while (!sr.done()) {
        put(sr.read(buf, sizeof buf));
    }
}

void JsonWriter::signed_value(std::int64_t v) {
    separate();
    constexpr std::size_t k_digits = 20;  // "-9223372036854775808"
    char* at = room(k_digits);
    written_to(std::to_chars(at, at + k_digits, v).ptr);
}

char* JsonWriter::put_digits(char* at, std::uint64_t v) noexcept { return put_any_digits(at, v); }

void JsonWriter::unsigned_value(std::uint64_t v) {
    char* at = put_comma(room(k_max_digits + 1));  // the comma and the digits: one test for room
    written_to(put_digits(at, v));
}

std::string JsonWriter::line() const {
    std::string out;
    out.reserve(size() + 1);
    out.append(text()).push_back('\n');
    return out;
}

JsonLine JsonWriter::take_line() {
    if (!t_spare.m_bytes) {
        auto const size = this->size();
        auto copy = std::make_unique_for_overwrite<char[]>(size + 1);
        std::memcpy(copy.get(), m_line.m_bytes.get(), size);
        copy[size] = '\n';
        return JsonLine(std::move(copy), size + 1, size + 1);
    }
    put('\n');
    m_comma = false;
    m_line.m_size = size();
    auto out = std::exchange(m_line, std::move(t_spare));
    m_line.m_size = 0;
    write_from_start();
    return out;
}

void JsonWriter::recycle_line(JsonLine&& written) {
    if (written.m_capacity <= k_kept_scratch_bytes && written.m_capacity > t_spare.m_capacity) {
        t_spare = std::move(written);
    }
}

} // namespace dbgsift::report
