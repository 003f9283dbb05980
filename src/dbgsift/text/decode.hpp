// SPDX-License-Identifier: MIT
// bytes -> lines. Streams: holds one chunk and one line at a time, never the whole input.
// Encodings: UTF-8 (BOM or not), UTF-16LE/BE with BOM, UTF-16LE without BOM (detected from
// its NUL bytes), anything else as Windows-1252/Latin-1 (decided line by line, so mixed files
// survive). Line ends: LF, CRLF and a lone CR each end one line.
#pragma once
#include "line.hpp"
#include "marks.hpp"
#include <cstdint>
#include <istream>
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
    bool next(Line& out, Marks& marks);
    // "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "latin-1" (known after the first line).
    // "latin-1" also means "UTF-8 with some lines in Latin-1" (a mixed file).
    std::string_view encoding() const { return m_encoding; }

private:
    bool fill();
    void detect_encoding();
    bool next_unit(std::uint32_t& unit);  // one UTF-16 code unit
    bool next_bytes_line(std::string& raw, bool& truncated, std::uint8_t& classes);
    bool next_utf16_line(std::string& raw, bool& truncated);
    void finish_line(Line& out);
    void make_plain(Line& out);

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
    bool m_avx2 = false;  // the line scan takes 32 bytes a step (line_scan.hpp)
};

// Makes one UTF-8 line plain: NBSP and other Unicode blanks -> ' ', typographic quotes ->
// ASCII quotes, dashes -> '-', ellipsis -> "...", zero-width characters dropped, terminal
// colour sequences dropped, NUL padding at the line end dropped, other control characters
// (and bytes that are not UTF-8) -> U+FFFD so no grammar mistakes them for text.
std::string normalize_utf8(std::string_view line);

// A Windows-1252 / Latin-1 line as UTF-8 (before normalize_utf8).
std::string latin1_to_utf8(std::string_view line);

// Appends the UTF-8 encoding of a code point (U+FFFD for one that is not a scalar value).
void append_utf8(std::string& out, std::uint32_t cp);

} // namespace dbgsift::text
