// SPDX-License-Identifier: MIT
#include "prose.hpp"

#include "../text/ascii.hpp"

namespace dbgsift::segment {

namespace {
// Sentence punctuation that may stick to a word without making it an identifier.
bool is_sentence_mark(unsigned char c) {
    return c == ',' || c == '.' || c == '\'' || c == ':' || c == '(' || c == ')' || c == '?' ||
           c == ';' || c == '"' || c == '-' || c == '!';
}
} // namespace

bool looks_like_prose(std::string_view line) {
    std::size_t plain_words = 0, digits = 0, letters = 0;
    std::size_t word_len = 0;
    bool plain = true;  // letters, a leading capital, sentence marks only
    auto close_word = [&] {
        if (word_len > 0 && plain) {
            ++plain_words;
        }
        word_len = 0;
        plain = true;
    };
    for (char ch : line) {
        auto const c = static_cast<unsigned char>(ch);
        if (text::is_ascii_space(ch)) {
            close_word();
            continue;
        }
        if (text::is_ascii_alpha(ch)) {
            ++letters;
            plain = plain && (text::is_ascii_lower(ch) || word_len == 0);
        } else if (c >= 0x80) {
            ++letters;  // annotations in other scripts read as prose too
        } else if (text::is_ascii_digit(ch)) {
            ++digits;
            plain = false;
        } else if (!is_sentence_mark(c)) {
            plain = false;
        }
        ++word_len;
    }
    close_word();
    if (letters <= digits * 4) {
        return false;
    }
    // "Paged and non-paged pool usage is far from maximum therefore we check session pool:"
    if (plain_words >= 6 && letters >= 25) {
        return true;
    }
    // "Heap stays the same:" — a short sentence introducing the next command.
    auto const last = line.find_last_not_of(" \t");
    bool const sentence_end = last != std::string_view::npos && (line[last] == ':' || line[last] == '.');
    return plain_words >= 4 && letters >= 12 && sentence_end;
}

} // namespace dbgsift::segment
