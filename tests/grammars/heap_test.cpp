// SPDX-License-Identifier: MIT
// `!heap -s` grammar on real lines. Lines of corpus/heap/008 and 014 are given as the
// undresser leaves them (the "--" comment prefix and the HTML taken off).
#include "grammars/heap/heap.hpp"
#include "support/parse_line.hpp"
#include <doctest/doctest.h>

using dbgsift::grammar::parse_line;
namespace g = dbgsift::grammar;
namespace ast = dbgsift::grammar::ast;

TEST_SUITE_BEGIN("grammar/heap");

TEST_CASE("grammar::heap_row") {
    std::vector<dbgsift::diagnostic> diags;
    g::ast::heap_row row;

    SUBCASE("an x64 row whose Fast heap column wrapped onto the next line has no Fast value") {
        // seed004-stackdb.log:29
        REQUIRE(parse_line("0000000001a40000 08000002    4096   1444   4096   1164     4     3    0      0",
                           29, g::heap_row(), row, diags));
        CHECK(g::view(row.address) == "0000000001a40000");
        CHECK(row.flags == 0x08000002);
        CHECK(row.reserve_kb == 4096);
        CHECK(row.commit_kb == 1444);
        CHECK(row.virt_kb == 4096);
        CHECK(row.free_kb == 1164);
        CHECK(row.list_length == 4);
        CHECK(row.ucr == 3);
        CHECK(row.virt_blocks == 0);
        REQUIRE(row.lock_contention.has_value());
        CHECK(*row.lock_contention == 0);
        CHECK(row.fast_heap.empty());
        CHECK(row.line == 29);
        CHECK(diags.empty());
    }
    SUBCASE("lock contention is printed in hex and the LFH column follows") {
        // corpus/heap/017.txt:11
        REQUIRE(parse_line("00000218f1710000 00000002   65320  14712  64928   5575   163    16    2      c   LFH",
                           11, g::heap_row(), row, diags));
        CHECK(row.commit_kb == 14712);
        CHECK(row.virt_blocks == 2);
        CHECK(*row.lock_contention == 0xc);
        CHECK(g::view(row.fast_heap) == "LFH");
    }
    SUBCASE("trailing blanks where the Fast column is empty") {
        // corpus/heap/002.txt:7
        REQUIRE(parse_line("0000000000010000 00008000      64      4     64      2     1     1    0      0      ",
                           7, g::heap_row(), row, diags));
        CHECK(row.commit_kb == 4);
        CHECK(row.fast_heap.empty());
    }
    SUBCASE("an x86 XP row with the lookaside column L") {
        // corpus/heap/014.txt:7 after &nbsp; and <br> are taken off
        REQUIRE(parse_line("00150000 00000002   16384  16352  16352      2     0     1    0      0   L  ", 7,
                           g::heap_row(), row, diags));
        CHECK(g::view(row.address) == "00150000");
        CHECK(row.commit_kb == 16352);
        CHECK(g::view(row.fast_heap) == "L");
    }
    SUBCASE("a heap without a lock shows bad in the Lock column, which is not the hex 0xbad") {
        // corpus/heap/008.txt:75 (after the "--" prefix)
        REQUIRE(parse_line("64c30000 00001001   10240  10240  10240    160    21     0    0    bad      ", 75,
                           g::heap_row(), row, diags));
        CHECK(row.commit_kb == 10240);
        CHECK_FALSE(row.lock_contention.has_value());
    }
    SUBCASE("the lock column: only lower-case bad is the missing lock; BAD is the hex 0xbad") {
        // corpus/heap/008.txt:75 with the Lock column changed
        REQUIRE(parse_line("64c30000 00001001   10240  10240  10240    160    21     0    0    BAD      ", 75,
                           g::heap_row(), row, diags));
        REQUIRE(row.lock_contention.has_value());
        CHECK(*row.lock_contention == 0xbad);
        CHECK(diags.empty());
        // "badx" is neither the word nor a hex number: past the counts, that is reported
        CHECK_FALSE(parse_line("64c30000 00001001   10240  10240  10240    160    21     0    0    badx     ", 75,
                               g::heap_row(), row, diags));
        REQUIRE(diags.size() == 1);
        CHECK(diags[0].message == "expected lock contention");
        CHECK(diags[0].column == 67);
    }
    SUBCASE("a Fast column word with more letters after it is no Fast value: the row is refused, silently") {
        // corpus/heap/017.txt:12 with "LFH" made "LFHx"
        CHECK_FALSE(parse_line("00000218f1710000 00000002   65320  14712  64928   5575   163    16    2      c   LFHx",
                               75, g::heap_row(), row, diags));
        CHECK(diags.empty());
    }
    SUBCASE("a row a blog highlighted with a run of dashes still reads") {
        // corpus/heap/008.txt:71 (after the "--" prefix)
        REQUIRE(parse_line("-----63830000 00001001   10240  10240  10240    160    21     0    0    bad      ",
                           71, g::heap_row(), row, diags));
        CHECK(g::view(row.address) == "63830000");
        CHECK(row.flags == 0x1001);
    }
    SUBCASE("a segment heap row N/A in the Fast column") {
        // corpus/heap/016.txt:32, the Windows 10 row the PDF table held
        REQUIRE(parse_line("00000253215d0000 00000001      16     16     16     10     1     1    0      0      N/A",
                           32, g::heap_row(), row, diags));
        CHECK(g::view(row.fast_heap) == "N/A");
    }
    SUBCASE("a row that lost its Lock column to a PDF table is a diagnostic, not wrong numbers") {
        // corpus/heap/016.txt:32 as the PDF extractor left it ("1 0" glued, Lock dropped)
        CHECK_FALSE(parse_line("000002531e980000 00008000 64 4 64 2 1 1 0", 32, g::heap_row(), row, diags));
        REQUIRE(diags.size() == 1);
        CHECK(diags[0].line == 32);
        CHECK(diags[0].column == 41);
    }
    SUBCASE("a row cut short after any column is one diagnostic where it stops (no throw)") {
        // corpus/heap/014.txt:7 cut after each of its columns: the same line, column and text
        // the '>' expectation points gave before noted_expect replaced them.
        std::string_view const full = "00150000 00000002   16384  16352  16352      2     0     1    0      0";
        std::size_t counts_read = 0;  // of the seven counts; then the Lock column is missing
        for (std::size_t end = full.find(' ', 9); end != std::string_view::npos;
             end = full.find(' ', full.find_first_not_of(' ', end)), ++counts_read) {
            std::string_view const cut = full.substr(0, end);
            std::vector<dbgsift::diagnostic> cut_diags;
            CHECK_FALSE(parse_line(cut, 7, g::heap_row(), row, cut_diags));
            REQUIRE(cut_diags.size() == 1);
            CHECK(cut_diags[0].line == 7);
            CHECK(cut_diags[0].column == cut.size());
            CHECK(cut_diags[0].message == (counts_read == 7 ? "expected lock contention" : "expected number"));
        }
        // A damaged count: "0 C 1" (PDF damage, as corpus/vm/010.txt:21) stops at the C.
        CHECK_FALSE(parse_line("00150000 00000002 16384 C 16352 2 0 1 0 0", 9, g::heap_row(), row, diags));
        REQUIRE(diags.size() == 1);
        CHECK(diags[0].column == 24);
        CHECK(diags[0].message == "expected number");
    }
    SUBCASE("a count that overflows 64 bits fails instead of wrapping") {
        CHECK_FALSE(parse_line("00150000 00000002 99999999999999999999999 1 1 1 1 1 1 0", 1, g::heap_row(),
                               row, diags));
        CHECK_FALSE(diags.empty());
    }
    SUBCASE("header and prose lines are not rows and leave no diagnostic") {
        CHECK_FALSE(parse_line("External fragmentation  80 % (4 free blocks)", 1, g::heap_row(), row, diags));
        CHECK_FALSE(parse_line("  Fast", 1, g::heap_row(), row, diags));
        CHECK(diags.empty());
    }
}

TEST_CASE("grammar::heap lines around the table") {
    std::vector<dbgsift::diagnostic> diags;
    boost::spirit::x3::unused_type none;

    SUBCASE("the header wrapped at 80 columns reads piece by piece") {
        // seed004-stackdb.log:22-25
        CHECK(parse_line("           Heap     Flags   Reserv  Commit  Virt   Free  List   UCR  Virt  Lock", 22,
                         g::heap_header(), none, diags));
        CHECK(parse_line("  Fast", 23, g::heap_header(), none, diags));
        CHECK(parse_line("                             (k)     (k)    (k)     (k) length      blocks cont.", 24,
                         g::heap_header(), none, diags));
        CHECK(parse_line(" heap", 25, g::heap_header(), none, diags));
        // corpus/heap/016.txt:22
        CHECK(parse_line("Lock  Fast", 22, g::heap_header(), none, diags));
        // corpus/heap/017.txt:9 (trailing blank)
        CHECK(parse_line("          Heap     Flags   Reserv  Commit  Virt   Free  List   UCR  Virt  Lock  Fast ",
                         9, g::heap_header(), none, diags));
    }
    SUBCASE("a header word inside a longer word is not a header") {
        CHECK_FALSE(parse_line("Heaps are fine", 1, g::heap_header(), none, diags));
    }
    SUBCASE("rules, the wrapped rule and the NT HEAP STATS banner") {
        // seed004-stackdb.log:26-27
        CHECK(parse_line("-------------------------------------------------------------------------------", 26,
                         g::heap_separator(), none, diags));
        CHECK(parse_line("------", 27, g::heap_separator(), none, diags));
        // corpus/heap/004.txt:5 and corpus/heap/016.txt:11
        CHECK(parse_line("                                              NT HEAP STATS BELOW", 5,
                         g::heap_separator(), none, diags));
        CHECK(parse_line("*                            NT HEAP STATS BELOW", 11, g::heap_separator(), none,
                         diags));
        CHECK(parse_line("********************", 17, g::heap_separator(), none, diags));
    }
    SUBCASE("preamble lines keep their values") {
        g::ast::heap_preamble p;
        // seed004-stackdb.log:18-21
        REQUIRE(parse_line("NtGlobalFlag enables following debugging aids for new heaps:", 18,
                           g::heap_preamble(), p, diags));
        CHECK(p.kind == ast::preamble_kind::global_flag);
        p = {};  // X3 appends to a string attribute: one fresh row per line
        REQUIRE(parse_line("LFH Key                   : 0x000000f841c4f9c0", 20, g::heap_preamble(), p, diags));
        CHECK(p.kind == ast::preamble_kind::lfh_key);
        CHECK(p.text == "0x000000f841c4f9c0");
        p = {};
        REQUIRE(parse_line("Termination on corruption : ENABLED", 21, g::heap_preamble(), p, diags));
        CHECK(p.kind == ast::preamble_kind::termination);
        CHECK(p.text == "ENABLED");
        // corpus/heap/016.txt:12-16
        p = {};
        REQUIRE(parse_line("*LFH Key        : 0xd7b666e8f5a4b98", 12, g::heap_preamble(), p, diags));
        CHECK(p.text == "0xd7b666e8f5a4b98");
        CHECK(parse_line("Affinity manager status:", 14, g::heap_preamble(), p, diags));
        CHECK(parse_line("   - Virtual affinity limit 8", 15, g::heap_preamble(), p, diags));
        CHECK(parse_line("   - Statistics:  Swaps=0, Resets=0, Allocs=0", 17, g::heap_preamble(), p, diags));
        CHECK(p.kind == ast::preamble_kind::affinity);
        // corpus/heap/028.txt:2, the debugger's own spelling
        p = {};
        REQUIRE(parse_line("SEGMENT HEAP ERROR: failed to initialize the extention", 2, g::heap_preamble(), p, diags));
        CHECK(p.kind == ast::preamble_kind::segment_heap_error);
        CHECK(diags.empty());
    }
    SUBCASE("a debugging aid under NtGlobalFlag") {
        std::string aid;
        // seed004-stackdb.log:19 and corpus/heap/004.txt:8
        REQUIRE(parse_line("stack back traces", 19, g::heap_debug_aid(), aid, diags));
        CHECK(aid == "stack back traces");
        aid.clear();
        REQUIRE(parse_line("    stack back traces", 8, g::heap_debug_aid(), aid, diags));
        CHECK(aid == "stack back traces");
    }
    SUBCASE("the Fast heap column alone on its wrapped line") {
        g::text_range fast;
        // seed004-stackdb.log:30
        REQUIRE(parse_line("   LFH", 30, g::heap_fast_continuation(), fast, diags));
        CHECK(g::view(fast) == "LFH");
    }
    SUBCASE("external and virtual address fragmentation") {
        g::ast::heap_fragmentation f;
        // seed004-stackdb.log:31
        REQUIRE(parse_line("External fragmentation  80 % (4 free blocks)", 31, g::heap_fragmentation(), f, diags));
        CHECK(f.kind == ast::fragmentation_kind::external);
        CHECK(f.percent == 80);
        CHECK(f.count == 4);
        // corpus/heap/006.txt:16
        REQUIRE(parse_line("    External fragmentation  93 % (32 free blocks)", 16, g::heap_fragmentation(), f,
                           diags));
        CHECK(f.percent == 93);
        CHECK(f.count == 32);
        REQUIRE(parse_line("Virtual address fragmentation  60 % (12 uncommited ranges)", 1,
                           g::heap_fragmentation(), f, diags));
        CHECK(f.kind == ast::fragmentation_kind::virtual_address);
        CHECK(f.count == 12);
        CHECK(diags.empty());
    }
    SUBCASE("a segment heap summary row") {
        g::ast::segment_heap_row s;
        // corpus/heap/016.txt:4, one row of the Windows 10 segment heap table
        REQUIRE(parse_line("    2531eb90000       ddeeddee       0         1          8276        6832", 4,
                           g::segment_heap_row(), s, diags));
        CHECK(g::view(s.address) == "2531eb90000");
        CHECK(s.heap_list_index == 1);
        CHECK(s.reserved_kb == 8276);
        CHECK(s.committed_kb == 6832);
    }
    SUBCASE("the command and its options") {
        g::ast::command_words options;
        REQUIRE(parse_line("!heap -s", 1, g::heap_command(), options, diags));
        REQUIRE(options.size() == 1);
        CHECK(g::view(options[0]) == "-s");
        options.clear();
        REQUIRE(parse_line("!heap -p -a 0x1234", 1, g::heap_command(), options, diags));
        CHECK(options.size() == 3);
        options.clear();
        CHECK_FALSE(parse_line("!heapstat", 1, g::heap_command(), options, diags));
    }
    SUBCASE("a heap address as printed has its value") {
        std::uint64_t v = 0;
        REQUIRE(g::heap_address_value("0000000001a40000", v));
        CHECK(v == 0x1a40000);
        CHECK_FALSE(g::heap_address_value("01a4zz", v));
    }
}

TEST_SUITE_END();
