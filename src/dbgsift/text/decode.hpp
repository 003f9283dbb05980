// SPDX-License-Identifier: MIT
// bytes -> lines. Streams: holds one chunk and one line at a time, never the whole input.
// Encodings: UTF-8 (BOM or not), UTF-16LE/BE with BOM, UTF-16LE without BOM (detected from
// its NUL bytes), anything else as Latin-1 (decided line by line, so mixed files survive).
#pragma once
#include "line.hpp"
#include <istream>
#include <string>
#include <string_view>

namespace dbgsift::text {

class Decoder {
public:
    explicit Decoder(std::istream& in);
    // The next line, or false at the end of the input.
    bool next(Line& out);
    // "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "latin-1" (known after the first line).
    std::string_view encoding() const { return m_encoding; }

private:
    bool fill();
    bool next_unit(std::uint32_t& unit);  // one byte, or one UTF-16 code unit
    void finish_line(std::string& raw, Line& out);

    std::istream& m_in;
    std::string m_chunk;
    std::size_t m_pos = 0;
    bool m_eof = false;
    bool m_started = false;
    bool m_utf16 = false, m_big_endian = false;
    bool m_saw_latin1 = false;
    std::string m_encoding = "utf-8";
    std::uint32_t m_line = 0;
    bool m_pending_cr = false;
};

// Makes one UTF-8 line plain: NBSP and other Unicode blanks -> ' ', typographic quotes ->
// ASCII quotes, dashes -> '-', ellipsis -> "...". Exposed for tests.
std::string normalize_utf8(std::string_view line);

} // namespace dbgsift::text
