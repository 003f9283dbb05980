// SPDX-License-Identifier: MIT
// Whole `!heap -s` blocks through the heap BlockParser; values checked by eye against the
// transcripts they come from.
#include "dbgsift/parse/commands.hpp"
#include "dbgsift/pipeline.hpp"

#include <doctest/doctest.h>
#include <fstream>
#include <sstream>
#include "support/files.hpp"

namespace {

using dbgsift::test::Fed;

Fed feed(std::string_view command, std::vector<std::pair<std::uint32_t, std::string>> const& lines) {
    return dbgsift::test::feed_block(dbgsift::parse::heap_spec(), command, lines);
}

using dbgsift::test::slurp;

} // namespace

TEST_SUITE_BEGIN("parse/heap");

TEST_CASE("parse::heap recognises the command and its slot") {
    auto const spec = dbgsift::parse::heap_spec();
    CHECK(spec.is_command("!heap -s"));
    CHECK(spec.is_command("!heap -l"));
    CHECK_FALSE(spec.is_command("!heapstat"));
    CHECK(spec.slot("!heap -s") == "heap");
    CHECK(spec.slot("!heap -p -a 0x1234").empty());
    SUBCASE("headers that open a prompt-less paste") {
        // corpus/heap/004.txt:5, 8, 11
        CHECK(spec.is_header("                                              NT HEAP STATS BELOW"));
        CHECK(spec.is_header("LFH Key                   : 0x64ecab356b9e5983"));
        CHECK(spec.is_header("          Heap     Flags   Reserv  Commit  Virt   Free  List   UCR  Virt  Lock  Fast "));
        CHECK_FALSE(spec.is_header("------"));
        CHECK_FALSE(spec.is_header(" heap"));
    }
}

TEST_CASE("parse::heap reads the wrapped x64 table of seed 004") {
    // corpus/acceptance/seed004-stackdb.log:16-32
    auto const fed = feed("!heap -s", {
        {16, "NtGlobalFlag enables following debugging aids for new heaps:"},
        {17, "stack back traces"},
        {18, "LFH Key                   : 0x000000f841c4f9c0"},
        {19, "Termination on corruption : ENABLED"},
        {20, "           Heap     Flags   Reserv  Commit  Virt   Free  List   UCR  Virt  Lock"},
        {21, "  Fast"},
        {22, "                             (k)     (k)    (k)     (k) length      blocks cont."},
        {23, " heap"},
        {24, "-------------------------------------------------------------------------------"},
        {25, "------"},
        {26, "0000000001a40000 08000002    4096   1444   4096   1164     4     3    0      0"},
        {27, "   LFH"},
        {28, "External fragmentation  80 % (4 free blocks)"},
        {29, "0000000000010000 08008000      64      4     64      1     1     1    0      0"},
        {30, "0000000000020000 08008000      64     64     64     61     1     1    0      0"},
        {31, "-------------------------------------------------------------------------------"},
        {32, "------"},
    });
    CHECK(fed.diags.empty());
    CHECK(fed.not_understood == 0);
    CHECK(fed.understood == 9);
    REQUIRE(fed.snapshot.heaps.size() == 1);
    auto const& s = fed.snapshot.heaps[0];
    CHECK(s.stack_traces_enabled);
    CHECK(s.stack_traces_loc.line == 17);
    CHECK(s.lfh_key == "0x000000f841c4f9c0");
    REQUIRE(s.heaps.size() == 3);
    auto const& h = s.heaps[0];
    CHECK(h.address == 0x1a40000);
    CHECK(h.address_text == "0000000001a40000");
    CHECK(h.reserve_kb == 4096);
    CHECK(h.commit_kb == 1444);
    CHECK(*h.free_kb == 1164);
    CHECK(h.fast_heap == "LFH");
    CHECK(*h.external_fragmentation_percent == 80);
    CHECK(*h.free_blocks == 4);
    CHECK(h.loc.line == 26);
    CHECK(h.fragmentation_loc.line == 28);
    CHECK(s.heaps[1].fast_heap.empty());
    CHECK(s.heaps[2].commit_kb == 64);
}

TEST_CASE("parse::heap keeps bad lock columns and reports damaged rows") {
    // corpus/heap/008.txt:65,67,73 after the "--" prefix is taken off
    auto const fed = feed("!heap -s", {
        {65, "62c90000 00001002     256     40     40      7     1     1    0      0   LFH"},
        {73, "-------64230000 00001001   10240  10240  10240    160    21     0    0    bad      "},
        {80, "000002531e980000 00008000 64 4 64 2 1 1 0"},
        {81, "<table><tr><td></td></tr></table>"},
    });
    REQUIRE(fed.snapshot.heaps.size() == 1);
    auto const& heaps = fed.snapshot.heaps[0].heaps;
    REQUIRE(heaps.size() == 2);
    CHECK(heaps[0].fast_heap == "LFH");
    CHECK(heaps[1].address_text == "64230000");
    CHECK(heaps[1].lock_bad);
    CHECK_FALSE(heaps[1].lock_contention.has_value());
    CHECK(fed.not_understood == 2);
    REQUIRE(fed.diags.size() == 2);
    CHECK(fed.diags[0].line == 80);
    CHECK(fed.diags[1].line == 81);
}

TEST_CASE("parse::heap: virtual block lines belong to the heap row below them (corpus/heap/028.txt)") {
    // Lines 8-17 come before the first row (004b0000), line 26 before 00310000.
    auto const fed = feed("!heap -s", {
        {8, "Virtual block: 07dc0000 - 07dc0000 (size 00000000)"},
        {9, "Virtual block: 07fe0000 - 07fe0000 (size 00000000)"},
        {18, "004b0000 00000002    8192   6052   8192    502   381     4   10      5   LFH"},
        {25, "00140000 00011002     256     20    256     17     2     1    0      0      "},
        {26, "Virtual block: 07a70000 - 07a70000 (size 00000000)"},
        {27, "00310000 00001002 1682164 1669420 1682164   7769   618   318    1     23   LFH"},
    });
    CHECK(fed.diags.empty());
    REQUIRE(fed.snapshot.heaps.size() == 1);
    auto const& heaps = fed.snapshot.heaps[0].heaps;
    REQUIRE(heaps.size() == 3);
    CHECK(heaps[0].virtual_blocks_listed == 2);
    CHECK(heaps[1].virtual_blocks_listed == 0);
    CHECK(heaps[2].address_text == "00310000");
    CHECK(heaps[2].virtual_blocks_listed == 1);
    CHECK(heaps[2].commit_kb == 1669420);
}

TEST_CASE("parse::heap hands !heap -l to the follow-up parser") {
    // corpus/heap/001.txt:2-3, 14. Line 2 carries a stray "1:" from the paste: reported.
    auto const fed = feed("!heap -l", {{2, "1:Heap 00170000"}, {3, "Heap 00280000"},
                                       {14, "001b2958  001b2960  00170000  00000000        40        18  busy extra"}});
    CHECK(fed.diags.size() == 1);
    CHECK(fed.understood == 1);
    CHECK(fed.snapshot.heaps.empty());
    REQUIRE(fed.snapshot.heap_leaks.size() == 1);
    CHECK(fed.snapshot.heap_leaks[0].leaks.size() == 1);
}

TEST_CASE("parse::heap never throws on garbage") {
    std::string huge(200000, '9');
    auto const fed = feed("!heap -s", {{1, huge}, {2, std::string("\x01\x02\xff\xfe", 4)}, {3, "0000 0000"},
                                       {4, "External fragmentation  x % (4 free blocks)"}, {5, "   LFH"}});
    CHECK(fed.not_understood == 5);
    CHECK(fed.diags.size() == 5);
}

TEST_CASE("parse::heap corpus files read with no diagnostics") {
    // heap/001 is left out: its line 2 "1:Heap 00170000" (a stray prefix) is now read, and reported.
    for (char const* name : {"002", "004", "005", "006", "011", "017", "015"}) {
        CAPTURE(name);
        auto const c = dbgsift::read_buffer(slurp(std::string(CORPUS_DIR) + "/heap/" + name + ".txt"));
        CHECK(c.inputs[0].diagnostics.empty());
    }
    auto const c = dbgsift::read_buffer(slurp(std::string(CORPUS_DIR) + "/heap/006.txt"));
    REQUIRE(c.snapshots.size() == 1);
    REQUIRE(c.snapshots[0].heaps.size() == 1);
    auto const& heaps = c.snapshots[0].heaps[0].heaps;
    REQUIRE(heaps.size() == 5);
    CHECK(heaps[0].commit_kb == 9492);
    CHECK(*heaps[2].external_fragmentation_percent == 93);
}

TEST_SUITE_END();
