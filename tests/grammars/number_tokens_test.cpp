// SPDX-License-Identifier: MIT
// common::count (decimal_parser) reads what x3::uint_parser<std::uint64_t, 10>, which it
// replaces, reads, and common::address (address_parser) what the X3 expression it replaces
// reads: the same value, the same end, the same yes or no, from every token of every corpus
// line and on the edge cases (leading zeros, overflow, "0x" with no digit, backticks).
#include "grammars/common/common.hpp"
#include "number_read.hpp"
#include "support/files.hpp"

#include <doctest/doctest.h>

#include <string>

namespace x3 = boost::spirit::x3;
namespace common = dbgsift::grammar::common;

namespace {

// common::address as it was spelled before address_parser.
auto const take = [](auto& ctx) { x3::_val(ctx) = x3::_attr(ctx); };
auto const append_low = [](auto& ctx) {
    if (x3::_val(ctx) > 0xFFFFFFFFull) {
        x3::_pass(ctx) = false;
        return;
    }
    x3::_val(ctx) = (x3::_val(ctx) << 32) | x3::_attr(ctx);
};
auto const x3_address = x3::rule<struct x3_address_class, std::uint64_t>{"address"} =
    x3::lexeme[-(x3::lit("0x") | x3::lit("0X")) >> common::hex16[take] >> -('`' >> common::hex8[append_low])];

template <typename Parser>
dbgsift::test::NumberRead read(Parser const& p, std::string_view text) {
    return dbgsift::test::read_number_skipping_blanks(p, text);
}

bool same_both_ways(std::string_view text) {
    bool const same_count = read(common::count, text) == read(x3::uint_parser<std::uint64_t, 10>{}, text);
    bool const same_address = read(common::address, text) == read(x3_address, text);
    if (!same_count || !same_address) {
        std::string const which = same_count ? "address" : "count";
        MESSAGE(which, " differs on \"", std::string(text), "\"");
    }
    return same_count && same_address;
}

} // namespace

TEST_SUITE_BEGIN("grammar/number_tokens");

TEST_CASE("count and address read as the X3 forms they replace: edge cases") {
    for (std::string_view const text :
         {"", " ", "0", "000", "007", "7.", "12a", "-1", "  42 x", "18446744073709551615",
          "18446744073709551616", "99999999999999999999", "9999999999999999999",
          "0000000000000000000000018446744073709551615", "00000000000000000000000184467440737095516150",
          "0x", "0X", "0xg", "0x1f", "0X1F", "x1", "fffff803`0b5d5938", "8`", "8`g", "`1",
          "100000000`1", "ffffffff`ffffffff", "00000001`000000001", "0x00000001`2", "12345678`9abcdefg",
          "0000000000000000ffff", "fffffffffffffffff"}) {
        CHECK(same_both_ways(text));
    }
    CHECK(read(common::count, "18446744073709551615").value == 18446744073709551615ull);
    CHECK_FALSE(read(common::count, "18446744073709551616").ok);
    CHECK(read(common::address, "fffff803`0b5d5938").value == 0xfffff8030b5d5938ull);
    CHECK(read(common::address, "100000000`1").end == 9);
    CHECK_FALSE(read(common::address, "0xg").ok);
}

TEST_CASE("count: the short decimal path at fifteen, sixteen and seventeen digits") {
    // Fewer than sixteen bytes left are summed in one pass; sixteen or more go the wide way.
    for (std::string_view const text :
         {"999999999999999", "999999999999999 ", "999999999999999`", "1234567890123456", "1234567890123456 ",
          "1234567890123456`", "12345678901234567", "12345678901234567 ", "12345678901234567`", "000000000000009",
          "000000000000009 ", "000000000000009`"}) {
        CHECK(same_both_ways(text));
    }
    // Fifteen digits, the line ending at the last one.
    CHECK(read(common::count, "999999999999999").value == 999999999999999ull);
    CHECK(read(common::count, "999999999999999").end == 15);
    CHECK(read(common::count, "999999999999999 ").value == 999999999999999ull);
    CHECK(read(common::count, "1234567890123456").value == 1234567890123456ull);
    CHECK(read(common::count, "1234567890123456`").value == 1234567890123456ull);
    CHECK(read(common::count, "12345678901234567").value == 12345678901234567ull);
    CHECK(read(common::count, "12345678901234567 ").value == 12345678901234567ull);
    CHECK(read(common::count, "000000000000009").value == 9);
    CHECK(read(common::count, "000000000000009`").value == 9);
}

TEST_CASE("count and address read as the X3 forms they replace: every token of the corpus") {
    // From every byte after a blank or a mark: where a grammar asks.
    auto const starts = dbgsift::test::compare_at_token_starts(CORPUS_DIR, " \t`:(-+=[", [](std::string_view rest) {
        return same_both_ways(rest.substr(0, 48));
    });
    CHECK(starts.tried > 50000);
    CHECK(starts.differ == 0);
}

TEST_SUITE_END();
