// SPDX-License-Identifier: MIT
// JsonWriter must print the bytes boost::json::serialize prints for the same document: the
// case documents were Boost's before issue 14, and scripts diff them across versions.
#include "dbgsift/report/json_writer.hpp"
#include "dbgsift/report/report.hpp"

#include <boost/json.hpp>
#include <doctest/doctest.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

TEST_SUITE_BEGIN("report/json_writer");

using dbgsift::report::JsonWriter;

namespace {

template <typename T>
std::string written(T const& v) {
    JsonWriter w;
    w.value(v);
    return std::string(w.text());
}

std::string boost_string(std::string const& s) { return boost::json::serialize(boost::json::string(s)); }

} // namespace

TEST_CASE("json_writer: each byte of a string is escaped as boost::json escapes it") {
    for (int b = 0; b < 256; ++b) {
        std::string const s(1, static_cast<char>(b));
        CAPTURE(b);
        CHECK(written(s) == boost_string(s));
    }
    // Longer strings are scanned eight bytes at a time: each byte at each place of a word,
    // among plain text and among bytes from 0x80 up (UTF-8 lead and continuation bytes).
    for (char const filler : {'a', '\x80', '\xFF', '\x7F'}) {
        for (int b = 0; b < 256; ++b) {
            for (std::size_t at = 0; at < 19; ++at) {
                std::string s(19, filler);
                s[at] = static_cast<char>(b);
                CAPTURE(b);
                CAPTURE(at);
                CHECK(written(s) == boost_string(s));
            }
        }
    }
    // Every length around one, two and three words (the last word of a text is read again,
    // overlapping), an escape at each place of it; past 32 bytes, sixteen at a time.
    for (std::size_t length = 1; length <= 72; ++length) {
        for (char const b : {'\0', '\x1f', '"', '\\', ' ', '\x7f', '\x80'}) {
            for (std::size_t at = 0; at < length; ++at) {
                std::string s(length, 'a');
                s[at] = b;
                CAPTURE(s);
                CHECK(written(s) == boost_string(s));
            }
        }
    }
    // Texts of 4 to 32 bytes are read as two overlapping halves: two escapes, the second where
    // the halves overlap or after, among each filler; the first must be the one found.
    for (std::size_t length = 1; length <= 40; ++length) {
        for (char const filler : {'a', '\x80', '\xFF'}) {
            for (std::size_t first = 0; first < length; ++first) {
                for (std::size_t second = first + 1; second < length; ++second) {
                    std::string s(length, filler);
                    s[first] = '\n';
                    s[second] = '"';
                    CAPTURE(s);
                    CHECK(written(s) == boost_string(s));
                }
            }
        }
    }
    std::string all;
    for (int b = 255; b >= 0; --b) {
        all += static_cast<char>(b);
    }
    CHECK(written(all) == boost_string(all));
    // Spelled out, so that a change of Boost's escapes shows here too.
    CHECK(written(std::string("\"\\\b\f\n\r\t")) == R"("\"\\\b\f\n\r\t")");
    CHECK(written(std::string("\x01\x1f\x7f", 3)) == "\"\\u0001\\u001f\x7f\"");
    CHECK(written(std::string("a\0b", 3)) == R"("a\u0000b")");
    CHECK(written(std::string("/")) == R"("/")");
}

TEST_CASE("json_writer: strings in an array keep their commas, clean or escaped") {
    // value() copies a text as it tests it: an escape found then writes it again, comma first.
    std::vector<std::string> items;
    boost::json::array expected;
    for (std::size_t length = 0; length <= 40; ++length) {
        std::string clean(length, 'c');
        std::string escaped = clean + '\n' + clean;
        items.push_back(clean);
        items.push_back(escaped);
        items.push_back(escaped);
        items.push_back(clean);
    }
    for (auto const& item : items) {
        expected.emplace_back(item);
    }
    JsonWriter w;
    w.array(items);
    CHECK(std::string(w.text()) == boost::json::serialize(expected));
}

TEST_CASE("json_writer: text around escapes and UTF-8 is copied unchanged") {
    std::string const s = "Gr\xC3\xB6\xC3\x9F" "e \xE2\x82\xAC 100\tC:\\Windows\\\"x\"\n";  // "Größe € 100"
    CHECK(written(s) == boost_string(s));
    CHECK(written(std::string_view("")) == R"("")");
    CHECK(written("literal") == R"("literal")");
}

TEST_CASE("json_writer: doubles print as boost::json prints them") {
    for (double d : {1.0, 0.9, 0.536, 1e-7, 123456.789, 0.0, -2.5, 12.34, 0.05, 1e21, 99.999}) {
        CAPTURE(d);
        CHECK(written(d) == boost::json::serialize(boost::json::value(d)));
    }
    CHECK(written(1.0) == "1E0");
    CHECK(written(0.9) == "9E-1");
    CHECK(written(0.536) == "5.36E-1");
}

TEST_CASE("json_writer: a short decimal is written the way Ryu writes it, a long one by Ryu") {
    // The writer prints a decimal of up to four places itself and leaves any other double to
    // Boost's serializer: both must give Boost's bytes, on each side of the line between them.
    auto const same_as_boost = [](double d) {
        CAPTURE(d);
        CHECK(written(d) == boost::json::serialize(boost::json::value(d)));
    };
    for (int n = 0; n <= 200'000; ++n) {
        same_as_boost(n / 1000.0);  // scores: three places
        same_as_boost(n / 100.0);   // percentages: two places
    }
    for (int n = 0; n <= 100'000; n += 7) {
        same_as_boost(n / 10000.0);
        same_as_boost(n / 100000.0);  // five places: Ryu's
        same_as_boost(n * 9.99);
    }
    for (double d : {999999.9999, 999999.99999, 1e6, 1e6 - 1, 123456.7891, 0.1 + 0.2, 1.0 / 3, 2.0 / 3, 1e-4,
                     1e-5, 5e-324, 0.30000000000000004, -0.0, -0.5, -1e-3, 1e300,
                     std::numeric_limits<double>::min(), std::nextafter(0.536, 1.0), std::nextafter(1.0, 0.0)}) {
        same_as_boost(d);
    }
    // Within an array: the comma before each one, the fast way and the slow way alike.
    JsonWriter w;
    w.begin_array();
    for (double d : {0.25, 1.0 / 3, 0.0, 1e300, 98.35}) {
        w.value(d);
    }
    w.end_array();
    CHECK(w.text() == "[2.5E-1,3.333333333333333E-1,0E0,1E300,9.835E1]");
}

TEST_CASE("json_writer: integers at their limits, booleans, null") {
    CHECK(written(std::numeric_limits<std::uint64_t>::max()) == "18446744073709551615");
    CHECK(written(std::numeric_limits<std::int64_t>::min()) == "-9223372036854775808");
    CHECK(written(std::uint32_t{0}) == "0");
    CHECK(written(-7) == "-7");
    CHECK(written(true) == "true");
    CHECK(written(false) == "false");
    CHECK(written(nullptr) == "null");
    CHECK(written(std::optional<std::uint64_t>()) == "null");
    CHECK(written(std::optional<std::uint64_t>(42)) == "42");
    CHECK(written(std::optional<dbgsift::model::Sourced<std::uint64_t>>({7, {0, 12}})) == "7");
}

TEST_CASE("json_writer: an unsigned number has std::to_string's digits, at every length") {
    // Each power of ten, one below and one above it, the 32-bit and 64-bit limits, and a
    // spread of values between (the writer splits numbers at eight digits and at pairs).
    std::vector<std::uint64_t> values{0, 9, 10, 11, 99, 100, 101, 4294967295u, 4294967296u,
                                      std::numeric_limits<std::uint64_t>::max(),
                                      std::numeric_limits<std::uint64_t>::max() - 1};
    for (std::uint64_t p = 1; p <= 10000000000000000000u; p *= 10) {
        values.insert(values.end(), {p - 1, p, p + 1, 2 * p - 1, 2 * p, 5 * p - 1, 5 * p, 9 * p});
        if (p == 10000000000000000000u) {
            break;
        }
    }
    std::uint64_t x = 0x9e3779b97f4a7c15u;
    for (int i = 0; i < 2000; ++i) {  // a fixed pseudo-random walk over all magnitudes
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        values.push_back(x >> (i % 64));
    }
    for (auto const v : values) {
        CAPTURE(v);
        CHECK(written(v) == std::to_string(v));
    }
    JsonWriter w;  // several in a row: each number ends where the comma goes
    w.begin_array();
    w.value(std::uint64_t{7});
    w.value(std::uint64_t{123456789012});
    w.value(std::uint64_t{0});
    w.end_array();
    CHECK(w.text() == "[7,123456789012,0]");
}

TEST_CASE("json_writer: an unsigned number has std::to_chars's digits, every value up to 10^6") {
    // The writer splits a number where its length is decided (below 10^2, 10^4, 10^6, 10^8,
    // 10^16): every value of the short lengths, written one after another into one array.
    constexpr std::uint64_t last = 1'000'000;
    JsonWriter w;
    w.begin_array();
    std::string expected = "[";
    char digits[20];
    for (std::uint64_t v = 0; v <= last; ++v) {
        w.value(v);
        if (v > 0) {
            expected += ',';
        }
        expected.append(digits, std::to_chars(digits, digits + sizeof digits, v).ptr);
    }
    w.end_array();
    expected += ']';
    CHECK(w.text() == expected);
}

TEST_CASE("json_writer: an unsigned number has std::to_chars's digits, at each power of ten and at random") {
    std::vector<std::uint64_t> values;
    for (std::uint64_t p = 10;; p *= 10) {  // each power of ten, one below and one above it
        values.insert(values.end(), {p - 1, p, p + 1});
        if (p == 10000000000000000000u) {
            break;
        }
    }
    std::uint64_t x = 0x2545f4914f6cdd1du;
    for (int i = 0; i < 200000; ++i) {  // a fixed pseudo-random walk: whole 64-bit values
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        values.push_back(x);
        values.push_back(x >> (x % 64));  // and every magnitude
    }
    char digits[20];
    for (auto const v : values) {
        CAPTURE(v);
        REQUIRE(written(v) == std::string_view(digits, std::to_chars(digits, digits + sizeof digits, v).ptr));
    }
}

TEST_CASE("json_writer: every group of four digits at every place of a long number") {
    // Numbers of nine digits or more are split into groups of four, pairs and digits all at
    // once (SSE2 where there is SSE2): each group value 0000-9999 at each of the places a group
    // of the last eight or sixteen digits can take, in numbers of 10, 16, 17 and 20 digits,
    // written one after another into one array.
    JsonWriter w;
    w.begin_array();
    std::string expected = "[";
    char digits[20];
    auto const add = [&](std::uint64_t v) {
        w.value(v);
        if (expected.size() > 1) {
            expected += ',';
        }
        expected.append(digits, std::to_chars(digits, digits + sizeof digits, v).ptr);
    };
    std::uint64_t const leads[] = {12'0000'0000u, 9876'5432'0000'0000u, 1'0000'0000'0000'0000u,
                                   1844'0000'0000'0000'0000u};
    for (std::uint64_t const lead : leads) {
        for (std::uint64_t place = 1; place <= 1'0000'0000'0000u && place < lead; place *= 10000) {
            for (std::uint64_t group = 0; group < 10000; ++group) {
                add(lead + group * place);
            }
        }
    }
    w.end_array();
    expected += ']';
    CHECK(w.text() == expected);
}

TEST_CASE("json_writer: commas between elements at every depth, none in empty containers") {
    JsonWriter w;
    w.begin_object();
    w.key("empty_object");
    w.begin_object();
    w.end_object();
    w.key("empty_array");
    w.begin_array();
    w.end_array();
    w.key("a");
    w.begin_array();
    w.value(1);
    w.begin_object();
    w.end_object();
    w.begin_array();
    w.end_array();
    w.begin_object();
    w.member("x", 1);
    w.member("y", "z");
    w.end_object();
    w.end_array();
    w.member("b", std::optional<double>());
    w.member_if("absent", std::optional<int>());
    w.member_if("absent_text", std::string());
    w.member_if("present", std::optional<int>(3));
    w.text_or_null("no_text", "");
    w.text_or_null("text", "t");
    w.array_member("strings", std::vector<std::string>{"p", "q"});
    w.array_member_if_any("none", std::vector<int>(), [](JsonWriter&, int) {});
    w.end_object();
    std::string const expected =
        R"({"empty_object":{},"empty_array":[],"a":[1,{},[],{"x":1,"y":"z"}],"b":null,)"
        R"("present":3,"no_text":null,"text":"t","strings":["p","q"]})";
    CHECK(w.text() == expected);
    CHECK(w.line() == expected + "\n");
    CHECK(boost::json::serialize(boost::json::parse(w.text())) == expected);
}

TEST_CASE("json_writer: a key known only at run time is escaped, one from the source copied") {
    // A literal key that needed an escape would not compile (JsonKey's consteval check).
    JsonWriter w;
    w.begin_object();
    w.member("plain_key", 1);
    std::string const runtime = "odd \"key\"\n";
    w.member(dbgsift::report::JsonKey(runtime), 2);
    w.end_object();
    boost::json::object expected;
    expected["plain_key"] = 1;
    expected[runtime] = 2;
    CHECK(w.text() == boost::json::serialize(expected));
    CHECK(w.text() == R"({"plain_key":1,"odd \"key\"\n":2})");
}

TEST_CASE("json_writer: each document starts empty, whatever the thread's scratch held") {
    // A document past the kept scratch (8 MiB: given back, not kept), then small ones that reuse
    // the scratch, and one written while another is open on the same thread.
    std::string const big_text(9u << 20, 'x');
    {
        JsonWriter big;
        big.begin_array();
        big.value(big_text);
        big.end_array();
        CHECK(big.text().size() == big_text.size() + 4);
    }
    for (int i = 0; i < 2; ++i) {
        JsonWriter small;
        small.begin_object();
        small.member("line", 12);
        {
            JsonWriter inner;
            inner.value("inner");
            CHECK(inner.text() == R"("inner")");
        }
        small.member("message", "expected ')' \t here");
        small.end_object();
        CHECK(small.line() == "{\"line\":12,\"message\":\"expected ')' \\t here\"}\n");
    }
}

TEST_CASE("json_writer: take_line gives the bytes line() gives, with or without a line given back") {
    // Documents of uneven sizes on one thread, each line given back as the NDJSON writer does:
    // the first is copied (nothing given back yet), the others leave in the writer's own buffer
    // while an earlier line's takes its place (grown into, or bigger than needed); each next
    // document still starts empty.
    for (std::size_t n : {3u, 100000u, 40u, 200000u, 7u, 150000u}) {
        JsonWriter w;
        w.begin_object();
        w.member("line", n);
        w.member("text", std::string(n, 'a'));
        w.member("optional", std::optional<std::uint64_t>(18446744073709551615u));
        w.member("absent", std::optional<std::uint64_t>());
        w.end_object();
        std::string const expected = "{\"line\":" + std::to_string(n) + ",\"text\":\"" + std::string(n, 'a') +
                                     "\",\"optional\":18446744073709551615,\"absent\":null}\n";
        CHECK(w.line() == expected);
        auto taken = w.take_line();
        CHECK(taken.text() == expected);
        JsonWriter::recycle_line(std::move(taken));
    }
    JsonWriter after;
    after.value("x");
    CHECK(after.take_line().text() == "\"x\"\n");
}

namespace {

// A document of many members, one of them a text longer than a drained piece: written by `w`.
void long_document(JsonWriter& w, std::string const& long_text) {
    w.begin_object();
    w.key("rows");
    w.begin_array();
    for (std::uint64_t i = 0; i < 20000; ++i) {
        w.begin_object();
        w.member("line", i);
        w.member("text", i == 7000 ? std::string_view(long_text) : std::string_view("nt!Ex\"Pool\""));
        w.end_object();
    }
    w.end_array();
    w.end_object();
}

} // namespace

TEST_CASE("json_writer: a drained document goes out in pieces whose bytes are the document") {
    std::string long_text(300000, 'x');
    long_text[65535] = '"';  // escapes around a piece's end
    long_text[65536] = '\\';
    JsonWriter whole;
    long_document(whole, long_text);
    std::string const expected(whole.text());
    REQUIRE(expected.size() > 10 * JsonWriter::k_drain_piece_bytes);

    std::string joined;
    std::vector<std::size_t> sizes;
    {
        JsonWriter drained([&](std::string_view piece) {
            joined.append(piece);
            sizes.push_back(piece.size());
        });
        long_document(drained, long_text);
        CHECK(joined.size() < expected.size());  // the last piece waits for drain_written()
        drained.drain_written();
        drained.drain_written();  // nothing more: no empty piece
    }
    CHECK(joined == expected);
    // Every piece fits the piece size but the one holding the long text, which goes whole.
    std::size_t over = 0;
    for (auto const size : sizes) {
        CHECK(size > 0);
        over += size > JsonWriter::k_drain_piece_bytes ? 1 : 0;
    }
    CHECK(over == 1);
    // A writer without a drain afterwards on the same thread starts empty and keeps all.
    JsonWriter after;
    after.value("x");
    CHECK(after.text() == "\"x\"");
}

TEST_CASE("pretty_text lays out compact text as report::pretty() lays out its tree") {
    JsonWriter w;
    w.begin_object();
    w.member("schema", "dbgsift/1");
    w.key("empty_object");
    w.begin_object();
    w.end_object();
    w.key("empty_array");
    w.begin_array();
    w.end_array();
    w.key("rows");
    w.begin_array();
    for (int i = 0; i < 2; ++i) {
        w.begin_object();
        w.member("line", static_cast<std::uint64_t>(i + 1));
        w.member("score", 0.536);
        w.member("text", "a \"quoted\" {brace}, [bracket]: colon \\ and \\\"");
        w.key("frames");
        w.begin_array();
        w.value("nt!ExAllocatePoolWithTag");
        w.value(nullptr);
        w.end_array();
        w.end_object();
    }
    w.end_array();
    w.key(dbgsift::report::JsonKey(std::string_view("run\ttime key")));
    w.value(true);
    w.end_object();
    auto const tree = boost::json::parse(w.text());
    std::string const text = dbgsift::report::pretty_text(w.text());
    CHECK(text == dbgsift::report::pretty(tree));
    CHECK(text.find("  \"empty_object\": {},\n  \"empty_array\": [],\n") != std::string::npos);
    CHECK(text.find("\"text\": \"a \\\"quoted\\\" {brace}, [bracket]: colon") != std::string::npos);
    CHECK(boost::json::parse(text) == tree);
}

TEST_CASE("pretty_text: the layout, spelled out") {
    CHECK(dbgsift::report::pretty_text(R"({"a":1,"b":[],"c":{},"d":[true,null,{"e":"x,\"y\":[z]"}]})") ==
          "{\n"
          "  \"a\": 1,\n"
          "  \"b\": [],\n"
          "  \"c\": {},\n"
          "  \"d\": [\n"
          "    true,\n"
          "    null,\n"
          "    {\n"
          "      \"e\": \"x,\\\"y\\\":[z]\"\n"
          "    }\n"
          "  ]\n"
          "}\n");
}
