// SPDX-License-Identifier: MIT
#include "dbgsift/report/pretty_json.hpp"
#include "dbgsift/report/report.hpp"
#include "support/moved_right.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

TEST_SUITE_BEGIN("report/pretty_json");

using dbgsift::report::PrettyJson;

namespace {

// Escapes, brackets and colons inside strings, empty containers, a key needing an escape.
constexpr std::string_view k_compact =
    R"({"a":1,"b":[],"c":{},"d":[true,null,{"e":"x,\"y\":[z] \\","f":"\\\""}],"g\tkey":[[{}],{"h":[]}],"i":-2.5E-1})";

std::string laid_out(std::string_view compact, std::size_t piece, PrettyJson layout = PrettyJson()) {
    std::string out;
    for (std::size_t at = 0; at < compact.size(); at += piece) {
        out.append(layout.feed(compact.substr(at, piece)));
    }
    out.append(layout.finish());
    return out;
}

} // namespace

TEST_CASE("pretty_json: one piece lays out as pretty_text, without its final newline") {
    auto const whole = dbgsift::report::pretty_text(k_compact);
    CHECK(laid_out(k_compact, k_compact.size()) + "\n" == whole);
    CHECK(whole.find("\"e\": \"x,\\\"y\\\":[z] \\\\\",\n") != std::string::npos);
    CHECK(whole.find("\"c\": {},\n") != std::string::npos);
}

TEST_CASE("pretty_json: pieces cut anywhere lay out as the whole") {
    // Cut after every byte: inside strings, between a backslash and its byte, between '{'
    // and '}'.
    auto const whole = laid_out(k_compact, k_compact.size());
    for (std::size_t cut = 1; cut < k_compact.size(); ++cut) {
        CAPTURE(cut);
        PrettyJson layout;
        std::string out(layout.feed(k_compact.substr(0, cut)));
        out.append(layout.feed(k_compact.substr(cut)));
        out.append(layout.finish());
        CHECK(out == whole);
    }
    for (std::size_t piece = 1; piece < 12; ++piece) {
        CAPTURE(piece);
        CHECK(laid_out(k_compact, piece) == whole);
    }
}

TEST_CASE("pretty_json: a margin moves every line right, as the archive document nests a case") {
    auto const whole = dbgsift::report::pretty_text(k_compact);
    for (std::size_t piece : {std::size_t{1}, std::size_t{5}, k_compact.size()}) {
        CAPTURE(piece);
        CHECK(laid_out(k_compact, piece, PrettyJson(4)) == dbgsift::test::moved_right(whole, 4));
        CHECK(laid_out(k_compact, piece, PrettyJson(2, false)) == dbgsift::test::moved_right(whole, 2, false));
    }
    CHECK(laid_out(R"({"a":[]})", 3, PrettyJson(4)) == "    {\n      \"a\": []\n    }");
    // Deep nesting: each level's indentation makes its own room (two spaces a level).
    std::string const deep = std::string(300, '[') + "1" + std::string(300, ']');
    for (std::size_t piece : {std::size_t{1}, std::size_t{7}, deep.size()}) {
        CAPTURE(piece);
        CHECK(laid_out(deep, piece, PrettyJson(4)) == dbgsift::test::moved_right(dbgsift::report::pretty_text(deep), 4));
    }
}

TEST_CASE("pretty_json: long strings, whose quotes and backslashes are found sixteen bytes a compare") {
    // Escapes before, at and after the sixteenth byte, a string of exactly sixteen, one of
    // seventeen ending in a backslash pair: every cut must keep the string's end where it is.
    constexpr std::string_view long_strings =
        R"({"path":"C:\\Windows\\System32\\drivers\\ntfs.sys","0123456789abcdef":"0123456789abcde\\",)"
        R"("q":"{[,:]} \"quoted, with: brackets]\" and more text after it","n":[1,2]})";
    auto const whole = dbgsift::report::pretty_text(long_strings);
    CHECK(whole == R"({
  "path": "C:\\Windows\\System32\\drivers\\ntfs.sys",
  "0123456789abcdef": "0123456789abcde\\",
  "q": "{[,:]} \"quoted, with: brackets]\" and more text after it",
  "n": [
    1,
    2
  ]
}
)");
    for (std::size_t piece = 1; piece <= long_strings.size(); ++piece) {
        CAPTURE(piece);
        CHECK(laid_out(long_strings, piece) + "\n" == whole);
    }
}

TEST_CASE("pretty_json: text cut short lays out as pretty_text lays it out") {
    // A document that ends early (never written by dbgsift, but nothing may crash on it).
    for (std::string_view cut : {"{", "[{", R"({"a":"x\)", R"({"a":"unterminated)", "{\"a\":[1,"}) {
        CAPTURE(cut);
        CHECK(laid_out(cut, 1) + "\n" == dbgsift::report::pretty_text(cut));
        CHECK(laid_out(cut, cut.size()) + "\n" == dbgsift::report::pretty_text(cut));
    }
}
