// SPDX-License-Identifier: MIT
#include "prose.hpp"

#include "../text/ascii.hpp"

#include <array>
#include <cstddef>

namespace dbgsift::segment {

namespace {
// Sentence punctuation that may stick to a word without making it an identifier.
constexpr bool is_sentence_mark(unsigned char c) {
    return c == ',' || c == '.' || c == '\'' || c == ':' || c == '(' || c == ')' || c == '?' ||
           c == ';' || c == '"' || c == '-' || c == '!';
}

// What a byte does to the counts below, from one lookup: every line its block did not
// understand comes here, and asking each byte the tests in turn cost some ten instructions a
// byte (issue 14).
enum ByteRole : unsigned char {
    ends_word = 1,
    letter = 2,         // ASCII letters; bytes of other scripts, annotations read as prose too
    capital = 4,        // keeps its word plain only as its first byte
    digit = 8,
    makes_unplain = 16, // digits, and whatever is neither a letter nor a sentence mark
};

constexpr std::array<unsigned char, 256> k_byte_roles = [] {
    std::array<unsigned char, 256> roles{};
    for (std::size_t b = 0; b < roles.size(); ++b) {
        char const ch = static_cast<char>(b);
        auto const c = static_cast<unsigned char>(b);
        unsigned char role = 0;
        if (text::is_ascii_space(ch)) {
            role = ends_word;
        } else if (text::is_ascii_alpha(ch)) {
            role = text::is_ascii_lower(ch) ? letter : letter | capital;
        } else if (c >= 0x80) {
            role = letter;
        } else if (text::is_ascii_digit(ch)) {
            role = digit | makes_unplain;
        } else if (!is_sentence_mark(c)) {
            role = makes_unplain;
        }
        roles[b] = role;
    }
    return roles;
}();
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
        auto const role = k_byte_roles[static_cast<unsigned char>(ch)];
        if ((role & ends_word) != 0) {
            close_word();
            continue;
        }
        letters += (role & letter) != 0;
        digits += (role & digit) != 0;
        bool const unplain = (role & makes_unplain) != 0 || ((role & capital) != 0 && word_len > 0);
        plain = plain && !unplain;
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
