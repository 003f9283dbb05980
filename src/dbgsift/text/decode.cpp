// SPDX-License-Identifier: MIT
#include "decode.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstring>
#include <limits>

namespace dbgsift::text {
namespace {

constexpr std::size_t k_chunk_bytes = 1 << 16;
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

bool plain_byte(unsigned char b) { return (b >= 0x20 && b < 0x7F) || b == '\t'; }

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

bool valid_utf8(std::string_view s) {
    std::uint32_t cp = 0;
    for (std::size_t i = 0; i < s.size();) {
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            ++i;
            continue;
        }
        auto const n = utf8_sequence(s, i, cp);
        if (n == 0) {
            return false;
        }
        i += n;
    }
    return true;
}

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

std::string normalize_utf8(std::string_view line) {
    // NUL padding (a log file preallocated by a crashed session) is not text.
    while (!line.empty() && line.back() == '\0') {
        line.remove_suffix(1);
    }
    std::string out;
    out.reserve(line.size());
    std::uint32_t cp = 0;
    for (std::size_t i = 0; i < line.size();) {
        auto const b = static_cast<unsigned char>(line[i]);
        if (b >= 0x20 && b < 0x7F) {
            out.push_back(line[i]);
            ++i;
            continue;
        }
        if (b < 0x80) {  // control characters
            if (b == '\t') {
                out.push_back('\t');
            } else if (b == '\f' || b == '\v') {
                out.push_back(' ');
            } else if (auto const n = b == 0x1B ? csi_sequence(line, i) : 0; n != 0) {
                i += n;
                continue;
            } else {
                out += k_replacement_utf8;
            }
            ++i;
            continue;
        }
        auto const n = utf8_sequence(line, i, cp);
        if (n == 0) {
            out += k_replacement_utf8;
            ++i;
            continue;
        }
        if (cp < 0xA0) {
            out += k_replacement_utf8;  // C1 control characters
        } else if (char const* plain = plain_for(cp)) {
            out += plain;
        } else {
            out.append(line.substr(i, n));
        }
        i += n;
    }
    return out;
}

Decoder::Decoder(std::istream& in) : m_in(in) {}

bool Decoder::fill() {
    if (m_eof) {
        return false;
    }
    m_chunk.resize(k_chunk_bytes);
    m_in.read(m_chunk.data(), static_cast<std::streamsize>(m_chunk.size()));
    auto const got = m_in.gcount();
    m_chunk.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
    m_pos = 0;
    if (m_chunk.empty()) {
        m_eof = true;
        return false;
    }
    m_chunk_has_cr = std::memchr(m_chunk.data(), '\r', m_chunk.size()) != nullptr;
    if (!m_started) {
        m_started = true;
        detect_encoding();
    }
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
        for (std::size_t p = 0; p < pairs; ++p) {
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

// 8-bit input: copies whole runs between line ends (memchr-speed), not byte by byte.
bool Decoder::next_bytes_line(std::string& raw, bool& truncated) {
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
        auto const begin = m_chunk.begin() + static_cast<std::ptrdiff_t>(m_pos);
        // memchr for the LF, then for a CR before it (a lone CR ends a line too): two vector
        // scans of the line instead of a test per byte. A chunk with no CR at all (a file
        // saved with LF ends) skips the second.
        char const* const first = m_chunk.data() + m_pos;
        auto const left = m_chunk.size() - m_pos;
        auto const* lf = static_cast<char const*>(std::memchr(first, '\n', left));
        auto const before_lf = lf != nullptr ? static_cast<std::size_t>(lf - first) : left;
        auto const* cr = m_chunk_has_cr ? static_cast<char const*>(std::memchr(first, '\r', before_lf))
                                        : nullptr;
        auto const end = begin + static_cast<std::ptrdiff_t>(
                                     cr != nullptr ? static_cast<std::size_t>(cr - first) : before_lf);
        auto const run = static_cast<std::size_t>(end - begin);
        auto const room = k_max_line_bytes - std::min(raw.size(), k_max_line_bytes);
        if (run > room) {
            truncated = true;  // keep reading to the line end, drop the excess
        }
        raw.append(begin, begin + static_cast<std::ptrdiff_t>(std::min(run, room)));
        m_pos += run;
        if (end != m_chunk.end()) {
            m_pending_cr = *end == '\r';
            ++m_pos;
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

// The bytes read are in out.text; a line that is not plain ASCII is made plain from a copy.
void Decoder::finish_line(Line& out) {
    if (plain_ascii(out.text)) {
        return;  // most transcript lines: nothing to decode or make plain
    }
    m_raw.swap(out.text);
    if (m_utf16 || valid_utf8(m_raw)) {
        out.text = normalize_utf8(m_raw);
        return;
    }
    if (m_encoding == "utf-8") {
        m_encoding = "latin-1";
    }
    out.text = normalize_utf8(latin1_to_utf8(m_raw));
}

bool Decoder::next(Line& out) {
    if (!m_started && !fill()) {
        return false;  // empty input; fill() also decides the encoding from the first chunk
    }
    // Read straight into the caller's buffer (reused line after line): a plain ASCII line is
    // then done, with no copy.
    auto& raw = out.text;
    raw.clear();
    bool truncated = false;
    bool const any = m_utf16 ? next_utf16_line(raw, truncated)
                             : next_bytes_line(raw, truncated);
    if (!any) {
        return false;
    }
    if (m_line < std::numeric_limits<std::uint32_t>::max()) {
        ++m_line;
    }
    out.number = m_line;
    out.truncated = truncated;
    finish_line(out);
    return true;
}

} // namespace dbgsift::text
