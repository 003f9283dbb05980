// SPDX-License-Identifier: MIT
// segment::looks_like_prose reads a line with one table lookup a byte (issue 14). The rule it
// keeps is written out below the plain way, byte by byte, and both must answer alike on every
// line of the corpus and on lines of random bytes.
#include "dbgsift/segment/prose.hpp"
#include "dbgsift/text/ascii.hpp"
#include "support/files.hpp"

#include <doctest/doctest.h>

#include <cstddef>
#include <random>
#include <string>
#include <string_view>

namespace {

bool is_sentence_mark(unsigned char c) {
    return c == ',' || c == '.' || c == '\'' || c == ':' || c == '(' || c == ')' || c == '?' || c == ';' ||
           c == '"' || c == '-' || c == '!';
}

// The rule: words are split at ASCII spaces; a plain word holds letters (any byte past ASCII
// counts as one), sentence marks, and a capital only as its first byte. Prose has more than
// four letters a digit, and six plain words and 25 letters, or four and 12 ending in ':' or '.'.
bool reads_as_prose(std::string_view line) {
    std::size_t plain_words = 0, digits = 0, letters = 0, word_len = 0;
    bool plain = true;
    for (char const ch : line) {
        auto const c = static_cast<unsigned char>(ch);
        if (dbgsift::text::is_ascii_space(ch)) {
            plain_words += word_len > 0 && plain;
            word_len = 0;
            plain = true;
            continue;
        }
        bool const letter = dbgsift::text::is_ascii_alpha(ch) || c >= 0x80;
        bool const digit = dbgsift::text::is_ascii_digit(ch);
        letters += letter;
        digits += digit;
        bool const capital = dbgsift::text::is_ascii_alpha(ch) && !dbgsift::text::is_ascii_lower(ch);
        if (digit || (!letter && !is_sentence_mark(c)) || (capital && word_len > 0)) {
            plain = false;
        }
        ++word_len;
    }
    plain_words += word_len > 0 && plain;
    if (letters <= digits * 4) {
        return false;
    }
    if (plain_words >= 6 && letters >= 25) {
        return true;
    }
    auto const last = line.find_last_not_of(" \t");
    bool const sentence_end = last != std::string_view::npos && (line[last] == ':' || line[last] == '.');
    return plain_words >= 4 && letters >= 12 && sentence_end;
}

} // namespace

TEST_SUITE_BEGIN("segment/prose");

TEST_CASE("segment::looks_like_prose answers every corpus line as the rule written byte by byte") {
    std::size_t lines = 0, prose = 0;
    for (auto const& text : dbgsift::test::texts_under(CORPUS_DIR)) {
        for (auto const line : dbgsift::test::lines_of(text)) {
            ++lines;
            bool const expected = reads_as_prose(line);
            prose += expected;
            if (dbgsift::segment::looks_like_prose(line) != expected) {
                FAIL_CHECK("answered apart: " << std::string(line));
            }
        }
    }
    CHECK(lines > 5000);
    CHECK(prose > 100);  // both answers are met
}

TEST_CASE("segment::looks_like_prose answers lines of random bytes as the rule written byte by byte") {
    std::mt19937 random(14);
    // Bytes drawn mostly from letters, blanks and marks, so that prose answers come up too.
    std::string_view const common = "aeinorst ETAI.,:-'!0123 \t\x80\xe3(";
    for (int n = 0; n < 20000; ++n) {
        std::string line(random() % 120, ' ');
        for (auto& ch : line) {
            ch = random() % 4 != 0 ? common[random() % common.size()] : static_cast<char>(random() % 256);
        }
        CHECK(dbgsift::segment::looks_like_prose(line) == reads_as_prose(line));
    }
}

TEST_CASE("segment::looks_like_prose counts a line longer than a line's cap as the rule does") {
    // A line made plain may be longer than text::k_max_line_bytes: Windows-1252 bytes become
    // two or three bytes of UTF-8. Over 2 MiB of letters and a million words here.
    std::string line;
    while (line.size() < (std::size_t{3} << 20)) {
        line += "\xe2\x82\xac\xe2\x82\xac ";  // a word of two euro signs: six letters
    }
    line += "end:";
    REQUIRE(reads_as_prose(line));
    CHECK(dbgsift::segment::looks_like_prose(line));
    std::string digits = line + std::string(std::size_t{1} << 21, '7');  // now more digits than a fifth
    CHECK(dbgsift::segment::looks_like_prose(digits) == reads_as_prose(digits));
}

TEST_SUITE_END();
