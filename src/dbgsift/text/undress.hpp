// SPDX-License-Identifier: MIT
// Takes off what web pages, wikis, mail and markdown put on a pasted transcript:
// HTML entities, <br> and (in text that clearly is HTML) other tags; markdown backslash
// escapes, **bold**, code fences and doubled backslashes; a prefix repeated on every line of a
// run ("> ", "// ", "--", "# ", " * "); authors' "  // note" and "  #注释" annotations.
// Streams with a bounded lookahead (k_lookahead_lines / k_lookahead_bytes per stage): the
// evidence that a file is HTML or markdown, and the prefix runs, are judged from that window.
// The window is topped up only as far as a line's undressing depends on it: a line with a
// backslash markdown may rewrite, until the evidence settles it (is the file markdown?); a line
// with a tag HTML would take off, the whole window (is the file HTML?); a line with a prefix
// marker, as far as its run is known; the rest, most of a transcript, leave as soon as read.
// Line numbers stay those of the original file (the pieces of a line split at <br> share it).
#pragma once
#include "decode.hpp"
#include "trim.hpp"
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace dbgsift::text {

namespace detail {
// Whether a line whose text starts with `c` (after its indentation) may have a prefix marker
// (Undresser::Marker): most lines start with none of these bytes and need no closer look.
inline bool may_open_marker(char c) {
    return c == '>' || c == '/' || c == '-' || c == '#' || c == '*';
}
} // namespace detail

inline constexpr std::size_t k_lookahead_lines = 256;
inline constexpr std::size_t k_lookahead_bytes = std::size_t{8} << 20;

class Undresser {
public:
    explicit Undresser(Decoder& decoder);
    ~Undresser();
    Undresser(Undresser const&) = delete;
    Undresser& operator=(Undresser const&) = delete;
    // The next undressed line, or nullptr at the end of the input. It stays valid until the
    // next call: most lines are handed out from the window's own slot, with no copy.
    // Inline, for most lines of a transcript: with the window empty, a line read whole from
    // the decoder's chunk that holds none of the marks and opens neither a prefix nor a code
    // fence is handed out from the slot at the window's head (hand_out_head, as next_other()
    // does), without the call and the register saves of the window's way (undress_test.cpp).
    [[gnu::always_inline]] Line const* next() {
        // One branch for the three (the decoder, once done, finds no line whole either).
        if ((reinterpret_cast<std::uintptr_t>(m_last) | m_pieces | m_raws) == 0) {
            Slot& slot = *m_head_slot;
            if (m_decoder.next_plain(slot.line, slot.marks)) {
                if (Line const* line = hand_out_head(slot)) {
                    return line;
                }
                return next_from_window(slot);
            }
        }
        return next_other();
    }
    // The same, into `out` (a copy).
    bool next(Line& out);
    // Where the text of the line next() handed out last starts after its blanks (what
    // text::first_non_blank gives): the undresser has measured it already.
    std::size_t indent() const { return m_last_indent; }
    std::string_view encoding() const { return m_decoder.encoding(); }

    // What marks a prefixed line (after optional indentation).
    enum class Marker : unsigned char { none, quote, slashes, dashes, hash, star };

    // Which of the bytes the steps look for a line holds (marks.hpp).
    using Marks = text::Marks;

private:
    // Whether a line whose text starts with `c` (after its indentation) may have a marker
    // (marker_of) or be a code fence (is_code_fence): most lines start with none of these.
    static bool may_open_marker_or_fence(char c) {
        return detail::may_open_marker(c) || c == '`' || c == '~' || c == '{';
    }

    // One line of the lookahead: a raw line (stage 1, before HTML is taken off) or a piece
    // (stage 2, after it). Slots are reused in place, their buffers with them, so steady
    // reading allocates nothing per line.
    // A slot's fields but its line, apart so that a ring handed on resets them in one go.
    struct SlotFields {
        Marks marks = 0;
        Marker marker = Marker::none;
        std::size_t indent = 0;  // a run shares its marker and its indentation
        bool blank = true;
        // Read only where marks hold k_backslash: a backslash unescaping would take ("\*"),
        // a run halving would ("\\"); whether either is done depends on the evidence.
        bool unescapable = false;
        bool halvable = false;
    };
    struct Slot : SlotFields {
        Line line;
        // Field by field, the text's buffer by std::string::swap: std::swap's three moves of
        // a whole slot cost twice as much where a split line shifts the window's slots.
        friend void swap(Slot& a, Slot& b) noexcept {
            std::swap(static_cast<SlotFields&>(a), static_cast<SlotFields&>(b));
            // Every field of Line by name: one added to Line stops this from compiling.
            auto& [a_number, a_text, a_truncated] = a.line;
            auto& [b_number, b_text, b_truncated] = b.line;
            std::swap(a_number, b_number);
            std::swap(a_truncated, b_truncated);
            a_text.swap(b_text);
        }
    };

    // The line just read into the window's empty head `slot`, handed out from there as finish
    // would, when it holds none of the marks and opens neither a prefix nor a code fence; else
    // nullptr, and it takes the window's way. One test for next() and next_other().
    [[gnu::always_inline]] Line const* hand_out_head(Slot& slot) {
        if (slot.marks != 0) {
            return nullptr;
        }
        std::string const& text = slot.line.text;
        std::size_t const indent = first_non_blank_wide(text);
        bool const blank = indent == text.size();
        if (!blank && may_open_marker_or_fence(text[indent])) {
            return nullptr;
        }
        if (!blank) {
            m_run_marker = Marker::none;  // as note_run
        }
        if (text.capacity() > k_max_kept_bytes) {
            m_last = &slot;  // its buffer is not kept (release_last)
        }
        m_last_indent = indent;
        return &slot.line;
    }

    // The window: m_pieces pieces from m_head, then m_raws raw lines, in a ring of slots.
    Slot& at(std::size_t i) { return m_ring[(m_head + i) & m_ring_mask]; }
    Slot const& at(std::size_t i) const { return m_ring[(m_head + i) & m_ring_mask]; }
    void set_head(std::size_t head) {
        m_head = head;
        m_head_slot = &m_ring[head];
    }
    Slot& claim_raw_slot();
    void make_room(std::size_t slots) {
        if (m_pieces + m_raws + slots > m_ring.size()) {
            grow_ring(slots);  // rare: the ring keeps its size once the window is full
        }
    }
    void grow_ring(std::size_t slots);
    bool read_raw();
    void add_raw(Slot& slot);
    bool html_evidence_matters(Slot const& slot) const;
    void fill_raw();
    void fill_pieces();
    bool add_pieces();
    void fill_run();
    void split_front_raw();
    void split_front_html(Slot& front);
    void replace_front_raw(std::size_t pieces);
    void add_piece(Slot& slot);
    void note_piece_evidence(Slot& slot);
    bool backslashes_unsettled(Slot const& piece) const;
    void note_run(Slot const& piece);
    Line const* finish(Slot& piece);
    Line const* finish_marked(Slot& piece);
    void release_last();
    bool in_prefix_run(Marker marker, std::size_t indent) const;
    bool markdown_escaped() const;
    // next() for a line read into the window's empty head, `just_read`, that hand_out_head
    // leaves to the window.
    Line const* next_from_window(Slot& just_read);
    // next() when it reads no line whole from the decoder's chunk: a slot to release, the
    // window not empty, a line the chunk does not hold whole, or the end of the input.
    Line const* next_other();
    Line const* next_window();

    Decoder& m_decoder;
    bool m_decoder_done = false;
    std::vector<Slot> m_ring;    // size: a power of two
    std::size_t m_ring_mask = 0;  // its size - 1
    // The ring the last undresser on this thread left, its line buffers with it: each input
    // of an archive would otherwise allocate a buffer for every slot of its window anew (some
    // 500 a file). Per thread, so inputs read on other threads never share it.
    static thread_local std::vector<Slot> s_spare_ring;
    static constexpr std::size_t k_first_ring_slots = 16;
    static constexpr std::size_t k_max_spare_slots = 4 * k_lookahead_lines;
    std::size_t m_head = 0;
    Slot* m_head_slot = nullptr;  // at(0), kept for next(), which reads into it most lines
    std::size_t m_pieces = 0;
    std::size_t m_raws = 0;
    std::size_t m_raw_bytes = 0;
    std::size_t m_piece_bytes = 0;
    static constexpr std::size_t k_max_kept_bytes = 4096;  // a slot's buffer kept for reuse
    // The slot the last line was handed out from, left as it was, for the next call to
    // release (release_last); from the window's empty head only when its buffer is not kept.
    Slot* m_last = nullptr;
    Line m_out;              // a line handed out that is not its slot's whole text
    std::size_t m_last_indent = 0;  // of the line handed out last

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
