// SPDX-License-Identifier: MIT
#include "pretty_json.hpp"

#include "../text/byte_table.hpp"

#include <algorithm>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace dbgsift::report {
namespace {

// The bytes the layout acts on outside a string; every other byte is copied as it is.
constexpr auto k_structural = text::bytes_of("\"{}[],:");

// The first '"' or '\\' in [in, stop), or stop: sixteen bytes a compare where SSE2 is there,
// as most strings (paths, symbols, descriptions) run longer than that without either.
char const* quote_or_backslash(char const* in, char const* stop) {
#if defined(__SSE2__)
    for (; stop - in >= 16; in += 16) {
        auto const v = _mm_loadu_si128(reinterpret_cast<__m128i const*>(in));
        auto const hit = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
        if (auto const mask = static_cast<unsigned>(_mm_movemask_epi8(hit)); mask != 0) {
            return in + __builtin_ctz(mask);
        }
    }
#endif
    while (in != stop && *in != '"' && *in != '\\') {
        ++in;
    }
    return in;
}

} // namespace

void PrettyJson::grow(std::size_t n) {
    auto const used = static_cast<std::size_t>(m_at - m_bytes.get());
    auto const capacity = std::max<std::size_t>(2 * static_cast<std::size_t>(m_end - m_bytes.get()), used + n);
    auto bytes = std::make_unique_for_overwrite<char[]>(capacity);
    if (used > 0) {
        std::memcpy(bytes.get(), m_bytes.get(), used);
    }
    m_bytes = std::move(bytes);
    m_at = m_bytes.get() + used;
    m_end = m_bytes.get() + capacity;
}

void PrettyJson::new_line(std::size_t rest) {
    auto const indent = m_margin + 2 * m_depth;
    reserve(rest + 1 + indent);
    *m_at++ = '\n';
    std::memset(m_at, ' ', indent);
    m_at += indent;
}

char const* PrettyJson::copy_string(char const* in, char const* stop) {
    if (m_escaped) {  // an escape begun at the end of the last piece
        m_escaped = false;
        *m_at++ = *in++;
    }
    while (in != stop) {
        auto const run = quote_or_backslash(in, stop);
        std::memcpy(m_at, in, static_cast<std::size_t>(run - in));
        m_at += run - in;
        in = run;
        if (in == stop) {
            break;  // the string goes on into the next piece
        }
        char const ch = *in++;
        *m_at++ = ch;
        if (ch == '"') {
            m_in_string = false;
            break;
        }
        if (in == stop) {  // a backslash ends the piece: its byte comes with the next one
            m_escaped = true;
            break;
        }
        *m_at++ = *in++;
    }
    return in;
}

std::string_view PrettyJson::feed(std::string_view compact) {
    m_at = m_bytes.get();
    // Room for every byte of the piece; the newlines, indentation and ": " make their own.
    reserve(compact.size() + m_margin);
    char const* in = compact.data();
    char const* const stop = in + compact.size();
    if (m_margin_due && in != stop) {
        std::memset(m_at, ' ', m_margin);
        m_at += m_margin;
        m_margin_due = false;
    }
    while (in != stop) {
        if (m_in_string) {
            in = copy_string(in, stop);
            continue;
        }
        char const c = *in;
        if (m_open_pending) {
            m_open_pending = false;
            if (c == '}' || c == ']') {
                *m_at++ = c;
                ++in;
                continue;
            }
            ++m_depth;
            new_line(static_cast<std::size_t>(stop - in));
        }
        ++in;
        if (!k_structural[static_cast<unsigned char>(c)]) {
            // A number, true, false or null: copied up to the byte that ends it.
            *m_at++ = c;
            while (in != stop && !k_structural[static_cast<unsigned char>(*in)]) {
                *m_at++ = *in++;
            }
            continue;
        }
        switch (c) {
        case '"':
            *m_at++ = c;
            m_in_string = true;
            break;
        case '{':
        case '[':
            *m_at++ = c;
            m_open_pending = true;
            break;
        case '}':
        case ']':
            m_depth -= m_depth > 0 ? 1 : 0;
            new_line(static_cast<std::size_t>(stop - in) + 1);
            *m_at++ = c;
            break;
        case ',':
            *m_at++ = ',';
            new_line(static_cast<std::size_t>(stop - in));
            break;
        default:  // ':'
            reserve(static_cast<std::size_t>(stop - in) + 2);
            *m_at++ = ':';
            *m_at++ = ' ';
        }
    }
    return laid_out();
}

std::string_view PrettyJson::finish() {
    m_at = m_bytes.get();
    if (m_open_pending) {
        m_open_pending = false;
        ++m_depth;
        new_line(0);
    }
    return laid_out();
}

} // namespace dbgsift::report
