// SPDX-License-Identifier: MIT
// The undresser on transcripts as web pages, wikis, mail and markdown published them
// (corpus/ files cited are those of shared/corpus; line numbers are the file's).
#include "text_support.hpp"
#include "support/files.hpp"
#include "dbgsift/text/trim.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace dbgsift::text;
using dbgsift::text::test::undress_all;

namespace {

std::vector<std::string> texts(std::vector<Line> const& lines) {
    std::vector<std::string> out;
    for (auto const& line : lines) {
        out.push_back(line.text);
    }
    return out;
}

std::vector<std::uint32_t> numbers(std::vector<Line> const& lines) {
    std::vector<std::uint32_t> out;
    for (auto const& line : lines) {
        out.push_back(line.number);
    }
    return out;
}

using Texts = std::vector<std::string>;
using Numbers = std::vector<std::uint32_t>;

} // namespace

TEST_SUITE("undress") {

TEST_CASE("HTML: entities, <br> and tags") {
    SUBCASE("corpus/heap/014.txt:1-8: raw HTML source of an XP !heap -s") {
        auto const lines = undress_all(
            "0:000&gt; !heap -s<br>\n"
            "&nbsp;Heap &nbsp; &nbsp; Flags &nbsp; Reserv &nbsp;Commit\n"
            "<br>\n"
            "&nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp;(k) &nbsp; &nbsp; (k)\n"
            "<br>\n"
            "-----------------------------------------------------------------------------<br>\n"
            "00150000 00000002 &nbsp; 16384 &nbsp;16352 &nbsp;16352 &nbsp; &nbsp; &nbsp;2 &nbsp; &nbsp; 0 &nbsp; &nbsp; 1 &nbsp; &nbsp;0 &nbsp; &nbsp; &nbsp;0 &nbsp; L &nbsp;<br>\n"
            "00250000 00008000 &nbsp; &nbsp; &nbsp;64 &nbsp; &nbsp; 12 &nbsp; &nbsp; 12 &nbsp; &nbsp; 10<br>\n");
        CHECK(texts(lines) ==
              Texts{"0:000> !heap -s",
                    " Heap     Flags   Reserv  Commit",
                    "                   (k)     (k)",
                    "-----------------------------------------------------------------------------",
                    "00150000 00000002   16384  16352  16352      2     0     1    0      0   L  ",
                    "00250000 00008000      64     12     12     10"});
        // a <br> alone on its line becomes nothing; the others keep their own numbers
        CHECK(numbers(lines) == Numbers{1, 2, 4, 6, 7, 8});
    }
    SUBCASE("<br>, <br/>, <br /> split one line; the pieces keep its number") {
        auto const lines = undress_all("\n0: kd> !vm<br/>*** Virtual Memory Usage ***<BR />"
                                       "Physical Memory:     16270   (   65080 Kb)<br>\n");
        CHECK(texts(lines) == Texts{"", "0: kd> !vm", "*** Virtual Memory Usage ***",
                                    "Physical Memory:     16270   (   65080 Kb)"});
        CHECK(numbers(lines) == Numbers{1, 2, 2, 2});
    }
    SUBCASE("two <br> in a row leave a blank line between the pieces") {
        CHECK(texts(undress_all("a<br><br>b\n")) == Texts{"a", "", "b"});
    }
    SUBCASE("corpus/lm/006.txt:1: an HTML-escaped prompt") {
        CHECK(texts(undress_all("0:045&gt; lmvm SBH\n")) == Texts{"0:045> lmvm SBH"});
    }
    SUBCASE("numeric entities, quotes, ampersand") {
        CHECK(texts(undress_all("UNKNOWN pooltag &#39;Ddk &#x27;, &quot;a&amp;b&quot;&#160;&lt;x&gt;\n")) ==
              Texts{"UNKNOWN pooltag 'Ddk ', \"a&b\" <x>"});
    }
    SUBCASE("an unknown or unterminated entity is text") {
        CHECK(texts(undress_all("R&D &foo; &#; &#xZZ; &amp\n")) == Texts{"R&D &foo; &#; &#xZZ; &amp"});
    }
    SUBCASE("corpus/lm/008.txt:7: inline highlight tags inside a module row") {
        auto const lines = undress_all(
            "<span style=\"color:#cd0000;\"><b>76190000</b></span> 763a3000   KERNELBASE   (pdb symbols)\n");
        CHECK(texts(lines) == Texts{"76190000 763a3000   KERNELBASE   (pdb symbols)"});
    }
    SUBCASE("corpus/heap/016.txt:4: an HTML table becomes one row per line") {
        auto const lines = undress_all(
            "<table><tr><td>Heap Address</td><td>Signature</td></tr><tr><td>2531eb90000</td>"
            "<td>ddeeddee</td><td>8276</td><td>6832</td></tr></table>\n");
        CHECK(texts(lines) == Texts{"  Heap Address    Signature  ",
                                    "  2531eb90000    ddeeddee    8276    6832  "});
        CHECK(numbers(lines) == Numbers{1, 1});
    }
    SUBCASE("debugger text in angle brackets stays, even in an HTML file") {
        auto const lines = undress_all("&nbsp;Name         <none><br>\n"
                                       "HandleCount: <Data Not Accessible><br>\n"
                                       "   7de15000 ( 2062420) : 98.35%   : <free>\n");
        CHECK(texts(lines) == Texts{" Name         <none>", "HandleCount: <Data Not Accessible>",
                                    "   7de15000 ( 2062420) : 98.35%   : <free>"});
    }
    SUBCASE("without evidence of HTML an inline tag is left alone") {
        CHECK(texts(undress_all("Foo<b> bar\n")) == Texts{"Foo<b> bar"});
    }
    SUBCASE("the evidence may come later in the window (a <pre> line before any <br>)") {
        auto const lines = undress_all("<code>0: kd> lm</code>\nstart    end        module name<br>\n");
        CHECK(texts(lines) == Texts{"0: kd> lm", "start    end        module name"});
    }
    SUBCASE("debugger text in angle brackets reads no lines ahead; a known tag still waits for the evidence") {
        std::string input = "Name <none> <Unloaded_x.dll>\nFoo<b> bar\n";
        for (int i = 0; i < 200; ++i) {
            input += "row <free>\n";
        }
        input += "last<br>\n";
        auto const lines = undress_all(input);
        REQUIRE(lines.size() == 203);
        CHECK(lines[0].text == "Name <none> <Unloaded_x.dll>");
        CHECK(lines[1].text == "Foo bar");
        CHECK(lines[2].text == "row <free>");
        CHECK(lines[202].text == "last");
    }
}

TEST_CASE("markdown") {
    SUBCASE("corpus/session/002.txt:36,51,4: backslash escapes") {
        auto const lines = undress_all(
            "Built by: 7601.24231.amd64fre.win7sp1\\_ldr.180810-0600  \n"
            "\\*\\*\\* Virtual Memory Usage \\*\\*\\*  \n"
            "Page File: \\??\\C:\\pagefile.sys  \n"
            "\\*\\*\\*\\*\\*\\*\\*\\*\\*\\* Excessive NonPaged Pool Usage \\*\\*\\*\\*\\*  \n");
        CHECK(texts(lines) == Texts{"Built by: 7601.24231.amd64fre.win7sp1_ldr.180810-0600  ",
                                    "*** Virtual Memory Usage ***  ",
                                    "Page File: \\??\\C:\\pagefile.sys  ",
                                    "********** Excessive NonPaged Pool Usage *****  "});
    }
    SUBCASE("without \\* \\< \\> \\| \\` nothing proves markdown: a path's \\_ stays") {
        CHECK(texts(undress_all("ImagePath: C:\\_work\\x.sys\n")) == Texts{"ImagePath: C:\\_work\\x.sys"});
    }
    SUBCASE("corpus/heap/026.txt: escaped marks and no path prove markdown") {
        auto const lines = undress_all("\\_HEAP 00360000\n"
                                       "      HEAP\\_ENTRY Size Prev Flags    UserPtr UserSize - state\n"
                                       "        037f0018 1fffc fffc  \\[00\\]   037f0020    fffe0 - (busy VirtualAlloc)\n");
        CHECK(texts(lines) == Texts{"_HEAP 00360000", "      HEAP_ENTRY Size Prev Flags    UserPtr UserSize - state",
                                    "        037f0018 1fffc fffc  [00]   037f0020    fffe0 - (busy VirtualAlloc)"});
        // corpus heap/025.txt:2,8 escaped as the same blog engine would: two "\_" and no path
        CHECK(texts(undress_all("\\_HEAP 003c0000\n\\_HEAP 003a0000\n")) == Texts{"_HEAP 003c0000", "_HEAP 003a0000"});
    }
    SUBCASE("escaped marks next to a path's backslashes are not markdown's") {
        CHECK(texts(undress_all("ImagePath: C:\\_work\\x.sys\n\\_HEAP 00360000\n\\_HEAP 003a0000\n")) ==
              Texts{"ImagePath: C:\\_work\\x.sys", "\\_HEAP 00360000", "\\_HEAP 003a0000"});
    }
    SUBCASE("corpus/vm/005.txt:2,5: doubled backslashes are halved") {
        auto const lines = undress_all("1: kd> !vm\nPage File: \\\\??\\\\C:\\\\pagefile.sys\n"
                                       "Page File: \\\\??\\\\C:\\\\swapfile.sys\n");
        CHECK(texts(lines) == Texts{"1: kd> !vm", "Page File: \\??\\C:\\pagefile.sys",
                                    "Page File: \\??\\C:\\swapfile.sys"});
    }
    SUBCASE("a real UNC path next to single backslashes is left alone") {
        auto const lines = undress_all("\\\\fileserver\\share\\x.dmp\nPage File: \\??\\C:\\pagefile.sys\n");
        CHECK(texts(lines) == Texts{"\\\\fileserver\\share\\x.dmp", "Page File: \\??\\C:\\pagefile.sys"});
    }
    SUBCASE("code fence lines go; the lines between keep their numbers") {
        auto const lines = undress_all("```bash\n0: kd> !vm\n```\n~~~\n{% highlight text %}\nkd> lm\n");
        CHECK(texts(lines) == Texts{"0: kd> !vm", "kd> lm"});
        CHECK(numbers(lines) == Numbers{2, 6});
    }
    SUBCASE("an indented fence, and a fence inside a quoted run (its start found after the prefix)") {
        auto const lines = undress_all("  ```\n0: kd> !vm\n> ```\n> kd> lm\n>   ~~~\n> x {%\n");
        CHECK(texts(lines) == Texts{"0: kd> !vm", "kd> lm", "x {%"});
        CHECK(numbers(lines) == Numbers{2, 4, 6});
    }
    SUBCASE("corpus/process/017.txt:1 and lm/017.txt:203: **bold** goes") {
        CHECK(texts(undress_all("kd> **!process 0 0 MsMpEng.exe**\n")) ==
              Texts{"kd> !process 0 0 MsMpEng.exe"});
        CHECK(texts(undress_all("**fffff802`68fa0000 fffff802`6b406000 nvlddmkm (deferred)**  \n")) ==
              Texts{"fffff802`68fa0000 fffff802`6b406000 nvlddmkm (deferred)  "});
    }
    SUBCASE("star banners are debugger text (corpus/poolused/002.txt:12)") {
        auto const lines = undress_all("*** Virtual Memory Usage ***\n"
                                       "** Transition PTEs are implicitly decoded\n"
                                       "********** Excessive Paged Pool Usage *****\n");
        CHECK(texts(lines) == Texts{"*** Virtual Memory Usage ***",
                                    "** Transition PTEs are implicitly decoded",
                                    "********** Excessive Paged Pool Usage *****"});
    }
}

TEST_CASE("bold spans: each one goes, star runs and unclosed pairs stay") {
    // The shape of corpus/process/017.txt:1 twice on a line, and pairs that open no span.
    CHECK(texts(undress_all("kd> **!process** 0 0 **MsMpEng.exe**\n")) == Texts{"kd> !process 0 0 MsMpEng.exe"});
    CHECK(texts(undress_all("**a****b**\n** a**\n**a *b**\n")) == Texts{"**a****b**", "** a**", "**a *b**"});
    // A star run is passed over whole (one step for a banner): a span after it still goes.
    CHECK(texts(undress_all("******** **!vm** ********\n***a**b**\n")) == Texts{"******** !vm ********", "***ab"});
}

TEST_CASE("markdown escapes: the text between backslashes is kept as it was") {
    // "\*" proves markdown; "\\" stays a pair, "\q" and a last lone backslash stay.
    CHECK(texts(undress_all("\\*\\* C:\\\\x \\q end\\\n")) == Texts{"** C:\\\\x \\q end\\"});
    // Doubled backslashes halved (the shape of corpus/vm/005.txt:2), a pair at either end too.
    CHECK(texts(undress_all("\\\\??\\\\C:\\\\pagefile.sys\\\\\nx\\\\y\n")) ==
          Texts{"\\??\\C:\\pagefile.sys\\", "x\\y"});
}

TEST_CASE("indent() is where each line handed out starts after its blanks, on every corpus line") {
    // The reader takes the first byte of a line from indent() instead of walking its blanks
    // again: it must be text::first_non_blank of the line, whether the line was handed out
    // whole or cut (a prefix, a note) or rewritten (bold, markdown's escapes).
    std::size_t lines = 0;
    for (auto const& path : dbgsift::test::paths_under(CORPUS_DIR)) {
        std::ifstream in(path, std::ios::binary);
        Decoder decoder(in);
        Undresser undresser(decoder);
        while (Line const* line = undresser.next()) {
            ++lines;
            if (undresser.indent() != first_non_blank(line->text)) {
                CAPTURE(path.string());
                CAPTURE(line->number);
                CHECK(undresser.indent() == first_non_blank(line->text));
            }
        }
    }
    CHECK(lines > 5000);
    auto const quoted = "> kd> **!vm**\n>     kb  // a note\n>   \\_HEAP 1\n>   \\[00\\] x\n";
    std::istringstream in(quoted);
    Decoder decoder(in);
    Undresser undresser(decoder);
    while (Line const* line = undresser.next()) {
        CHECK(undresser.indent() == first_non_blank(line->text));
    }
}

TEST_CASE("first_non_blank_wide gives first_non_blank on any text, sixteen bytes a step or not") {
    // The undresser measures each line's indentation with it (indent() above checks every
    // corpus line); here the edges: runs of blanks ending at or across 16-byte steps, tabs,
    // all-blank texts, none at all.
    std::vector<std::string> texts{"", " ", "\t", "x", "  kd> !vm", std::string(15, ' ') + "x",
                                   std::string(16, ' '), std::string(16, ' ') + "x",
                                   std::string(17, ' ') + "!", std::string(31, '\t'),
                                   std::string(32, ' ') + "fffff802`1c400000", std::string(40, ' '),
                                   " \t \t \t \t \t \t \t \t \t \t\xC2\xA0", "\x01 x"};
    for (std::size_t blanks = 0; blanks <= 40; ++blanks) {
        texts.push_back(std::string(blanks, ' ') + "Tag  NonPaged");
        texts.push_back(std::string(blanks, '\t'));
    }
    for (auto const& text : texts) {
        CAPTURE(text);
        CHECK(first_non_blank_wide(text) == first_non_blank(text));
    }
}

TEST_CASE("lines the inline next() hands out are those the window's way hands out, on ugly input") {
    // Undresser::next() hands a plain line read whole in the decoder's chunk out inline; any
    // other goes by next_other() or the window (a line with a mark, here a path's '/' or a
    // "#0" that undressing leaves as it is, and the line after it). Each kind of line end,
    // CRs and CRLFs at and across the 64 KiB chunk's edge, NBSPs, a line over two chunks, one
    // over 1 MiB, and the same text as UTF-16: every line, number, flag and indentation is what
    // the decoder alone gives and what the slow way below makes of the bytes.
    constexpr std::size_t chunk = 65536;
    auto const slow_way = [](std::string_view bytes) {
        std::vector<Line> lines;
        while (!bytes.empty()) {
            auto const end = std::min(bytes.find_first_of("\r\n"), bytes.size());
            Line line;
            line.number = static_cast<std::uint32_t>(lines.size() + 1);
            line.text = normalize_utf8(bytes.substr(0, std::min(end, k_max_line_bytes)));
            line.truncated = end > k_max_line_bytes;
            lines.push_back(line);
            bytes.remove_prefix(end);
            bytes.remove_prefix(bytes.starts_with("\r\n") ? 2 : bytes.empty() ? 0 : 1);
        }
        return lines;
    };
    std::vector<std::string> const rows{"  kd> !vm 4",
                                        "\xC2\xA0 Current:\xC2\xA0 \xC2\xA0 4193280Kb Free Space:\xC2\xA0 3407908Kb",
                                        "",
                                        "       Physical Memory:      851775 (   3407100 Kb)",
                                        "Page File: C:/pagefile.sys",
                                        "#0 fffff802`1c400000 nt!KeBugCheckEx",
                                        "   ",
                                        "caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D"};
    std::vector<std::string> inputs;
    for (std::string_view const end : {"\n", "\r\n", "\r"}) {
        for (std::size_t back = 0; back <= 3; ++back) {
            // Rows up to the chunk's edge, the row at it ending `back` bytes before the next
            // chunk's second byte (back 0: a CRLF split by the edge).
            std::string input;
            for (std::size_t i = 0; input.size() < chunk - 200; ++i) {
                input += rows[i % rows.size()];
                input += i % 5 == 0 ? "\r\n" : i % 7 == 0 ? "\r" : std::string(end);
            }
            input += std::string(chunk + 1 - back - input.size() - end.size(), 'z');
            input += end;
            for (std::size_t i = 0; i < 40; ++i) {
                input += rows[i % rows.size()] + std::string(end);
            }
            inputs.push_back(input);
        }
    }
    inputs.push_back(rows[0] + "\n" + std::string(chunk + 100, 'w') + "\r\n" + rows[1] + "\r" +
                     std::string(k_max_line_bytes + 5000, 'h') + "\r\n" + rows[4] + "\n" + rows[3]);
    std::size_t lines = 0;
    for (std::size_t k = 0; k < 2 * inputs.size(); ++k) {
        std::string const& utf8 = inputs[k % inputs.size()];
        bool const utf16 = k >= inputs.size();
        if (utf16 && utf8.size() > 2 * chunk) {
            continue;  // the huge line is read unit by unit: once, as UTF-8, is enough
        }
        std::string const bytes = utf16 ? dbgsift::text::test::to_utf16(utf8, true) : utf8;
        CAPTURE(k);
        auto const expected = slow_way(utf8);
        auto const decoded = dbgsift::text::test::decode_all(bytes);
        std::istringstream in(bytes);
        Decoder decoder(in);
        Undresser undresser(decoder);
        std::size_t i = 0;
        for (Line const* line = undresser.next(); line != nullptr; line = undresser.next(), ++i) {
            CAPTURE(i);
            REQUIRE(i < expected.size());
            CHECK(line->text == expected[i].text);
            CHECK(line->number == expected[i].number);
            CHECK(line->truncated == expected[i].truncated);
            CHECK(undresser.indent() == first_non_blank(line->text));
            CHECK(decoded.lines[i].text == expected[i].text);
            CHECK(decoded.lines[i].number == expected[i].number);
        }
        CHECK(i == expected.size());
        CHECK(decoded.lines.size() == expected.size());
        lines += i;
    }
    CHECK(lines > 20000);
}

TEST_CASE("a line handed out from the window stays as it was until the next one is asked for") {
    // Lines taken from the slot itself (plain rows, a path), from a copy (an annotation taken
    // off, bold, markdown's doubled backslashes), a quoted run that fills the window and a huge
    // line that grows the ring: next() gives what next(Line&) copies.
    std::string input = "1: kd> !vm\n"
                        "Page File: \\\\??\\\\C:\\\\pagefile.sys\n"
                        "Page File: \\\\??\\\\C:\\\\swapfile.sys\n"
                        "kd> kb                      // Start with a stack\n"
                        "kd> **!process 0 0 MsMpEng.exe**\n";
    for (int i = 0; i < 300; ++i) {
        input += "> Gxlt Paged   1161638 (   0)   1161630 (   0)        8     864 (     0)\n";
    }
    input += std::string(1u << 13, 'y') + "\n *   Bugcheck Analysis   *\n";
    auto const copies = undress_all(input);
    std::istringstream in(input);
    Decoder decoder(in);
    Undresser undresser(decoder);
    std::vector<Line> handed;
    while (Line const* line = undresser.next()) {
        handed.push_back(*line);
    }
    REQUIRE(handed.size() == copies.size());
    for (std::size_t i = 0; i < handed.size(); ++i) {
        CHECK(handed[i].text == copies[i].text);
        CHECK(handed[i].number == copies[i].number);
    }
    CHECK(copies[1].text == "Page File: \\??\\C:\\pagefile.sys");
    CHECK(copies[3].text == "kd> kb");
    CHECK(copies[4].text == "kd> !process 0 0 MsMpEng.exe");
    CHECK(copies[5].text == "Gxlt Paged   1161638 (   0)   1161630 (   0)        8     864 (     0)");
}

TEST_CASE("a prefix repeated on every line of a run") {
    SUBCASE("corpus/handle/009.txt:1-4: mail/markdown quote \"> \" and a bold command") {
        auto const lines = undress_all("> 0:001> **!handle**\n> 135 Handles\n> Type           \tCount\n"
                                       "> None           \t6\n");
        CHECK(texts(lines) == Texts{"0:001> !handle", "135 Handles", "Type           \tCount",
                                    "None           \t6"});
    }
    SUBCASE("nested quotes and an empty quoted line") {
        auto const lines = undress_all("> > kd> !vm\n>\n> > *** Virtual Memory Usage ***\n");
        CHECK(texts(lines) == Texts{"kd> !vm", "", "*** Virtual Memory Usage ***"});
    }
    SUBCASE("corpus/handle/019.txt:1-5: \"    // \" (a C++ comment)") {
        auto const lines = undress_all("    // 0:000> !handle 274 ff Event\n    // Handle 274\n"
                                       "    //  Type         \tEvent\n    // Attributes   \t0\n");
        CHECK(texts(lines) == Texts{"0:000> !handle 274 ff Event", "Handle 274",
                                    " Type         \tEvent", "Attributes   \t0"});
    }
    SUBCASE("corpus/address/003.txt:1-19: \"--\" (SQL comments), blank lines, a highlighted row") {
        auto const lines = undress_all(
            "--0:028> !address -summary\n\n \n\n"
            "--\u2014\u2014\u2014 Usage SUMMARY \u2014\u2014\u2014\n\n"
            "--    TotSize (      KB)   Pct(Tots) Pct(Busy)   Usage\n\n"
            "--   686a7000 ( 1710748) : 81.58%    81.80%    : RegionUsageIsVAD\n\n"
            "---------   122d0000 (  297792) : 14.20%    14.24%    : RegionUsageHeap\n");
        CHECK(texts(lines) == Texts{"0:028> !address -summary", "", " ", "",
                                    "--- Usage SUMMARY ---", "",
                                    "   TotSize (      KB)   Pct(Tots) Pct(Busy)   Usage", "",
                                    "  686a7000 ( 1710748) : 81.58%    81.80%    : RegionUsageIsVAD", "",
                                    "   122d0000 (  297792) : 14.20%    14.24%    : RegionUsageHeap"});
        CHECK(lines.back().number == 11);
    }
    SUBCASE("corpus/heap/008.txt:45-47: a \"-------\" highlighted heap row") {
        auto const lines = undress_all(
            "--62b90000 00001002    1024   1024   1024   1016     2     0    0      0   L  \n\n"
            "--62c90000 00001002    1024   1024   1024   1016     2     0    0      0   L  \n\n"
            "-------63830000 00001001   10240  10240  10240    160    21     0    0    bad      \n");
        CHECK(lines.back().text == "63830000 00001001   10240  10240  10240    160    21     0    0    bad      ");
    }
    SUBCASE("\" * \" of a C block comment") {
        auto const lines = undress_all("/*\n * : kd> !poolused 1 Hack\n *  Sorting by Tag\n"
                                       " * Hack       0     0    0 0\n */\n");
        CHECK(texts(lines) == Texts{"/*", ": kd> !poolused 1 Hack", " Sorting by Tag",
                                    "Hack       0     0    0 0", " */"});
    }
    SUBCASE("\"# \" on every line") {
        auto const lines = undress_all("# kd> lm\n# start    end        module name\n"
                                       "# 80800000 80a50000   nt         (pdb symbols)\n");
        CHECK(texts(lines) == Texts{"kd> lm", "start    end        module name",
                                    "80800000 80a50000   nt         (pdb symbols)"});
    }
    SUBCASE("a run whose first line holds backslashes is stripped from its first line") {
        // The backslashes are settled before the run of three is known: both are waited for.
        auto const hashes = undress_all("# x \\\\srv\\share\n# C:\\Windows\n# y\n");
        CHECK(texts(hashes) == Texts{"x \\\\srv\\share", "C:\\Windows", "y"});
        auto const dashes = undress_all("-- a\\\\b\n-- c\\d\n-- e\n-- f\n");
        CHECK(texts(dashes) == Texts{"a\\\\b", "c\\d", "e", "f"});
    }
    SUBCASE("a lone marked line is debugger text: kb's \"# ChildEBP\" header") {
        auto const lines = undress_all("kd> kb\n # ChildEBP RetAddr\n00 fcd4499c 80102521 nt!Foo\n");
        CHECK(texts(lines)[1] == " # ChildEBP RetAddr");
    }
    SUBCASE("a boxed !analyze banner keeps its stars") {
        std::string const box = "*                                                        *\n";
        auto const lines = undress_all("**********************************************************\n" +
                                       box + "*                 Bugcheck Analysis                      *\n" +
                                       box);
        CHECK(texts(lines)[2] == "*                 Bugcheck Analysis                      *");
    }
    SUBCASE("dashes at other indentations are not one run (corpus/session/003.txt:16-18)") {
        auto const lines = undress_all("   -- Configuring repositories\n"
                                       "      ----> Repository : LocalInstalled, Enabled: true\n"
                                       "      ----> Repository : UserExtensions, Enabled: true\n");
        CHECK(texts(lines)[0] == "   -- Configuring repositories");
    }
    SUBCASE("a run longer than the lookahead window is stripped all along") {
        std::string text;
        for (int i = 0; i < 1000; ++i) {
            text += "> 00150000 00000002   16384  16352  16352      2     0     1    0      0   L\n";
        }
        auto const lines = undress_all(text);
        REQUIRE(lines.size() == 1000);
        for (auto const& line : lines) {
            REQUIRE(line.text.starts_with("00150000"));
        }
        CHECK(lines.back().number == 1000);
    }
}

TEST_CASE("authors' annotations") {
    SUBCASE("corpus/session/001.txt:1,10: \"  // note\" after a debugger line") {
        auto const lines = undress_all("Resource @ fc664ee0                  // Here's the resource lock address\n"
                                       "kd> kb                                        // Start with a stack\n");
        CHECK(texts(lines) == Texts{"Resource @ fc664ee0", "kd> kb"});
    }
    SUBCASE("corpus/locks/006.txt:4-5: \"#\" notes in Chinese, appended and on their own line") {
        auto const lines = undress_all(
            "    LockCount          1        #\u4ece-1\u5f00\u59cb\uff0c-1\u8868\u793a\n"
            "                                #0\u8868\u793a\u6709\u4e00\u4e2a\u7ebf\u7a0b\n"
            "    OwningThread       7ec      #\u76ee\u524d\n");
        CHECK(texts(lines) == Texts{"    LockCount          1", "", "    OwningThread       7ec"});
    }
    SUBCASE("a URL or a single-spaced # is not an annotation") {
        auto const lines = undress_all("srv*c:\\symbols*https://msdl.microsoft.com/download/symbols\n"
                                       "Heap # 1\n");
        CHECK(texts(lines) == Texts{"srv*c:\\symbols*https://msdl.microsoft.com/download/symbols", "Heap # 1"});
    }
    SUBCASE("the note is found past slashes and hashes that start none, in either order") {
        auto const lines = undress_all("07/12/2019 a/b #1 x//y  // note\n"
                                       "Heap # 1 / 2  #\u76ee\u524d // x\n");
        CHECK(texts(lines) == Texts{"07/12/2019 a/b #1 x//y", "Heap # 1 / 2"});
    }
}

TEST_CASE("bounded and faithful") {
    SUBCASE("a 3 MB line passes truncated and flagged, the next one keeps its number") {
        auto const lines = undress_all(std::string(3u << 20, '<') + "\n0: kd> !vm\n");
        REQUIRE(lines.size() == 2);
        CHECK(lines[0].truncated);
        CHECK(lines[0].text.size() == k_max_line_bytes);
        CHECK(lines[1].text == "0: kd> !vm");
        CHECK(lines[1].number == 2);
    }
    SUBCASE("a plain transcript comes out byte for byte (acceptance/seed002-nonpaged-ddk.log)") {
        std::string const plain = "0: kd> !vm\n\n*** Virtual Memory Usage ***\n"
                                  "       Physical Memory:      851775 (   3407100 Kb)\n"
                                  "       Page File: \\??\\C:\\pagefile.sys\n"
                                  " Ddk   9074558  3859522  5215036  Default for driver allocated memory (user's of ntddk.h)\n";
        std::string joined;
        for (auto const& line : undress_all(plain)) {
            joined += line.text + "\n";
        }
        CHECK(joined == plain);
    }
    SUBCASE("evidence far ahead still reaches a line the window holds (lines pass unread-ahead only when they need nothing)") {
        // An escaped mark proves nothing alone; the "\*" 200 plain lines below proves markdown.
        std::string text = "    +0x000 Entry            : \\_HEAP_ENTRY\n";
        for (int i = 0; i < 200; ++i) {
            text += "Physical Memory:      851775 (   3407100 Kb)\n";
        }
        text += "\\*\\*\\* Virtual Memory Usage \\*\\*\\*\n";
        auto const lines = undress_all(text);
        REQUIRE(lines.size() == 202);
        CHECK(lines[0].text == "    +0x000 Entry            : _HEAP_ENTRY");
        CHECK(lines[201].text == "*** Virtual Memory Usage ***");
        CHECK(lines[201].number == 202);
    }
    SUBCASE("a prefix run is judged from pieces made as a full window makes them: HTML evidence 200 lines below") {
        // The third "--" line is one only once "</td>" far below proves the file HTML (its
        // <span> then goes): the run of three that strips the prefix needs it.
        std::string text = "-- a\n-- b\n<span>-- c\n";
        for (int i = 0; i < 200; ++i) {
            text += "row " + std::to_string(i) + "\n";
        }
        auto const html = texts(undress_all(text + "<td>x</td>\n"));
        REQUIRE(html.size() == 204);
        CHECK(Texts(html.begin(), html.begin() + 3) == Texts{"a", "b", "c"});
        auto const plain = texts(undress_all(text));
        REQUIRE(plain.size() == 203);
        CHECK(Texts(plain.begin(), plain.begin() + 3) == Texts{"-- a", "-- b", "<span>-- c"});
    }
    SUBCASE("backslashes the evidence has settled pass without the window; unsettled ones wait for it") {
        // "\*" proves markdown and "C:\x" turns halving off for good: "\_" unescapes, "\\"
        // stays, whatever is below.
        std::string text = "\\* C:\\x\n\\_HEAP\nx\\\\y\n";
        for (int i = 0; i < 200; ++i) {
            text += "row\n";
        }
        auto const settled = texts(undress_all(text));
        REQUIRE(settled.size() == 203);
        CHECK(Texts(settled.begin(), settled.begin() + 3) == Texts{"* C:\\x", "_HEAP", "x\\\\y"});
        // Two "\\" pairs and no lone backslash yet: halving waits for the lines below, where a
        // lone one turns it off.
        auto const unsettled = texts(undress_all("a\\\\b\nc\\\\d\n" + std::string(100, 'x') + "\ne\\f\n"));
        REQUIRE(unsettled.size() == 4);
        CHECK(Texts(unsettled.begin(), unsettled.begin() + 2) == Texts{"a\\\\b", "c\\\\d"});
        CHECK(texts(undress_all("a\\\\b\nc\\\\d\n")) == Texts{"a\\b", "c\\d"});
    }
    SUBCASE("a line split or left empty with pieces before it in the window keeps them and the lines behind in order") {
        // Each "--" line is read ahead for its run, so the HTML line is split behind it.
        auto const gone = undress_all("-- 1\n<br>\n-- 2\n-- 3\n");
        CHECK(texts(gone) == Texts{"1", "2", "3"});
        CHECK(numbers(gone) == Numbers{1, 3, 4});
        auto const split = undress_all("-- 1\n-- 2<br>-- 3<br>x\n-- 4\n");
        CHECK(texts(split) == Texts{"1", "2", "3", "x", "-- 4"});
        CHECK(numbers(split) == Numbers{1, 2, 2, 2, 3});
    }
    SUBCASE("a line that is only <br> leaves nothing; one with many splits keeps the lines behind it in order") {
        std::string text = "<br><br>\nkd> !vm<br>line a<br>line b<br>line c<br>line d\n";
        for (int i = 0; i < 300; ++i) {
            text += "row " + std::to_string(i) + "\n";
        }
        auto const lines = undress_all(text);
        REQUIRE(lines.size() == 5 + 300);
        CHECK(texts(lines)[0] == "kd> !vm");
        CHECK(texts(lines)[4] == "line d");
        CHECK(lines[4].number == 2);
        CHECK(lines[5].text == "row 0");
        CHECK(lines[304].text == "row 299");
        CHECK(lines[304].number == 302);
    }
}

TEST_CASE("an undresser reads as a fresh one when it takes over the ring an earlier input left on its thread") {
    // corpus/poolmon/001.txt:4-6, short rows after the long lines the first input leaves in
    // the slots' buffers.
    std::string const plain = " Tag  Type     Allocs            Frees            Diff   Bytes       Per Alloc\n"
                              "\n"
                              " Wait Nonp    3971107 (   0)   3971077 (   0)       30    8456 (     0)    281\n";
    auto const before = undress_all(plain);
    // A quoted run fills the window (pieces and raw lines both), <br> splits and a huge line
    // grow the ring and its buffers; its prefix and HTML evidence must not carry over.
    std::string dressed;
    for (int i = 0; i < 600; ++i) {
        dressed += "> Gxlt Paged   1161638 (   0)   1161630 (   0)        8     864 (     0)<br>108 &amp; " +
                   std::string(static_cast<std::size_t>(i % 7) * 40, 'x') + "\n";
    }
    dressed += std::string(1u << 13, 'y') + "\n";
    auto const dressed_lines = undress_all(dressed);
    REQUIRE(dressed_lines.size() == 1201);
    CHECK(dressed_lines[0].text == "> Gxlt Paged   1161638 (   0)   1161630 (   0)        8     864 (     0)");
    CHECK(dressed_lines[1].text == "108 & ");  // the HTML was taken off
    auto const after = undress_all(plain);
    REQUIRE(after.size() == before.size());
    for (std::size_t i = 0; i < after.size(); ++i) {
        CHECK(after[i].text == before[i].text);
        CHECK(after[i].number == before[i].number);
        CHECK(after[i].truncated == before[i].truncated);
    }
    CHECK(texts(after)[0] == " Tag  Type     Allocs            Frees            Diff   Bytes       Per Alloc");

    SUBCASE("two undressers alive at once on one thread each read their own input") {
        std::istringstream in_a(dressed), in_b(plain);
        Decoder decoder_a(in_a), decoder_b(in_b);
        Undresser first(decoder_a);
        Undresser second(decoder_b);
        std::vector<Line> a, b;
        Line line;
        while (first.next(line)) {
            a.push_back(line);
        }
        while (second.next(line)) {
            b.push_back(line);
        }
        CHECK(texts(a) == texts(dressed_lines));
        CHECK(texts(b) == texts(before));
    }
}

} // TEST_SUITE
