// SPDX-License-Identifier: MIT
// common::hex16 / hex8 (hex_digits_parser) read what x3::uint_parser<std::uint64_t, 16, 1, N>,
// which they replace, reads: the same value, the same end, the same yes or no, on every token
// of every corpus line and on the edge cases (leading zeros, more digits than fit, none).
#include "grammars/common/common.hpp"
#include "number_read.hpp"
#include "support/files.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace x3 = boost::spirit::x3;
namespace common = dbgsift::grammar::common;

namespace {

template <typename Parser>
dbgsift::test::NumberRead read(Parser const& p, std::string_view text) {
    return dbgsift::test::read_number(p, text);
}

// Both ways on `text`, at both widths; false (with a message) when they differ.
bool same_both_widths(std::string_view text) {
    bool const same16 = read(common::hex16, text) == read(x3::uint_parser<std::uint64_t, 16, 1, 16>{}, text);
    bool const same8 = read(common::hex8, text) == read(x3::uint_parser<std::uint64_t, 16, 1, 8>{}, text);
    if (!same16 || !same8) {
        MESSAGE("differs on \"", std::string(text), "\"");
    }
    return same16 && same8;
}

} // namespace

TEST_SUITE_BEGIN("grammar/hex_digits");

TEST_CASE("hex16 and hex8 read as the uint_parsers they replace: edge cases") {
    for (std::string_view const text :
         {"0", "00000000", "0000000000000000", "00000000000000000001", "ffffffffffffffff",
          "FFFFFFFFFFFFFFFF0", "12345678`9abcdef0", "0x1f", "abcdefABCDEF", "g", "", " 1",
          "fffff803`0b5d5938", "7ffe0000:", "0123456789abcdefg", "DeadBeef!f"}) {
        CHECK(same_both_widths(text));
    }
    CHECK(read(common::hex16, "0000000001a40000").value == 0x1a40000);
    CHECK(read(common::hex16, "ffffffffffffffff1").end == 16);
    CHECK(read(common::hex8, "fffff803`0b5d5938").value == 0xfffff803);
    CHECK_FALSE(read(common::hex16, "xyz").ok);
}

TEST_CASE("hex16 and hex8 read as the uint_parsers they replace: any byte anywhere in 8 at once") {
    // The digits are classified 8 bytes at a time: every byte value at every place of the
    // first two words (and past them), in runs that end at the end of the text or go on.
    std::string const digits = "0123456789abcdefABCDEF0a9F";
    for (std::size_t length = 0; length <= digits.size(); ++length) {
        std::string text = digits.substr(0, length);
        CHECK(same_both_widths(text));  // the run ends exactly at the end of the buffer
        for (std::size_t at = 0; at < length; ++at) {
            for (int byte = 0; byte < 256; ++byte) {
                text[at] = static_cast<char>(byte);
                if (!same_both_widths(text)) {
                    FAIL("byte ", byte, " at ", at, " of ", length);
                }
            }
            text[at] = digits[at];
        }
    }
}

TEST_CASE("hex16 and hex8 at the edges of a word: backticks, 17 digits and more, the end") {
    for (std::string_view const text :
         {"fffff801`00000000", "fffff801`0000000", "fffff801`", "`fffff801", "fffff801``0",
          "0123456789abcdef0", "0123456789abcdef01234567", "0123456`", "01234567`", "012345678`",
          "1234567", "12345678", "123456789", "123456789abcdef", "f0f0f0f0f0f0f0f", "7fffffff ",
          "ffffffff\xa0" "ffffffff", "\xff" "1234567", "12345678\x80", "9:;@AFG`afg/"}) {
        CHECK(same_both_widths(text));
    }
    CHECK(read(common::hex16, "0123456789abcdef0").value == 0x0123456789abcdefull);
    CHECK(read(common::hex16, "0123456789abcdef0").end == 16);
    CHECK(read(common::hex8, "0123456789abcdef").value == 0x01234567ull);
    CHECK(read(common::hex8, "0123456789abcdef").end == 8);
    CHECK(read(common::hex16, "fffff801`00000000").end == 8);
    CHECK(read(common::hex16, "DEADbeef12").value == 0xdeadbeef12ull);
    CHECK(read(common::address, "fffff801`00000000").value == 0xfffff80100000000ull);
    CHECK(read(common::address, "fffff801`00000000").end == 17);
}

TEST_CASE("hex16 and hex8 read as the uint_parsers they replace: every token of the corpus") {
    // From every byte after a blank, a backtick, "0x" or a mark: where a grammar asks.
    auto const starts = dbgsift::test::compare_at_token_starts(CORPUS_DIR, " \t`x:(-+", [](std::string_view rest) {
        return same_both_widths(rest.substr(0, rest.find_first_of(" \t\r")));
    });
    CHECK(starts.tried > 100000);
    CHECK(starts.differ == 0);
}

TEST_CASE("an expectation of a hex number still says so") {
    CHECK(x3::what(common::hex16) == "hex number");
    CHECK(x3::what(common::hex8) == "hex number");
}

TEST_SUITE_END();
