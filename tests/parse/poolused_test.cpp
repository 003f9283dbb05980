// SPDX-License-Identifier: MIT
// Whole !poolused blocks through the reader and PoolUsedParser.
#include "dbgsift/parse/commands.hpp"
#include "dbgsift/pipeline.hpp"

#include <doctest/doctest.h>
#include <fstream>
#include <sstream>
#include "support/files.hpp"

namespace {
using dbgsift::test::slurp;

dbgsift::model::PoolTag const* find_tag(dbgsift::model::PoolUsedTable const& t, std::string_view tag) {
    for (auto const& x : t.tags) {
        if (x.tag == tag) {
            return &x;
        }
    }
    return nullptr;
}
dbgsift::parse::CommandSpec const& spec() {
    static auto const s = dbgsift::parse::poolused_spec();
    return s;
}
} // namespace

TEST_SUITE_BEGIN("parse/poolused");

TEST_CASE("poolused spec: command, header and slot") {
    CHECK(spec().is_command("!poolused 3"));
    CHECK(spec().is_command("!poolused /t5 2"));
    CHECK_FALSE(spec().is_command("!pool 3"));
    CHECK(spec().is_header("Sorting by NonPaged Pool Consumed"));
    CHECK(spec().is_header(" Tag    Allocs    Frees     Diff"));
    CHECK_FALSE(spec().is_header("Tag seems to be the prefix"));
    SUBCASE("!poolused 3 and !poolused 4 fill different slots of one snapshot") {
        CHECK(spec().slot("!poolused 3") == "poolused-nonpaged");
        CHECK(spec().slot("!poolused 4") == "poolused-paged");
        CHECK(spec().slot("!poolused /t5 2") == "poolused-nonpaged");
        CHECK(spec().slot("!poolused") == "poolused-tag");
        CHECK(spec().slot("!poolused 1 Hack") == "poolused-tag");
    }
}

TEST_CASE("seed002 Ddk: Diff-only layout, no Used column") {
    // corpus/acceptance/seed002-nonpaged-ddk.log:43-54 (values checked against the transcript)
    auto const c = dbgsift::read_buffer("0: kd> !poolused 3\n"
                                        "    Sorting by  NonPaged Pool Consumed\n"
                                        "\n"
                                        "  Pool Used:\n"
                                        "            NonPaged\n"
                                        " Tag    Allocs    Frees     Diff\n"
                                        " Ddk   9074558  3859522  5215036  Default for driver allocated memory (user's of ntddk.h)\n"
                                        " MmCm    43787    42677     1110  Calls made to MmAllocateContiguousMemory , Binary: nt!mm\n"
                                        " TCPt  3281838  3281808       30  TCP/IP network protocol , Binary: TCP\n");
    REQUIRE(c.snapshots.size() == 1);
    REQUIRE(c.snapshots[0].pool.size() == 1);
    auto const& t = c.snapshots[0].pool[0];
    CHECK(t.sorted_by == "NonPaged Pool Consumed");
    CHECK(t.sorted_pool == dbgsift::model::PoolKind::nonpaged);
    CHECK(t.has_nonpaged);
    CHECK_FALSE(t.has_paged);
    CHECK(t.has_diff);
    CHECK_FALSE(t.has_used);
    REQUIRE(t.tags.size() == 3);
    CHECK(t.tags[0].tag == "Ddk");
    CHECK(t.tags[0].nonpaged.allocs == 9074558u);
    CHECK(t.tags[0].nonpaged.frees == 3859522u);
    CHECK(t.tags[0].nonpaged.diff == 5215036u);
    CHECK_FALSE(t.tags[0].nonpaged.used.has_value());
    CHECK(t.tags[0].loc.line == 7);
    CHECK(t.tags[1].binary == "nt!mm");
    CHECK(t.tags[2].binary == "TCP");
    CHECK(c.inputs[0].diagnostics.empty());
}

TEST_CASE("seed000: both pools with Frees and Diff, typographic quotes, elisions") {
    // corpus/acceptance/seed000-kernel.log
    auto const c = dbgsift::read_path(std::string(CORPUS_DIR) + "/acceptance/seed000-kernel.log", 0);
    REQUIRE_FALSE(c.snapshots.empty());
    REQUIRE(c.snapshots[0].pool.size() == 1);
    auto const& t = c.snapshots[0].pool[0];
    REQUIRE(t.tags.size() == 2);
    auto const* abcd = find_tag(t, "ABCD");
    REQUIRE(abcd != nullptr);
    CHECK(abcd->nonpaged.allocs == 1778517u);
    CHECK(abcd->nonpaged.frees == 1704538u);
    CHECK(abcd->nonpaged.diff == 73979u);
    CHECK(abcd->nonpaged.used == 4734656u);
    CHECK(abcd->paged.used == 0u);
    CHECK(abcd->unknown);
    auto const* even = find_tag(t, "Even");
    REQUIRE(even != nullptr);
    CHECK(even->nonpaged.diff == 65905u);
    CHECK_FALSE(even->unknown);
    CHECK(even->description == "Event objects");
}

TEST_CASE("seed003: /t5 2 with Allocs/Used for both pools and a TOTAL row") {
    auto const c = dbgsift::read_path(std::string(CORPUS_DIR) + "/acceptance/seed003-leak.log", 0);
    dbgsift::model::PoolUsedTable const* t = nullptr;
    for (auto const& s : c.snapshots) {
        if (!s.pool.empty()) {
            t = &s.pool[0];
        }
    }
    REQUIRE(t != nullptr);
    CHECK_FALSE(t->has_frees);
    CHECK(t->has_used);
    REQUIRE(t->tags.size() == 5);
    CHECK(t->tags[0].tag == "Leak");
    CHECK(t->tags[0].nonpaged.allocs == 601u);
    CHECK(t->tags[0].nonpaged.used == 615424000u);
    CHECK(t->tags[3].tag == "netv");
    CHECK(t->tags[3].paged.used == 144u);
    REQUIRE(t->total.has_value());
    CHECK(t->total->nonpaged.allocs == 43424u);
    CHECK(t->total->nonpaged.used == 634209952u);
    CHECK(t->total->paged.used == 126487760u);
}

TEST_CASE("seed002 MyAV: a two-letter tag written flush, no descriptions, a blank line inside") {
    auto const c = dbgsift::read_path(std::string(CORPUS_DIR) + "/acceptance/seed002-myav.log", 0);
    dbgsift::model::PoolUsedTable const* t = nullptr;
    for (auto const& s : c.snapshots) {
        if (!s.pool.empty()) {
            t = &s.pool[0];
        }
    }
    REQUIRE(t != nullptr);
    CHECK(t->sorted_pool == dbgsift::model::PoolKind::paged);
    REQUIRE(t->tags.size() == 5);
    CHECK(t->tags[0].tag == "CM");
    CHECK(t->tags[0].paged.allocs == 11045u);
    CHECK(t->tags[0].paged.used == 47915424u);
    CHECK(t->tags[1].tag == "MyAV");
    CHECK(t->tags[1].paged.allocs == 186u);
    CHECK(t->tags[1].paged.used == 14391520u);
    CHECK(t->tags[1].description.empty());
}

TEST_CASE("rows before any header: the width picks the layout") {
    // corpus/poolused/006.txt starts at the group header; a bare row paste has none at all.
    auto const c = dbgsift::read_buffer(slurp(std::string(CORPUS_DIR) + "/poolused/006.txt"));
    REQUIRE(c.snapshots.size() == 1);
    auto const& t = c.snapshots[0].pool.at(0);
    REQUIRE(t.tags.size() == 4);
    CHECK(t.tags[0].tag == "-UMD");
    CHECK(t.tags[3].tag == "APpt");
    CHECK(t.tags[3].paged.frees == 107115u);
    CHECK(t.tags[3].paged.used == 255952u);
    CHECK(t.tags[2].binary == "nt!alpc");
}

TEST_CASE("a wrapped group header is joined with its next line") {
    auto const c = dbgsift::read_buffer("0: kd> !poolused 4\n"
                                        " Sorting by Paged Pool Consumed\n"
                                        "               NonPaged                  Page\n"
                                        "d\n"
                                        " Tag     Allocs         Used     Allocs         Used\n"
                                        " CM31         0            0      19797     91705344\tInternal Configuration manager allocations , Binary: nt!cm\n");
    auto const& t = c.snapshots.at(0).pool.at(0);
    CHECK(t.has_nonpaged);
    CHECK(t.has_paged);
    REQUIRE(t.tags.size() == 1);
    CHECK(t.tags[0].paged.used == 91705344u);
    CHECK(c.inputs[0].diagnostics.empty());
}

TEST_CASE("a table cut in the middle of a row: one diagnostic, the other rows kept") {
    auto const c = dbgsift::read_buffer("0: kd> !poolused 2\n"
                                        " Sorting by NonPaged Pool Consumed\n"
                                        "               NonPaged                  Paged\n"
                                        " Tag     Allocs         Used     Allocs         Used\n"
                                        " Cont      1094      6525216          0            0\tContiguous physical memory\n"
                                        " EtwB       128      5041\n"
                                        " Pool         5      1705552          0            0\tPool tables, etc.\n");
    auto const& t = c.snapshots.at(0).pool.at(0);
    REQUIRE(t.tags.size() == 2);
    CHECK(t.tags[1].tag == "Pool");
    auto const& d = c.inputs[0].diagnostics;
    REQUIRE(d.size() == 1);
    CHECK(d[0].line == 6);
}

TEST_CASE("two tables in one prompt-less paste stay two tables") {
    // corpus/poolused/003.txt holds !poolused 2 and !poolused 4
    auto const c = dbgsift::read_buffer(slurp(std::string(CORPUS_DIR) + "/poolused/003.txt"));
    std::size_t tables = 0;
    for (auto const& s : c.snapshots) {
        tables += s.pool.size();
    }
    CHECK(tables == 2);
    CHECK(c.inputs[0].diagnostics.empty());
}

TEST_CASE("garbage never crashes the parser") {
    std::string junk = "0: kd> !poolused 3\n Tag Allocs Frees Diff Used\n";
    for (int i = 0; i < 64; ++i) {
        junk += std::string(static_cast<std::size_t>(i % 7), '\xff') + "ABCD " + std::to_string(i) + " x\n";
    }
    junk += "TOTAL 1 2\n" + std::string(100000, '9') + "\n";
    auto const c = dbgsift::read_buffer(junk);
    CHECK_FALSE(c.inputs[0].diagnostics.empty());
}

TEST_SUITE_END();
