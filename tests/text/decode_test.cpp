// SPDX-License-Identifier: MIT
// The decoder on real transcript lines in every encoding and line-end style they arrive in.
#include "text_support.hpp"
#include "support/files.hpp"

#include "dbgsift/text/line_scan.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

using namespace dbgsift::text;
using dbgsift::text::test::decode_all;
using dbgsift::text::test::to_utf16;

namespace {

// acceptance/seed002-nonpaged-ddk.log:1 and :5 (the NBSPs already plain)
std::string const k_prompt = "0: kd> !vm";
std::string const k_physical = "       Physical Memory:      851775 (   3407100 Kb)";
// acceptance/seed002-vista-np.log:19, typographic quotes as published
std::string const k_sasc_utf8 =
    " SaSc    20281    14820     5461  1048512  UNKNOWN pooltag \u2018SaSc\u2019, please update pooltag.txt";
std::string const k_sasc_plain =
    " SaSc    20281    14820     5461  1048512  UNKNOWN pooltag 'SaSc', please update pooltag.txt";

} // namespace

TEST_SUITE("decode") {

TEST_CASE("UTF-8 with and without a byte order mark") {
    SUBCASE("no BOM: lines and their numbers as in the file") {
        auto const d = decode_all(k_prompt + "\n" + k_physical + "\n");
        REQUIRE(d.lines.size() == 2);
        CHECK(d.lines[0].text == k_prompt);
        CHECK(d.lines[1].text == k_physical);
        CHECK(d.lines[1].number == 2);
        CHECK(d.encoding == "utf-8");
    }
    SUBCASE("a BOM is not part of the first line") {
        auto const d = decode_all("\xEF\xBB\xBF" + k_prompt + "\n");
        REQUIRE(d.lines.size() == 1);
        CHECK(d.lines[0].text == k_prompt);
        CHECK(d.encoding == "utf-8-bom");
    }
    SUBCASE("a BOM in the middle (two logs concatenated) disappears") {
        auto const d = decode_all(k_prompt + "\n\xEF\xBB\xBF" + k_prompt + "\n");
        REQUIRE(d.lines.size() == 2);
        CHECK(d.lines[1].text == k_prompt);
    }
    SUBCASE("an empty input has no lines, a lone newline one empty line") {
        CHECK(decode_all("").lines.empty());
        auto const d = decode_all("\n");
        REQUIRE(d.lines.size() == 1);
        CHECK(d.lines[0].text.empty());
    }
    SUBCASE("the last line needs no newline") {
        auto const d = decode_all(k_prompt + "\n" + k_physical);
        REQUIRE(d.lines.size() == 2);
        CHECK(d.lines[1].text == k_physical);
    }
}

TEST_CASE("UTF-16 as .logopen /u writes it") {
    // corpus/locks/006.txt:4 carries CJK text; U+1F600 needs a surrogate pair.
    std::string const seed = k_prompt + "\r\n" + k_physical + "\r\n" +
                             "    LockCount          1        #\u4ece-1\u5f00\u59cb \U0001F600\r\n";
    SUBCASE("UTF-16LE with a BOM") {
        auto const d = decode_all(to_utf16(seed, true));
        CHECK(d.encoding == "utf-16le");
        REQUIRE(d.lines.size() == 3);
        CHECK(d.lines[0].text == k_prompt);
        CHECK(d.lines[1].text == k_physical);
        CHECK(d.lines[1].number == 2);
        CHECK(d.lines[2].text == "    LockCount          1        #\u4ece-1\u5f00\u59cb \U0001F600");
    }
    SUBCASE("UTF-16LE without a BOM is recognised from its NUL bytes") {
        auto const d = decode_all(to_utf16(seed, false));
        CHECK(d.encoding == "utf-16le");
        REQUIRE(d.lines.size() == 3);
        CHECK(d.lines[1].text == k_physical);
    }
    SUBCASE("UTF-16LE without a BOM: the NUL counts at their thresholds, wherever the NULs lie") {
        // The first 4096 bytes (or all, when fewer) are counted: UTF-16LE where at least 70 %
        // of the odd bytes and at most 10 % of the even ones are NUL. The NULs are spread
        // over every place of a sixteen-byte step and the pairs past the last whole step.
        for (std::size_t const size : {std::size_t{4096}, std::size_t{5000}, std::size_t{1006}, std::size_t{30}}) {
            std::size_t const pairs = std::min<std::size_t>(size, 4096) / 2;
            auto const with_nuls = [&](std::size_t odd, std::size_t even) {
                std::string bytes(size, 'a');
                for (std::size_t k = 0; k < odd; ++k) {
                    bytes[2 * ((k * 7) % pairs) + 1] = '\0';  // 7 and pairs share no factor
                }
                for (std::size_t k = 0; k < even; ++k) {
                    bytes[2 * ((k * 7 + 3) % pairs)] = '\0';
                }
                return decode_all(bytes).encoding;
            };
            std::size_t const odd_least = (pairs * 7 + 9) / 10, even_most = pairs / 10;
            CAPTURE(size);
            CHECK(with_nuls(odd_least, even_most) == "utf-16le");
            CHECK(with_nuls(odd_least - 1, even_most) != "utf-16le");
            CHECK(with_nuls(odd_least, even_most + 1) != "utf-16le");
            CHECK(with_nuls(pairs, 0) == "utf-16le");
        }
    }
    SUBCASE("UTF-16BE with a BOM") {
        auto const d = decode_all(to_utf16(seed, true, true));
        CHECK(d.encoding == "utf-16be");
        REQUIRE(d.lines.size() == 3);
        CHECK(d.lines[1].text == k_physical);
    }
    SUBCASE("an odd byte count: the half unit at the end is U+FFFD, the rest is kept") {
        auto bytes = to_utf16(k_prompt + "\r\n" + k_physical, true);
        bytes.push_back('7');
        auto const d = decode_all(bytes);
        REQUIRE(d.lines.size() == 2);
        CHECK(d.lines[0].text == k_prompt);
        CHECK(d.lines[1].text == k_physical + "\xEF\xBF\xBD");
    }
    SUBCASE("a lone surrogate becomes U+FFFD, not a crash or a dropped line") {
        auto bytes = to_utf16(k_prompt, true);
        bytes += std::string("\x00\xD8", 2) + std::string("A\0\n\0", 4);  // high surrogate, 'A'
        bytes += std::string("\x00\xDC", 2);                               // lone low surrogate
        auto const d = decode_all(bytes);
        REQUIRE(d.lines.size() == 2);
        CHECK(d.lines[0].text == k_prompt + "\xEF\xBF\xBD" + "A");
        CHECK(d.lines[1].text == "\xEF\xBF\xBD");
    }
    SUBCASE("a CRLF split across the 64 KB read chunks is one line end") {
        std::string seed_long(32767 - 1, 'x');  // BOM + 32766 units: CR is the 32768th unit
        auto const d = decode_all(to_utf16(seed_long + "\r\n" + k_prompt, true));
        REQUIRE(d.lines.size() == 2);
        CHECK(d.lines[1].text == k_prompt);
        CHECK(d.lines[1].number == 2);
    }
}

TEST_CASE("line ends: LF, CRLF and a lone CR") {
    SUBCASE("CRLF counts one line end and leaves no CR in the text") {
        auto const d = decode_all(k_prompt + "\r\n\r\n" + k_physical + "\r\n");
        REQUIRE(d.lines.size() == 3);
        CHECK(d.lines[0].text == k_prompt);
        CHECK(d.lines[1].text.empty());
        CHECK(d.lines[2].text == k_physical);
        CHECK(d.lines[2].number == 3);
    }
    SUBCASE("a lone CR (old Mac editors, some web forms) ends a line") {
        auto const d = decode_all(k_prompt + "\r" + k_physical + "\r" + "\r");
        REQUIRE(d.lines.size() == 3);
        CHECK(d.lines[1].text == k_physical);
        CHECK(d.lines[2].text.empty());
    }
    SUBCASE("mixed ends in one file keep their numbers") {
        auto const d = decode_all("a\nb\r\nc\rd");
        REQUIRE(d.lines.size() == 4);
        CHECK(d.lines[3].text == "d");
        CHECK(d.lines[3].number == 4);
    }
    SUBCASE("a CRLF split across the 64 KB read chunks is one line end") {
        std::string const first(65535, 'x');
        auto const d = decode_all(first + "\r\n" + k_prompt + "\n");
        REQUIRE(d.lines.size() == 2);
        CHECK(d.lines[0].text.size() == first.size());
        CHECK(d.lines[1].text == k_prompt);
        CHECK(d.lines[1].number == 2);
    }
}

TEST_CASE("Latin-1 and mixed encodings, decided line by line") {
    SUBCASE("a Windows-1252 line: smart quotes and NBSP become ASCII") {
        // acceptance/seed002-vista-np.log:19 as an ANSI tool saved it
        std::string const ansi =
            " SaSc    20281    14820     5461  1048512  UNKNOWN pooltag \x91SaSc\x92, please update pooltag.txt";
        auto const d = decode_all(ansi + "\n" + "\xA0Physical Memory:\n");
        REQUIRE(d.lines.size() == 2);
        CHECK(d.lines[0].text == k_sasc_plain);
        CHECK(d.lines[1].text == " Physical Memory:");
        CHECK(d.encoding == "latin-1");
    }
    SUBCASE("UTF-8 and Latin-1 lines in one file both decode") {
        // corpus/lm/011.txt: the (c) sign once as UTF-8, once as Latin-1
        auto const d = decode_all("    LegalCopyright:   \xC2\xA9 Microsoft\n"
                                  "    LegalCopyright:   \xA9 Microsoft\n");
        REQUIRE(d.lines.size() == 2);
        CHECK(d.lines[0].text == "    LegalCopyright:   \u00A9 Microsoft");
        CHECK(d.lines[1].text == d.lines[0].text);
    }
    SUBCASE("a truncated UTF-8 sequence at the line end makes that line Latin-1") {
        auto const d = decode_all("Image path: C:\\x\xE4\n");
        REQUIRE(d.lines.size() == 1);
        CHECK(d.lines[0].text == "Image path: C:\\x\u00E4");
    }
}

TEST_CASE("Unicode blanks and typographic punctuation become plain ASCII") {
    SUBCASE("NBSP padding from a web page (acceptance/seed002-nonpaged-ddk.log:5)") {
        std::string const nbsp = "\u00A0 \u00A0 \u00A0 \u00A0 \u00A0 \u00A0 Physical Memory:\u00A0 \u00A0 "
                                 "\u00A0 \u00A0 \u00A0 851775 (\u00A0 \u00A0 3407100 Kb)";
        auto const d = decode_all(nbsp + "\n");
        REQUIRE(d.lines.size() == 1);
        CHECK(d.lines[0].text == "            Physical Memory:" + std::string(10, ' ') + "851775 (    3407100 Kb)");
    }
    SUBCASE("smart quotes in a !poolused description") {
        CHECK(decode_all(k_sasc_utf8).lines.at(0).text == k_sasc_plain);
    }
    SUBCASE("corpus/session/002.txt:5: right double quote and double prime") {
        CHECK(normalize_utf8("Machine Name:\u201DVMOA2024974-01\u2033  ") ==
              "Machine Name:\"VMOA2024974-01\"  ");
    }
    SUBCASE("other blanks, dashes, zero-width characters") {
        CHECK(normalize_utf8("Tot:\u2007\u3000x\u200By\u2013z\u2026") == "Tot:  xy-z...");
    }
    SUBCASE("an NBSP at the line end, and a C2 byte that is not one (then the line is Latin-1)") {
        CHECK(normalize_utf8("Commit:\u00A0") == "Commit: ");
        auto const d = decode_all("Commit:\u00A0\nCommit:\xC2\nA\xC2\xA0\xE4\n");
        REQUIRE(d.lines.size() == 3);
        CHECK(d.lines[0].text == "Commit: ");
        CHECK(d.lines[1].text == "Commit:\u00C2");
        CHECK(d.lines[2].text == "A\u00C2 \u00E4");  // Latin-1: C2 is A-circumflex, A0 an NBSP
        CHECK(d.encoding == "latin-1");
    }
    SUBCASE("tabs stay (corpus/handle/007.txt uses them between columns)") {
        CHECK(normalize_utf8("Event          \t8") == "Event          \t8");
    }
}

TEST_CASE("bytes that are not text never reach a grammar as text") {
    SUBCASE("NUL bytes inside a !poolused row become U+FFFD; NUL padding at the end goes") {
        std::string row(" Ddk   9074558  3859522\0 5215036", 32);
        auto const d = decode_all(row + "\n" + std::string(100, '\0'));
        REQUIRE(d.lines.size() == 2);
        CHECK(d.lines[0].text == " Ddk   9074558  3859522\xEF\xBF\xBD 5215036");
        CHECK(d.lines[1].text.empty());
    }
    SUBCASE("terminal colour sequences are dropped") {
        CHECK(normalize_utf8("\x1B[1;31m0: kd>\x1B[0m !vm") == "0: kd> !vm");
    }
    SUBCASE("other control characters become U+FFFD, form feed a blank") {
        CHECK(normalize_utf8("a\x01" "b\fc\x7F") == "a\xEF\xBF\xBD" "b c\xEF\xBF\xBD");
    }
    SUBCASE("bytes that are neither UTF-8 nor C0-free stay one line each") {
        auto const d = decode_all(std::string("\xFF\xFF\x00\x80\n\x81", 6));
        REQUIRE(d.lines.size() == 2);
        CHECK(d.lines[1].text == "\xEF\xBF\xBD");  // 0x81 is undefined in Windows-1252
    }
}

TEST_CASE("a huge line stays bounded") {
    SUBCASE("a 3 MB line is cut at k_max_line_bytes and flagged; the next line is intact") {
        std::string big(3u << 20, 'A');
        auto const d = decode_all(big + "\r\n" + k_prompt + "\n");
        REQUIRE(d.lines.size() == 2);
        CHECK(d.lines[0].truncated);
        CHECK(d.lines[0].text.size() == k_max_line_bytes);
        CHECK_FALSE(d.lines[1].truncated);
        CHECK(d.lines[1].text == k_prompt);
        CHECK(d.lines[1].number == 2);
    }
    SUBCASE("the same in UTF-16LE") {
        std::string big(3u << 20, 'A');
        auto const d = decode_all(to_utf16(big + "\r\n" + k_prompt, true));
        REQUIRE(d.lines.size() == 2);
        CHECK(d.lines[0].truncated);
        CHECK(d.lines[0].text.size() == k_max_line_bytes);
        CHECK(d.lines[1].text == k_prompt);
    }
}

// The decoder finds a line's end, whether it is plain ASCII and its marks in one pass (sixteen
// bytes a step where SSE2 is there): it must give what the slow way gives, normalize_utf8 of
// the line's bytes and marks_of that text, wherever in a step the marks and the end fall.
TEST_CASE("the one-pass line scan gives what the slow way gives") {
    std::vector<std::string> const lines = {
        " # Child-SP          RetAddr               Call Site",  // corpus/pool/003.txt:19
        "*** CacheSize too low - increasing to 81 MB",           // corpus/series/pool-002-fmsl-x4.log:4
        "\\*\\*\\* Virtual Memory Usage \\*\\*\\*  ",           // corpus/series/002-two-hours-later.txt:36
        "0:000&gt; !heap -s<br>",                                // corpus/heap/014.txt:1
        "&nbsp;Heap &nbsp; &nbsp; Flags &nbsp; Reserv &nbsp;Commit",  // corpus/heap/014.txt:2
        "        Directory Object: 00000000  Name: \\Device\\HarddiskVolume4\\$Extend {clfs}",  // corpus/handle/013.txt:8
        "    // 0:000> !handle 274 ff Event",                    // corpus/handle/019.txt:1
        "Machine Name:\u201DVMOA2024974-01\u2033  ",            // corpus/session/002.txt:5
        "\u00A0 \u00A0 Physical Memory:\u00A0 \u00A0 786299\u00A0 ( 3145196 Kb)",
        k_sasc_utf8,
        "Event          \t8 / 9",
        "\x1B[1;31m0: kd>\x1B[0m !vm #",
        "a\x01" "b\fc\x7F*",
        "C:\\x\xE4 <not utf-8>",
        "",
    };
    for (std::size_t pad = 0; pad < 40; ++pad) {
        for (auto const& line : lines) {
            std::string const text = std::string(pad, ' ') + line;
            std::string const expected = normalize_utf8(text);
            bool const utf8 = line.find('\xE4') == std::string::npos;
            for (std::string_view const end : {"\n", "\r\n", "\r", ""}) {
                if (text.empty() && end.empty()) {
                    continue;  // no bytes, no line
                }
                // No line end: the input ends with the line.
                std::istringstream in(end.empty() ? text : text + std::string(end) + "next /line\n");
                Decoder decoder(in);
                Line got;
                Marks marks = 0xFF;
                REQUIRE(decoder.next(got, marks));
                if (utf8) {
                    CHECK(got.text == expected);
                }
                CHECK(marks == marks_of(got.text));
                if (!end.empty()) {
                    REQUIRE(decoder.next(got, marks));
                    CHECK(got.text == "next /line");
                    CHECK(marks == k_slash);
                }
            }
        }
    }
    SUBCASE("a line across the 64 KiB read chunk, marks on both sides") {
        std::string const head(65536 - 10, 'x');
        std::istringstream in(head + "<b>\u00A0" + "ab\\cd*ef\r\nz#\n");
        Decoder decoder(in);
        Line got;
        Marks marks = 0;
        REQUIRE(decoder.next(got, marks));
        CHECK(got.text == head + "<b> ab\\cd*ef");
        CHECK(marks == (k_lt | k_backslash | k_star));
        REQUIRE(decoder.next(got, marks));
        CHECK(got.text == "z#");
        CHECK(marks == k_hash);
    }
    SUBCASE("UTF-16: the marks of the decoded text") {
        std::istringstream in(to_utf16("0: kd> !poolfind Ddk # <x>\r\n", true));
        Decoder decoder(in);
        Line got;
        Marks marks = 0;
        REQUIRE(decoder.next(got, marks));
        CHECK(got.text == "0: kd> !poolfind Ddk # <x>");
        CHECK(marks == (k_hash | k_lt));
    }
}

TEST_CASE("a line made plain has the scan's marks, less those of the terminal sequences it lost") {
    // Decoder::next_made_plain takes the marks the scan found in the raw bytes: making a line
    // plain changes no mark byte, but a colour sequence goes whole, with any mark bytes inside.
    // Not the first line: the first is read by next_other, which asks marks_of.
    struct Case {
        std::string line;
        std::string text;
        Marks marks;
    };
    std::vector<Case> const cases = {
        {"\x1B[<1;2*/&m0: kd>\x1B[#\\ !vm", "0: kd> !vm", 0},
        {"\x1B[<1m\u00A0#x", " #x", k_hash},
        {"\u2018a/b\u2019 <c>", "'a/b' <c>", k_slash | k_lt},
        {"C:\\x\xE4 *", "C:\\x\u00E4 *", k_backslash | k_star},  // Latin-1: made twice
    };
    for (auto const& c : cases) {
        for (std::string_view const end : {"\n", "\r\n"}) {
            CAPTURE(c.line);
            std::istringstream in("0: kd> !vm\n" + c.line + std::string(end));
            Decoder decoder(in);
            Line got;
            Marks marks = 0xFF;
            REQUIRE(decoder.next(got, marks));
            REQUIRE(decoder.next(got, marks));
            CHECK(got.text == c.text);
            CHECK(marks == c.marks);
            CHECK(marks == marks_of(got.text));
        }
    }
}

TEST_CASE("plain lines taken inline (Decoder::next_plain) and the others agree at the chunk's edges") {
    // A plain ASCII line read whole in the 64 KiB chunk leaves by the inline path; one that
    // runs into the next chunk, or holds a byte to make plain, by next_other. Every line end
    // (LF, CRLF, CR) put at and around the chunk's last byte, a CRLF split by it, a line
    // that is not plain next to plain ones: the lines, numbers and marks stay what they are.
    constexpr std::size_t chunk = 65536;
    for (std::string_view const end : {"\n", "\r\n", "\r"}) {
        for (std::size_t back = 0; back <= 4; ++back) {
            std::string const first(chunk - back, 'a');
            std::string const input = first + std::string(end) + "  kd> !vm 4" + std::string(end) +
                                      "caf\xC3\xA9 /x" + std::string(end) + "# Child-SP" + std::string(end);
            std::istringstream in(input);
            Decoder decoder(in);
            std::vector<std::string> const expected{first, "  kd> !vm 4", "caf\xC3\xA9 /x", "# Child-SP"};
            Line got;
            Marks marks = 0xFF;
            for (std::size_t i = 0; i < expected.size(); ++i) {
                CAPTURE(back);
                CAPTURE(i);
                REQUIRE(decoder.next(got, marks));
                CHECK(got.text == expected[i]);
                CHECK(got.number == i + 1);
                CHECK_FALSE(got.truncated);
                CHECK(marks == marks_of(got.text));
            }
            CHECK_FALSE(decoder.next(got, marks));
        }
    }
}

namespace {

// Whether `s` is UTF-8 as the decoder takes it: no overlong form, no surrogate, nothing past
// U+10FFFF, no sequence cut short.
bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        auto const b = static_cast<unsigned char>(s[i]);
        std::size_t const len = b < 0x80 ? 1 : b >= 0xC2 && b <= 0xDF ? 2 : (b & 0xF0) == 0xE0 ? 3
                              : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
        if (len == 0 || len > s.size() - i) {
            return false;
        }
        auto const at = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
        for (std::size_t k = 1; k < len; ++k) {
            if ((at(k) & 0xC0) != 0x80) {
                return false;
            }
        }
        if ((b == 0xE0 && at(1) < 0xA0) || (b == 0xED && at(1) >= 0xA0) || (b == 0xF0 && at(1) < 0x90) ||
            (b == 0xF4 && at(1) >= 0x90)) {
            return false;
        }
        i += len;
    }
    return true;
}

// The lines of 8-bit input the slow way: split at LF, CRLF and CR, each made plain as UTF-8
// or, when it is not UTF-8, as Windows-1252.
std::vector<std::string> lines_the_slow_way(std::string_view bytes) {
    std::vector<std::string> lines;
    while (!bytes.empty()) {
        auto const end = std::min(bytes.find_first_of("\r\n"), bytes.size());
        auto const line = bytes.substr(0, end);
        lines.push_back(normalize_utf8(valid_utf8(line) ? std::string(line) : latin1_to_utf8(line)));
        bytes.remove_prefix(end);
        bytes.remove_prefix(bytes.starts_with("\r\n") ? 2 : bytes.empty() ? 0 : 1);
    }
    return lines;
}

} // namespace

// The decoder reads lines from 64-byte words of bit masks (line_scan.hpp): a line end on a
// word's first or last byte, a CRLF split by two words, a line over several words, a line cut
// by the 64 KiB refill, each with a mark or a byte to make plain at its edges.
TEST_CASE("lines around the scan's 64-byte words and the chunk's refill decode as the slow way") {
    for (std::size_t shift = 0; shift < 70; ++shift) {
        std::string input(shift, 'x');
        input += "\n";
        for (std::size_t i = 0; input.size() < 65536 + 300; ++i) {
            std::size_t const length = (i * 37 + shift) % 140;
            std::string line(length, 'a');
            if (length > 2) {
                line[i % length] = i % 3 == 0 ? '/' : i % 3 == 1 ? '*' : '\x01';
                line[length - 1] = i % 5 == 0 ? '#' : 'z';
            }
            if (length > 4 && i % 7 == 0) {
                line.replace(1, 2, "\xC3\xA9");
            }
            input += line;
            input += i % 3 == 0 ? "\r\n" : i % 3 == 1 ? "\n" : "\r";
        }
        CAPTURE(shift);
        auto const d = decode_all(input);
        auto const expected = lines_the_slow_way(input);
        REQUIRE(d.lines.size() == expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            CAPTURE(i);
            CHECK(d.lines[i].text == expected[i]);
            CHECK(d.lines[i].number == i + 1);
            CHECK(d.marks[i] == marks_of(d.lines[i].text));
        }
    }
}

TEST_CASE("every corpus line, LF or CRLF, decodes as the slow way makes it plain") {
    // Lines found whole in the read chunk with bytes to make plain (NBSPs, typographic
    // quotes, UTF-8 text, Latin-1 bytes, tabs, control characters) are made plain from the
    // chunk itself (Decoder::next_made_plain); the slow way splits the file first. Their
    // marks come from the scan of the raw bytes, not from the text made: marks_of that text.
    std::size_t files = 0, non_ascii = 0;
    for (auto const& text : dbgsift::test::texts_under(CORPUS_DIR)) {
        std::string_view const bom = std::string_view(text).starts_with("\xEF\xBB\xBF") ? "\xEF\xBB\xBF" : "";
        std::string_view const body = std::string_view(text).substr(bom.size());
        std::string crlf;
        for (char const c : body) {
            crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
        }
        for (std::string_view const bytes : {body, std::string_view(crlf)}) {
            auto const d = decode_all(std::string(bom) + std::string(bytes));
            if (d.encoding.starts_with("utf-16")) {
                continue;
            }
            ++files;
            for (char const c : bytes) {
                non_ascii += static_cast<unsigned char>(c) >= 0x80 ? 1 : 0;
            }
            auto const expected = lines_the_slow_way(bytes);
            REQUIRE(d.lines.size() == expected.size());
            for (std::size_t i = 0; i < expected.size(); ++i) {
                CAPTURE(i + 1);
                CHECK(d.lines[i].text == expected[i]);
                CHECK(d.lines[i].number == i + 1);
                CHECK(d.marks[i] == marks_of(d.lines[i].text));
            }
        }
    }
    CHECK(files > 100);
    CHECK(non_ascii > 1000);
}

// Where the processor has AVX2 the decoder classifies each chunk once into bit masks
// (line_scan.hpp) and reads each line from them, elsewhere it scans each line with SSE2: both
// must find the same end and the same classes from every start, whatever bytes a 64-byte word
// holds and wherever the input stops.
namespace {
// `text` as a chunk of its own, as the decoder's buffer holds one: the bytes read, then stale
// bytes (line ends here, the worst case) up to the next whole word, which classify reads and
// must mask off. Allocated to exactly that size, so that ASan catches a read past it.
struct MaskedChunk {
    std::vector<char> bytes;  // its allocation exactly this long
    detail::ChunkMasks masks;
    explicit MaskedChunk(std::string_view text)
        : bytes(64 * std::max<std::size_t>(text.size() / 64 + (text.size() % 64 != 0), 1), '\n') {
        std::copy(text.begin(), text.end(), bytes.begin());
        masks.classify(bytes.data(), text.size());
    }
    char const* data() const { return bytes.data(); }
};
} // namespace

TEST_CASE("the chunk masks find what the SSE2 line scan finds, on every corpus file and every byte") {
    using detail::scan_line_sse2;
    if (!detail::avx2_supported()) {
        MESSAGE("no AVX2 here: the decoder takes the SSE2 scan only");
        return;
    }
    std::size_t starts = 0, differ = 0;
    // From `from` in `chunk` (the bytes [0, to) of `bytes`, starting at bytes[base]).
    auto const compare = [&](std::string_view bytes, MaskedChunk const& chunk, std::size_t base, std::size_t from,
                             std::size_t to) {
        std::uint8_t slow = 0, fast = 0;
        char const* const slow_end = scan_line_sse2(bytes.data() + from, bytes.data() + to, slow);
        std::size_t const fast_end = base + chunk.masks.line_end(chunk.data(), from - base, fast);
        ++starts;
        if (static_cast<std::size_t>(slow_end - bytes.data()) != fast_end || slow != fast) {
            ++differ;
            CAPTURE(from);
            CAPTURE(to);
            CHECK(static_cast<std::size_t>(slow_end - bytes.data()) == fast_end);
            CHECK(int(slow) == int(fast));
        }
    };
    auto const compare_all = [&](std::string_view bytes, std::size_t from) {
        compare(bytes, MaskedChunk(bytes), 0, from, bytes.size());
    };
    SUBCASE("every corpus file, from every byte to its end and to the end of its line") {
        std::size_t files = 0;
        for (auto const& path : dbgsift::test::paths_under(CORPUS_DIR)) {
            std::string const bytes = dbgsift::test::slurp(path);
            ++files;
            auto const before = differ;
            MaskedChunk const whole(bytes);
            for (std::size_t from = 0; from < bytes.size(); ++from) {
                compare(bytes, whole, 0, from, bytes.size());
                // The same start with the chunk cut short after 0..40 more bytes.
                std::size_t const to = std::min(bytes.size(), from + from % 41);
                compare(bytes, MaskedChunk(std::string_view(bytes).substr(from, to - from)), from, from, to);
            }
            if (differ != before) {
                CAPTURE(path.string());
                CHECK(differ == before);
            }
        }
        CHECK(files > 100);
    }
    SUBCASE("each of the 256 byte values at each place of a 64-byte run") {
        for (int value = 0; value < 256; ++value) {
            for (std::size_t at = 0; at < 64; ++at) {
                std::string bytes(80, 'x');
                bytes[at] = static_cast<char>(value);
                bytes[70] = '\n';
                compare_all(bytes, 0);
                compare_all(bytes, at);
                bytes[at + 1] = '*';  // a mark behind it: after an end it must not count
                compare_all(bytes, 0);
            }
        }
    }
    SUBCASE("lines of two-byte characters over several words, a mark or a control byte among them") {
        // Only the marks are looked up byte by byte: the bytes not plain, here most of a line,
        // are told by a mask of their own, which must still say so of a line holding one.
        for (std::size_t length = 1; length < 150; length += 7) {
            std::string cyrillic;
            while (cyrillic.size() < length) {
                cyrillic += "п";  // п
            }
            for (std::size_t at = 0; at < cyrillic.size(); at += 3) {
                for (char const odd : {'*', '/', '\\', '\x01', 'x'}) {
                    std::string bytes = std::string(at % 64, 'a') + cyrillic + "\n" + std::string(70, 'b');
                    bytes[at % 64 + at] = odd;
                    compare_all(bytes, 0);
                    compare_all(bytes, at % 64);
                    compare_all(std::string(at % 64, 'a') + "plain" + odd + "\n" + cyrillic, 0);
                }
            }
        }
    }
    CHECK(differ == 0);
    CHECK(starts > 0);
}

// normalize_utf8 copies characters it keeps as they are and tells by their lead byte
// (U+00C0-U+07FF, U+4000-U+CFFF, U+E000-U+EFFF) in a run of their own: each such character is
// kept, a sequence cut short or broken by any byte is not taken for one, and the characters
// just outside those ranges are made plain as before.
TEST_CASE("normalize_utf8 keeps runs of letters of other scripts and CJK as they are") {
    std::string all;
    for (std::uint32_t cp : {0xC0u, 0x43Fu, 0x7FFu, 0x4000u, 0x4E2Du, 0x9FFFu, 0xCFFFu, 0xE000u, 0xEFFFu}) {
        std::string one;
        append_utf8(one, cp);
        CAPTURE(cp);
        CHECK(normalize_utf8(one) == one);
        all += one;
    }
    CHECK(normalize_utf8(all + "ab" + all) == all + "ab" + all);
    std::string const fffd = "\xEF\xBF\xBD";
    // A lead byte with too few bytes behind it or a byte that does not continue it.
    CHECK(normalize_utf8("\xD0") == fffd);
    CHECK(normalize_utf8("\u043f\xD0") == "\u043f" + fffd);
    CHECK(normalize_utf8("\xD0" "A\u043f") == fffd + "A\u043f");
    CHECK(normalize_utf8("\u043f\xE4\xB8") == "\u043f" + fffd + fffd);
    CHECK(normalize_utf8("\xE4\xB8" "A") == fffd + fffd + "A");
    CHECK(normalize_utf8("\xE4\xB8\xC0\u043f") == fffd + fffd + fffd + "\u043f");
    // Just outside the ranges: what plain_for and the C1 rule make of them, as ever.
    CHECK(normalize_utf8("\u043f\u00A0\u00AB\u0085\u2019\u3000\uFEFF\u043f") == "\u043f \"" + fffd + "' \u043f");
    CHECK(normalize_utf8("\xED\xA0\x80") == fffd + fffd + fffd);  // a surrogate is no character
    // Lead bytes E0 and E1, next to the three-byte range's: an overlong form, and U+1680 (a
    // blank plain_for makes a space).
    CHECK(normalize_utf8("\u043f\xE0\x80\x80") == "\u043f" + fffd + fffd + fffd);
    CHECK(normalize_utf8("\u043f\u1680\u043f") == "\u043f \u043f");
}

// Every code point of the ranges copy_kept_run copies must come out as it went in: a case
// plain_for gains inside one of them fails here. (A static_assert over the ranges
// exceeds clang's constant-evaluation step limit: 43K code points.)
TEST_CASE("normalize_utf8 keeps every code point of the ranges it copies by their lead byte") {
    // Not a structured binding: clang 14 cannot capture one in CAPTURE's lambda.
    for (auto const& range : {std::pair{0xC0u, 0x7FFu}, std::pair{0x4000u, 0xCFFFu}, std::pair{0xE000u, 0xEFFFu}}) {
        auto const from = range.first;
        std::string all;
        std::size_t changed = 0;
        for (std::uint32_t cp = from; cp <= range.second; ++cp) {
            std::string one;
            append_utf8(one, cp);
            changed += normalize_utf8(one) != one;
            all += one;
        }
        CAPTURE(from);
        CHECK(changed == 0);
        CHECK(normalize_utf8(all) == all);
    }
}

// normalize_utf8 copies runs of printable ASCII sixteen bytes at a time, into room it makes up
// front: whatever the length of the runs around it, a character that is not plain ASCII must
// come out as it does alone, and the runs unchanged.
TEST_CASE("normalize_utf8 gives the same around a character whatever the runs around it") {
    std::vector<std::string> const specials = {
        "\u00A0", "\t", "\x01", "\f", "\u2019", "\u2026", "\u200B", "\xE4", "\xC2", "\x1B[1;31m",
        "\x1B", "\x7F", "\u4ece", "\U0001F600", "\xC2\x85", "\xA0\xA0\xA0"};
    for (auto const& special : specials) {
        std::string const alone = normalize_utf8(special);
        for (std::size_t before = 0; before < 40; ++before) {
            for (std::size_t after = 0; after < 40; after += 3) {
                std::string const head(before, 'a'), tail(after, '/');
                CAPTURE(special);
                CAPTURE(before);
                CAPTURE(after);
                CHECK(normalize_utf8(head + special + tail) == head + alone + tail);
                CHECK(normalize_utf8(head + special + special + tail + std::string(3, '\0')) ==
                      head + alone + alone + tail);
            }
        }
    }
    // Lines with NBSPs are taken sixteen bytes a step while the step holds only printable
    // ASCII and whole NBSPs: any other byte, at any place in a step or cut by its end, gives
    // what the line gives with each NBSP already a space.
    for (auto const& special : specials) {
        for (std::size_t before = 0; before < 24; ++before) {
            for (std::size_t run = 1; run < 12; run += 2) {
                std::string nbsps;
                for (std::size_t k = 0; k < run; ++k) {
                    nbsps += k % 3 == 2 ? "\u00A0  " : "\u00A0 ";
                }
                std::string const text = nbsps + std::string(before, 'a') + special + nbsps + "x /\u00A0" + nbsps;
                std::string spaced;
                for (std::size_t k = 0; k < text.size(); ++k) {
                    bool const nbsp = text.compare(k, 2, "\u00A0") == 0;
                    spaced += nbsp ? ' ' : text[k];
                    k += nbsp ? 1 : 0;
                }
                CAPTURE(text);
                CHECK(normalize_utf8(text) == normalize_utf8(spaced));
            }
        }
    }
    // corpus/acceptance/seed002-nonpaged-ddk.log:5 as the page has it: an NBSP every other byte.
    CHECK(normalize_utf8("\u00A0 \u00A0 \u00A0 \u00A0 \u00A0 \u00A0  Physical Memory:\u00A0 \u00A0 \u00A0 \u00A0 \u00A0  "
                         "851775 (\u00A0 \u00A0  3407100 Kb)") ==
          "             Physical Memory:           851775 (     3407100 Kb)");
}

// An AVX2 machine takes NBSP lines by take_nbsp_steps_packed alone: take_nbsp_steps, what
// any other runs, is run here too (detail::normalize_utf8_by). Both must give what making
// plain says one character at a time: an NBSP is a space, a lone 0xC2 U+FFFD.
TEST_CASE("both NBSP steps, packed and SSE2, give each NBSP as a space at every place and line length") {
    // Which characters of a line are NBSPs: one at a time at each place, and every one, every
    // second and every third from each of their offsets.
    std::vector<std::pair<std::size_t, std::size_t>> const patterns = {
        {1, 0}, {2, 0}, {2, 1}, {3, 0}, {3, 1}, {3, 2}};
    for (std::size_t length = 0; length <= 70; ++length) {
        std::vector<std::vector<bool>> placements;
        for (std::size_t at = 0; at < length; ++at) {
            std::vector<bool> one(length, false);
            one[at] = true;
            placements.push_back(one);
        }
        for (auto const& [every, offset] : patterns) {
            std::vector<bool> many(length, false);
            for (std::size_t k = offset; k < length; k += every) {
                many[k] = true;
            }
            placements.push_back(many);
        }
        for (auto const& nbsp_at : placements) {
            for (bool const lone_lead : {false, true}) {
                std::string line, plain;
                for (std::size_t k = 0; k < length; ++k) {
                    char const c = static_cast<char>('!' + k % 90);
                    line += nbsp_at[k] ? std::string("\xC2\xA0") : std::string(1, c);
                    plain += nbsp_at[k] ? ' ' : c;
                }
                if (lone_lead) {
                    line += '\xC2';
                    plain += "\xEF\xBF\xBD";
                }
                CAPTURE(line);
                CHECK(detail::normalize_utf8_by(line, false) == plain);
                CHECK(detail::normalize_utf8_by(line, true) == plain);
            }
        }
    }
}

} // TEST_SUITE
