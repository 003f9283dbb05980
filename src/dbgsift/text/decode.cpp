// SPDX-License-Identifier: MIT
#include "decode.hpp"

#include <array>

namespace dbgsift::text {
namespace {

constexpr std::size_t k_chunk_bytes = 1 << 16;

void append_utf8(std::string& out, std::uint32_t cp) {
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
    if (i + len > s.size()) {
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

bool valid_utf8(std::string_view s) {
    std::uint32_t cp = 0;
    for (std::size_t i = 0; i < s.size();) {
        auto const n = utf8_sequence(s, i, cp);
        if (n == 0) {
            return false;
        }
        i += n;
    }
    return true;
}

// Windows-1252's typographic characters in 0x80-0x9F, as plain ASCII; the rest as Latin-1.
std::string latin1_to_utf8(std::string_view s) {
    std::string out;
    out.reserve(s.size() + s.size() / 4);
    for (char ch : s) {
        auto const b = static_cast<unsigned char>(ch);
        switch (b) {
        case 0x91: case 0x92: out.push_back('\''); break;
        case 0x93: case 0x94: out.push_back('"'); break;
        case 0x96: case 0x97: out.push_back('-'); break;
        case 0x85: out += "..."; break;
        default: append_utf8(out, b); break;
        }
    }
    return out;
}

// The plain ASCII a typographic code point stands for, or nullptr to keep it.
char const* plain_for(std::uint32_t cp) {
    switch (cp) {
    case 0x00A0: case 0x2000: case 0x2001: case 0x2002: case 0x2003: case 0x2004:
    case 0x2005: case 0x2006: case 0x2007: case 0x2008: case 0x2009: case 0x200A:
    case 0x202F: case 0x205F: case 0x3000:
        return " ";
    case 0x200B: case 0xFEFF:
        return "";  // zero-width space, stray BOM
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032:
        return "'";
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033:
        return "\"";
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
        return "-";
    case 0x2026:
        return "...";
    default:
        return nullptr;
    }
}

} // namespace

std::string normalize_utf8(std::string_view line) {
    std::string out;
    out.reserve(line.size());
    std::uint32_t cp = 0;
    for (std::size_t i = 0; i < line.size();) {
        auto const n = utf8_sequence(line, i, cp);
        if (n <= 1) {  // ASCII, or a stray byte kept as is
            out.push_back(line[i]);
            ++i;
            continue;
        }
        if (char const* plain = plain_for(cp)) {
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
    m_chunk.resize(static_cast<std::size_t>(m_in.gcount()));
    m_pos = 0;
    if (m_chunk.empty()) {
        m_eof = true;
        return false;
    }
    if (!m_started) {
        m_started = true;
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
            for (std::size_t i = 0; i + 1 < bytes.size() && i < 4096; i += 2) {
                even_nul += bytes[i] == '\0';
                odd_nul += bytes[i + 1] == '\0';
            }
            std::size_t const pairs = std::min<std::size_t>(bytes.size(), 4096) / 2;
            if (odd_nul * 10 >= pairs * 7 && even_nul * 10 <= pairs) {
                m_utf16 = true;
                m_encoding = "utf-16le";
            }
        }
    }
    return m_pos < m_chunk.size() || fill();
}

bool Decoder::next_unit(std::uint32_t& unit) {
    if (m_pos >= m_chunk.size() && !fill()) {
        return false;
    }
    if (!m_utf16) {
        unit = static_cast<unsigned char>(m_chunk[m_pos++]);
        return true;
    }
    auto const lo = static_cast<unsigned char>(m_chunk[m_pos++]);
    if (m_pos >= m_chunk.size() && !fill()) {
        unit = 0xFFFD;  // odd byte count: the last half unit is not text
        return true;
    }
    auto const hi = static_cast<unsigned char>(m_chunk[m_pos++]);
    unit = m_big_endian ? (static_cast<std::uint32_t>(lo) << 8 | hi)
                        : (static_cast<std::uint32_t>(hi) << 8 | lo);
    return true;
}

void Decoder::finish_line(std::string& raw, Line& out) {
    if (m_utf16 || valid_utf8(raw)) {
        out.text = normalize_utf8(raw);
    } else {
        if (!m_saw_latin1 && m_encoding == "utf-8") {
            m_encoding = "latin-1";
        }
        m_saw_latin1 = true;
        out.text = normalize_utf8(latin1_to_utf8(raw));
    }
}

bool Decoder::next(Line& out) {
    std::string raw;
    out.truncated = false;
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
            out.truncated = true;
            continue;  // keep reading to the line end, drop the excess
        }
        if (!m_utf16) {
            raw.push_back(static_cast<char>(unit));
        } else if (unit >= 0xD800 && unit <= 0xDBFF) {
            high_surrogate = unit;
        } else if (unit >= 0xDC00 && unit <= 0xDFFF && high_surrogate != 0) {
            append_utf8(raw, 0x10000 + ((high_surrogate - 0xD800) << 10) + (unit - 0xDC00));
            high_surrogate = 0;
        } else {
            append_utf8(raw, (unit >= 0xD800 && unit <= 0xDFFF) ? 0xFFFD : unit);
            high_surrogate = 0;
        }
    }
    if (!any) {
        return false;
    }
    out.number = ++m_line;
    finish_line(raw, out);
    return true;
}

} // namespace dbgsift::text
