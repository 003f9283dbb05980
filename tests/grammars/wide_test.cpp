// SPDX-License-Identifier: MIT
// common's number tokens read sixteen bytes a step (grammars/common/wide.hpp) what their byte
// loops (stride::bytes) read: hex16 / hex8 / address / hex_token / heap_address / count; and
// run_of<C> what x3::lexeme[+x3::lit(C)] reads, bytes_before<C> what x3::lexeme[*(x3::char_ - C)]
// reads. The same value, the same end, the same yes or no, with sixteen bytes or more after the
// token's start (the SSE2 step) and with fewer (the byte loop; for count, its sum of fifteen
// digits at most), on the edge cases, on any byte anywhere in the sixteen, and from every token
// of the corpus. (A build without SSE2 reads a byte a step in both: the checks then compare
// count's short sum with its byte loop, and the rest hold trivially.)
#include "grammars/common/common.hpp"
#include "number_read.hpp"
#include "support/files.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace x3 = boost::spirit::x3;
namespace common = dbgsift::grammar::common;
using dbgsift::grammar::common::stride;

// The byte loops the wide step must match.
namespace bytes {
auto const hex16 = common::hex_digits_parser<16, stride::bytes>{};
auto const hex8 = common::hex_digits_parser<8, stride::bytes>{};
auto const count = common::decimal_parser<stride::bytes>{};
auto const& address = common::address_of_stride<stride::bytes>;
auto const& hex_token = common::hex_token_of_stride<stride::bytes>;
auto const& heap_address = common::heap_address_of_stride<stride::bytes>;
} // namespace bytes

namespace {

template <typename Parser>
dbgsift::test::NumberRead read(Parser const& p, std::string_view text) {
    return dbgsift::test::read_number(p, text);
}

// `text` in a buffer of its own exact size, so that a load past its end is one past the
// allocation (which ASan reports), as a line that ends the input buffer.
std::vector<char> exact_copy(std::string_view text) { return std::vector<char>(text.begin(), text.end()); }

// Each common form and its byte loop read `text` alike; false (with a message) when not.
bool same_all(std::string_view const whole) {
    auto const copy = exact_copy(whole);
    std::string_view const text(copy.data(), copy.size());
    bool const same = read(common::hex16, text) == read(bytes::hex16, text) &&
                      read(common::hex8, text) == read(bytes::hex8, text) &&
                      read(common::address, text) == read(bytes::address, text) &&
                      read(common::hex_token, text) == read(bytes::hex_token, text) &&
                      read(common::count, text) == read(bytes::count, text);
    std::string wide_text, bytes_text;
    char const* wide_end = text.data();
    char const* bytes_end = text.data();
    bool const wide_ok = x3::parse(wide_end, text.data() + text.size(), common::heap_address, wide_text);
    bool const bytes_ok = x3::parse(bytes_end, text.data() + text.size(), bytes::heap_address, bytes_text);
    bool const same_heap = wide_ok == bytes_ok && wide_end == bytes_end && wide_text == bytes_text;
    if (!same || !same_heap) {
        MESSAGE("differs on \"", std::string(text), "\"");
    }
    return same && same_heap;
}

// `text` as it is (often under sixteen bytes: the byte loop) and followed by enough bytes of
// each kind for the SSE2 step: blanks, more digits, a letter past f, a byte >= 0x80.
bool same_short_and_wide(std::string_view text) {
    bool same = same_all(text);
    for (char const pad : {' ', '0', 'f', 'g', '\xa0', '`'}) {
        same = same_all(std::string(text) + std::string(20, pad)) && same;
    }
    return same;
}

// How far `p` reads `text` with blanks skipped (-1: it fails).
template <typename Parser>
std::ptrdiff_t reach(Parser const& p, std::string_view text) {
    char const* first = text.data();
    bool const ok = x3::phrase_parse(first, text.data() + text.size(), p, dbgsift::grammar::blank_run);
    return ok ? first - text.data() : -1;
}

// run_of and bytes_before against the X3 forms they replace.
bool same_runs(std::string_view const whole) {
    auto const copy = exact_copy(whole);
    std::string_view const text(copy.data(), copy.size());
    bool const same = reach(common::run_of<'-'>, text) == reach(x3::lexeme[+x3::lit('-')], text) &&
                      reach(common::run_of<'*'>, text) == reach(x3::lexeme[+x3::lit('*')], text) &&
                      reach(common::bytes_before<')'>, text) == reach(x3::lexeme[*(x3::char_ - ')')], text) &&
                      reach('(' >> common::bytes_before<')'> >> ')', text) ==
                          reach(x3::lexeme['(' >> *(x3::char_ - ')') >> ')'], text);
    if (!same) {
        MESSAGE("runs differ on \"", std::string(text), "\"");
    }
    return same;
}

} // namespace

TEST_SUITE_BEGIN("grammar/wide");

TEST_CASE("the hex forms read sixteen bytes a step as a byte a step: edge cases") {
    for (std::string_view const text :
         {"0", "00000000", "0000000000000000", "00000000000000000001", "ffffffffffffffff",
          "FFFFFFFFFFFFFFFF0", "12345678`9abcdef0", "0x1f", "0X1F", "0x", "0xg", "abcdefABCDEF", "g", "",
          " 1", "fffff803`0b5d5938", "7ffe0000:", "0123456789abcdefg", "DeadBeef!f", "fffff801`00000000",
          "fffff801`0000000", "fffff801`", "`fffff801", "fffff801``0", "0123456789abcdef0",
          "0123456789abcdef01234567", "0123456`", "01234567`", "012345678`", "123456789`12345678",
          "f0f0f0f0f0f0f0f", "7fffffff ", "ffffffff\xa0" "ffffffff", "\xff" "1234567", "12345678\x80",
          "9:;@AFG`afg/", "ffffa604f6820080", "PROCESS", "c904737000  ParentCid: 02d8"}) {
        CHECK(same_short_and_wide(text));
    }
    CHECK(read(common::hex16, "0123456789abcdef0123").value == 0x0123456789abcdefull);
    CHECK(read(common::hex16, "0123456789abcdef0123").end == 16);
    CHECK(read(common::hex8, "0123456789abcdef0123").value == 0x01234567ull);
    CHECK(read(common::hex8, "0123456789abcdef0123").end == 8);
    CHECK(read(common::address, "fffff801`0000abcd  myfault").value == 0xfffff8010000abcdull);
    CHECK(read(common::address, "fffff801`0000abcd  myfault").end == 17);
    CHECK_FALSE(read(common::hex16, "xyz                 ").ok);
}

TEST_CASE("the number forms read sixteen bytes a step as a byte a step: any byte anywhere in the sixteen") {
    // A run of hex or decimal digits past the sixteen bytes the step loads, each place given
    // every byte value, with the run ending at the end of the text (the byte loop) or going on
    // (the step).
    for (std::string const digits : {"0123456789abcdefABCDEF0a9F", "01234567890123456789012"}) {
        for (std::size_t length = 0; length <= digits.size(); ++length) {
            std::string text = digits.substr(0, length);
            CHECK(same_short_and_wide(text));
            for (std::size_t at = 0; at < length && at < 18; ++at) {
                for (int byte = 0; byte < 256; ++byte) {
                    text[at] = static_cast<char>(byte);
                    if (!same_all(text) || !same_all(text + "                ")) {
                        FAIL("byte ", byte, " at ", at, " of ", length);
                    }
                }
                text[at] = digits[at];
            }
        }
    }
}

TEST_CASE("the number forms read sixteen bytes a step as a byte a step: every token of the corpus") {
    // From every byte after a blank, a backtick, "0x" or a mark, to the end of the line (most
    // places have sixteen bytes after them: the step) and to the next blank (the byte loop).
    auto const starts = dbgsift::test::compare_at_token_starts(CORPUS_DIR, " \t`x:(-+", [](std::string_view rest) {
        rest = rest.substr(0, rest.find('\r'));
        return same_all(rest) && same_all(rest.substr(0, rest.find_first_of(" \t"))) && same_runs(rest);
    });
    CHECK(starts.tried > 100000);
    CHECK(starts.differ == 0);
}

TEST_CASE("count reads sixteen bytes a step as a byte a step: long numbers, leading zeros, overflow") {
    for (std::string_view const text :
         {"123456789012345", "1234567890123456", "12345678901234567890", "18446744073709551615",
          "18446744073709551616", "000000000000000000000000018446744073709551615", "0000000000000000",
          "00000000000000012", "9 ", "99999999999999999999999", "12345678901234x"}) {
        CHECK(same_short_and_wide(text));
    }
    CHECK(read(common::count, "4096   1444   4096   1164     4").value == 4096);
    CHECK(read(common::count, "4096   1444   4096   1164     4").end == 4);
    CHECK_FALSE(read(common::count, "18446744073709551616                ").ok);
}

TEST_CASE("run_of and bytes_before read as the X3 forms they replace") {
    for (std::string_view const text :
         {"", "-", "--", " ---", "\t---x", "-----------------------------------------------------"
          "--------------------------",
          "***************************************** NT HEAP STATS BELOW ****", "-*-", "x--",
          "(deferred)", "(no symbols)   ", "(private pdb symbols)  C:\\sym\\a.pdb", "(", "()", ")",
          "(unterminated and longer than sixteen bytes", "  (pdb symbols)", "(\xa0\xff)"}) {
        CHECK(same_runs(text));
    }
    // Each length around the sixteen-byte steps, the run ending at the text's end or before
    // another byte.
    for (std::size_t length = 0; length <= 40; ++length) {
        for (std::string_view const after : {"", "x", " ", ")", "-*"}) {
            for (std::string_view const lead : {"", "-", "*", "("}) {
                std::string text(lead);
                text.append(length, lead.empty() ? 'a' : lead.front());
                text += after;
                CHECK(same_runs(text));
            }
        }
    }
}

TEST_CASE("an expectation of a hex number or address says the same in either stride") {
    CHECK(x3::what(common::hex16) == "hex number");
    CHECK(x3::what(bytes::hex16) == "hex number");
    CHECK(x3::what(common::hex8) == x3::what(bytes::hex8));
    CHECK(x3::what(common::address) == "address");
    CHECK(x3::what(bytes::address) == "address");
    CHECK(x3::what(common::hex_token) == x3::what(bytes::hex_token));
    CHECK(x3::what(common::heap_address) == x3::what(bytes::heap_address));
    CHECK(x3::what(common::count) == "number");
    CHECK(x3::what(bytes::count) == "number");
}

TEST_SUITE_END();
