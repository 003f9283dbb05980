// SPDX-License-Identifier: MIT
// bytes -> lines. Streams: holds one chunk and one line at a time, never the whole input.
// Encodings: UTF-8 (BOM or not), UTF-16LE/BE with BOM, UTF-16LE without BOM (detected from
// its NUL bytes), anything else as Windows-1252/Latin-1 (decided line by line, so mixed files
// survive). Line ends: LF, CRLF and a lone CR each end one line.
#pragma once
#include "line.hpp"
#include "line_scan.hpp"
#include "marks.hpp"
#include <cstdint>
#include <istream>
#include <limits>
#include <memory>
#include <string>
#include <string_view>

namespace dbgsift::text {

class Decoder {
public:
    explicit Decoder(std::istream& in);
    // The next line, or false at the end of the input. Never throws on any bytes.
    bool next(Line& out) {
        Marks marks = 0;
        return next(out, marks);
    }
    // The same, with the marks of the line's text (what marks_of(out.text) gives), found in
    // the pass that finds the line end.
    [[gnu::always_inline]] bool next(Line& out, Marks& marks) {
        return next_plain(out, marks) || next_other(out, marks);
    }
    // "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "latin-1" (known after the first line).
    // "latin-1" also means "UTF-8 with some lines in Latin-1" (a mixed file).
    std::string_view encoding() const { return m_encoding; }

private:
    // The line end (LF, CR) at or after m_pos in the chunk, or its end; ORs the classes of the
    // bytes before it into `classes`: from the chunk's masks where AVX2 made them, else a scan.
    [[gnu::always_inline]] char const* line_end(std::uint8_t& classes) const {
        return m_avx2 ? m_chunk.data() + m_masks.line_end(m_chunk.data(), m_pos, classes)
                      : detail::scan_line_sse2(m_chunk.data() + m_pos, m_chunk.data() + m_chunk.size(), classes);
    }

public:
    // Most lines of 8-bit input: plain ASCII, whole in the chunk read. Inline, without the
    // call and the register saves of next_other, which takes any other line (false changes
    // nothing). A line whole in the chunk but not plain goes to next_made_plain. The same line
    // as next_other gives (decode_test.cpp). Public for Undresser::next, which hands most lines
    // out from it inline.
    [[gnu::always_inline]] bool next_plain(Line& out, Marks& marks) {
        // A CR at a chunk's end, whose LF may start the next, is left to next_other.
        if (m_pending_cr || m_pos >= m_plain_end) {
            return false;
        }
        char const* const first = m_chunk.data() + m_pos;
        char const* const last = m_chunk.data() + m_chunk.size();
        std::uint8_t classes = 0;
        char const* const end = line_end(classes);
        if (end == last) {
            return false;  // the line goes on in the next chunk
        }
        if ((classes & detail::k_not_plain) != 0) {
            return next_made_plain(first, end, classes, out, marks);  // found whole: no second scan
        }
        auto& text = out.text;
        text.clear();
        if (text.capacity() < k_line_capacity) {
            text.reserve(k_line_capacity);  // as next_other does
        }
        text.append(first, static_cast<std::size_t>(end - first));
        step_past_end(end);
        m_line += m_line < std::numeric_limits<std::uint32_t>::max() ? 1 : 0;
        out.number = m_line;
        out.truncated = false;  // a chunk is shorter than k_max_line_bytes
        marks = classes;
        return true;
    }

private:
    // m_pos past `end`, the LF or CR found to end a line in the chunk, and the LF after a CR
    // (a CRLF pair) when the chunk holds it; else the CR is pending.
    [[gnu::always_inline]] void step_past_end(char const* end) {
        m_pos = static_cast<std::size_t>(end - m_chunk.data()) + 1;
        if (*end == '\r') {
            if (m_pos < m_chunk.size()) {
                m_pos += m_chunk[m_pos] == '\n' ? 1 : 0;
            } else {
                m_pending_cr = true;
            }
        }
    }
    // A line found whole in the chunk, [first, end), with bytes to make plain (an NBSP, a
    // quote, a byte of another encoding): as next_other would give it, from the chunk itself.
    // `classes`: what the scan found in those bytes.
    bool next_made_plain(char const* first, char const* end, std::uint8_t classes, Line& out, Marks& marks);
    bool next_other(Line& out, Marks& marks);
    bool fill();
    void detect_encoding();
    bool next_unit(std::uint32_t& unit);  // one UTF-16 code unit
    bool next_bytes_line(std::string& raw, bool& truncated, std::uint8_t& classes);
    bool next_utf16_line(std::string& raw, bool& truncated);
    void finish_line(Line& out);
    void make_plain(Line& out);
    bool append_plain(std::string_view bytes, std::string& text);

    std::istream& m_in;
    std::unique_ptr<char[]> m_buffer;  // read into, k_chunk_bytes long
    std::string_view m_chunk;  // the bytes of m_buffer the last read filled
    std::string m_raw;  // a line that is not plain ASCII, before it is made plain
    std::size_t m_pos = 0;
    bool m_eof = false;
    bool m_started = false;
    bool m_utf16 = false, m_big_endian = false;
    std::string m_encoding = "utf-8";
    std::uint32_t m_line = 0;
    bool m_pending_cr = false;
    // Where next_plain stops reading m_chunk: its end in 8-bit input, 0 in UTF-16 (and before
    // the first chunk is read), which next_other reads unit by unit.
    std::size_t m_plain_end = 0;
    bool m_avx2 = false;  // lines are found in m_masks (line_scan.hpp), classified by AVX2
    detail::ChunkMasks m_masks;  // of m_chunk, when m_avx2 and 8-bit input
    static constexpr std::size_t k_line_capacity = 256;  // longer than most transcript lines
};

// Makes one UTF-8 line plain: NBSP and other Unicode blanks -> ' ', typographic quotes ->
// ASCII quotes, dashes -> '-', ellipsis -> "...", zero-width characters dropped, terminal
// colour sequences dropped, NUL padding at the line end dropped, other control characters
// (and bytes that are not UTF-8) -> U+FFFD so no grammar mistakes them for text.
std::string normalize_utf8(std::string_view line);

namespace detail {
// normalize_utf8 with its NBSP steps chosen: packed (AVX2; taken only where avx2_supported())
// or SSE2's, which an AVX2 machine never runs otherwise. For tests.
std::string normalize_utf8_by(std::string_view line, bool packed);
} // namespace detail

// A Windows-1252 / Latin-1 line as UTF-8 (before normalize_utf8).
std::string latin1_to_utf8(std::string_view line);

// Appends the UTF-8 encoding of a code point (U+FFFD for one that is not a scalar value).
void append_utf8(std::string& out, std::uint32_t cp);

} // namespace dbgsift::text
