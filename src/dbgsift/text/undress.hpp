// SPDX-License-Identifier: MIT
// Takes off what web pages, wikis, mail and markdown put on a pasted transcript:
// HTML entities, <br> and (in text that clearly is HTML) other tags; markdown backslash
// escapes, **bold**, code fences and doubled backslashes; a prefix repeated on every line of a
// run ("> ", "// ", "--", "# ", " * "); authors' "  // note" and "  #注释" annotations.
// Streams with a bounded lookahead (k_lookahead_lines / k_lookahead_bytes per stage): the
// evidence that a file is HTML or markdown, and the prefix runs, are judged from that window.
// Line numbers stay those of the original file (the pieces of a line split at <br> share it).
#pragma once
#include "decode.hpp"
#include <cstddef>
#include <deque>
#include <string>
#include <vector>

namespace dbgsift::text {

inline constexpr std::size_t k_lookahead_lines = 256;
inline constexpr std::size_t k_lookahead_bytes = std::size_t{8} << 20;

class Undresser {
public:
    explicit Undresser(Decoder& decoder);
    // The next undressed line, or false at the end of the input.
    bool next(Line& out);
    std::string_view encoding() const { return m_decoder.encoding(); }

    // What marks a prefixed line (after optional indentation).
    enum class Marker : unsigned char { none, quote, slashes, dashes, hash, star };

    // Which of the bytes the steps look for ('<', '&', '/', '#', '*', '\\') a line holds, one
    // bit each, found in one pass: most lines hold none, and each step whose byte is missing
    // skips its own scan.
    using Marks = std::uint8_t;

private:
    struct RawLine {
        Line line;
        Marks marks = 0;
    };

    struct Piece {
        Line line;
        Marks marks = 0;
        Marker marker = Marker::none;
        std::size_t indent = 0;  // a run shares its marker and its indentation
        bool blank = true;
    };

    void fill_raw();
    void fill_pieces();
    void split_front_raw();
    void add_piece(std::uint32_t number, bool truncated, std::string&& text, Marks marks);
    // Line buffers come back here once read, so steady reading allocates nothing per line.
    std::string take_spare();
    void recycle(std::string&& text);
    void note_piece_evidence(std::string_view text);
    bool finish(Piece& piece, Line& out);
    bool in_prefix_run(Marker marker, std::size_t indent) const;
    bool markdown_escaped() const;

    Decoder& m_decoder;
    bool m_decoder_done = false;
    std::deque<RawLine> m_raw;      // stage 1: decoded lines, before HTML is taken off
    std::size_t m_raw_bytes = 0;
    std::deque<Piece> m_pieces;     // stage 2: lines after HTML, before the rest
    std::size_t m_piece_bytes = 0;
    std::vector<std::string> m_spare;
    static constexpr std::size_t k_max_spares = 64;
    static constexpr std::size_t k_max_spare_bytes = 4096;

    // Evidence seen so far (sticky for the file).
    bool m_html = false;            // <br>, &nbsp;, </span>, <td>…: other tags may go too
    bool m_markdown = false;        // \* \` \< \> \| : markdown escaped the text
    std::size_t m_escaped_marks = 0;       // "\_", "\[", "\#": marks markdown may have escaped
    std::size_t m_odd_backslash_runs = 0;  // "\Device", "C:\x": a lone backslash before a letter
    std::size_t m_even_backslash_runs = 0;

    // The run of non-blank lines sharing a marker that the last emitted line belongs to.
    Marker m_run_marker = Marker::none;
    std::size_t m_run_indent = 0;
    std::size_t m_run_length = 0;
};

} // namespace dbgsift::text
