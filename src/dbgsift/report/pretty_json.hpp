// SPDX-License-Identifier: MIT
// Compact JSON text laid out as report::pretty() lays out a tree: a line per member and
// element, two spaces a level, ": " after a key, "{}" and "[]" kept whole. It is fed in pieces
// cut anywhere, even inside a string, so that a document written as it is made goes out a
// piece at a time and never sits whole in memory (a 1 GiB transcript's is 58 MB; issue 14).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace dbgsift::report {

class PrettyJson {
public:
    // Every line moved right by `margin` spaces (the first one too unless told otherwise):
    // a case document nested in the archive document, the archive summary after its key.
    explicit PrettyJson(std::size_t margin = 0, bool margin_on_first_line = true)
        : m_margin(margin), m_margin_due(margin_on_first_line) {}

    // The next piece of compact text, laid out at the end of `out`.
    void feed(std::string_view compact, std::string& out);
    // The end of the text: a bracket left open by the last piece opens its level. Adds no
    // final newline; a document standing alone ends with one, a nested one does not.
    void finish(std::string& out);

private:
    void new_line(std::string& out) const;
    void copy_string(std::string_view& compact, std::string& out);

    std::size_t m_margin;
    std::size_t m_depth = 0;
    bool m_margin_due;           // the first line's margin, written before its first byte
    bool m_in_string = false;    // inside a string: bytes are copied as they are
    bool m_escaped = false;      // ... just after its backslash: this byte does not end it
    bool m_open_pending = false; // the last byte was '{' or '[': "{}" stays whole, else a level opens
};

} // namespace dbgsift::report
