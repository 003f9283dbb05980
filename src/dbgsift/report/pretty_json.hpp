// SPDX-License-Identifier: MIT
// Compact JSON text laid out as report::pretty() lays out a tree: a line per member and
// element, two spaces a level, ": " after a key, "{}" and "[]" kept whole. It is fed in pieces
// cut anywhere, even inside a string, so that a document written as it is made goes out a
// piece at a time and never sits whole in memory (a 1 GiB transcript's is 58 MB; issue 14).
#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace dbgsift::report {

class PrettyJson {
public:
    // Every line moved right by `margin` spaces (the first one too unless told otherwise):
    // a case document nested in the archive document, the archive summary after its key.
    explicit PrettyJson(std::size_t margin = 0, bool margin_on_first_line = true)
        : m_margin(margin), m_margin_due(margin_on_first_line) {}

    // The next piece of compact text, laid out: valid until the next call.
    std::string_view feed(std::string_view compact);
    // The end of the text: a bracket left open by the last piece opens its level. Adds no
    // final newline; a document standing alone ends with one, a nested one does not.
    std::string_view finish();

private:
    // Room for `n` more bytes at m_at, the text laid out so far kept.
    void reserve(std::size_t n) {
        if (static_cast<std::size_t>(m_end - m_at) < n) {
            grow(n);
        }
    }
    void grow(std::size_t n);
    // A newline and the next line's indentation, with room kept for the `rest` of the piece.
    void new_line(std::size_t rest);
    // String bytes from `in` up to and including the closing quote, or to `stop` when the
    // string goes on into the next piece: returns where the copy ended.
    char const* copy_string(char const* in, char const* stop);
    std::string_view laid_out() const { return {m_bytes.get(), static_cast<std::size_t>(m_at - m_bytes.get())}; }

    std::size_t m_margin;
    std::size_t m_depth = 0;
    bool m_margin_due;           // the first line's margin, written before its first byte
    bool m_in_string = false;    // inside a string: bytes are copied as they are
    bool m_escaped = false;      // ... just after its backslash: this byte does not end it
    bool m_open_pending = false; // the last byte was '{' or '[': "{}" stays whole, else a level opens
    // The laid-out piece, written through a pointer: std::string::push_back tested and grew
    // the string on every byte, four times the work of the layout itself (issue 14).
    std::unique_ptr<char[]> m_bytes;
    char* m_at = nullptr;
    char* m_end = nullptr;
};

} // namespace dbgsift::report
