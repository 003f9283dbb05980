// SPDX-License-Identifier: MIT
// text::ByteTable builders: each table holds exactly the bytes it names, checked against the
// byte's own test over all 256 values.
#include "dbgsift/text/byte_table.hpp"

#include <doctest/doctest.h>

#include <array>
#include <string_view>

TEST_SUITE_BEGIN("text/byte_table");

using namespace dbgsift::text;

TEST_CASE("bytes_of and bytes_except: the set's bytes, and every other byte") {
    constexpr auto structural = bytes_of("\"{}[],:");
    constexpr auto not_blank = bytes_except(" \t");
    for (unsigned b = 0; b < 256; ++b) {
        auto const c = static_cast<char>(b);
        CAPTURE(b);
        CHECK(structural[b] == (std::string_view("\"{}[],:").find(c) != std::string_view::npos));
        CHECK(not_blank[b] == (c != ' ' && c != '\t'));
    }
    CHECK(bytes_of("") == ByteTable{});
    CHECK(bytes_except("")[0xFF]);
}

TEST_CASE("bytes_below and either: the JSON escapes are the control characters, '\"' and '\\\\'") {
    constexpr auto needs_escape = either(bytes_below(0x20), bytes_of("\"\\"));
    for (unsigned b = 0; b < 256; ++b) {
        CAPTURE(b);
        CHECK(needs_escape[b] == (b < 0x20 || b == '"' || b == '\\'));
    }
    CHECK(bytes_below(0) == ByteTable{});
    CHECK(bytes_below(1000)[0xFF]);  // a bound past the last byte takes them all
}

TEST_CASE("first_bytes_of: the first byte of each word, none for an empty word") {
    constexpr std::array<std::string_view, 4> words{"Commit", "", "commit", "Paged"};
    constexpr auto firsts = first_bytes_of(words);
    for (unsigned b = 0; b < 256; ++b) {
        CAPTURE(b);
        CHECK(firsts[b] == (b == 'C' || b == 'c' || b == 'P'));
    }
}

TEST_SUITE_END();
