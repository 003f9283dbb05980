// SPDX-License-Identifier: MIT
// Whole `!address` blocks through the address BlockParser; values checked by eye against
// the transcripts they come from.
#include "dbgsift/parse/commands.hpp"
#include "dbgsift/pipeline.hpp"

#include <doctest/doctest.h>
#include <fstream>
#include <sstream>
#include "support/files.hpp"

namespace {

using dbgsift::test::Fed;

Fed feed(std::string_view command, std::vector<std::pair<std::uint32_t, std::string>> const& lines) {
    return dbgsift::test::feed_block(dbgsift::parse::address_spec(), command, lines);
}

using dbgsift::test::slurp;

dbgsift::model::AddressSummaryRow const* row(dbgsift::model::AddressSummary const& a, std::string_view table,
                                             std::string_view name) {
    for (auto const& r : a.rows) {
        if (to_string(r.table) == table && r.name == name) {
            return &r;
        }
    }
    return nullptr;
}

} // namespace

TEST_SUITE_BEGIN("parse/address");

TEST_CASE("parse::address command, slot and headers") {
    auto const spec = dbgsift::parse::address_spec();
    CHECK(spec.is_command("!address"));
    CHECK(spec.is_command("!address  -summary"));
    CHECK(spec.slot("!address -summary") == "address");
    CHECK(spec.slot("!address 75831234").empty());  // one region: detail, not a new moment
    // corpus/address/008.txt:3
    CHECK(spec.is_header("--- Usage Summary ---------------- RgnCount ----------- Total Size -------- %ofBusy %ofTotal"));
    CHECK_FALSE(spec.is_header("-------------------------------------------"));
}

TEST_CASE("parse::address reads the Stack Trace Database regions of seed 004") {
    // corpus/acceptance/seed004-stackdb.log:9-11
    auto const fed = feed("!address", {
        {9, "+ 0`001b0000 0`0188c000 0`016dc000 MEM_PRIVATE MEM_COMMIT PAGE_READWRITE Other [Stack Trace Database]"},
        {10, "0`0188c000 0`0188d000 0`00001000 MEM_PRIVATE MEM_RESERVE Other [Stack Trace Database]"},
        {11, "0`0188d000 0`019b0000 0`00123000 MEM_PRIVATE MEM_COMMIT PAGE_READWRITE Other [Stack Trace Database]"},
    });
    CHECK(fed.diags.empty());
    REQUIRE(fed.snapshot.address.size() == 1);
    auto const& regions = fed.snapshot.address[0].regions;
    REQUIRE(regions.size() == 3);
    CHECK(regions[0].size + regions[2].size == 0x17ff000);
    CHECK(regions[1].state == "MEM_RESERVE");
    CHECK(regions[1].state_id == dbgsift::model::RegionState::reserve);
    CHECK(regions[1].protect.empty());
    CHECK(regions[2].details == "[Stack Trace Database]");
    CHECK(regions[2].usage_class == dbgsift::model::UsageClass::stack_trace_database);
    CHECK(regions[2].loc.line == 11);
}

TEST_CASE("parse::address reads a new summary with an eaten <unknown>") {
    // corpus/address/008.txt:3-7, 17-26
    auto const fed = feed("!address  -summary", {
        {3, "--- Usage Summary ---------------- RgnCount ----------- Total Size -------- %ofBusy %ofTotal"},
        {4, "Free                                    101        0`7a5ba000 (   1.912 Gb)           95.60%"},
        {5, "Image                                   294        0`022b8000 (  34.719 Mb)  38.49%    1.70%"},
        {6, "                                 7        0`0113a000 (  17.227 Mb)  19.10%    0.84%"},
        {23, "--- State Summary ---------------- RgnCount ----------- Total Size -------- %ofBusy %ofTotal"},
        {26, "MEM_COMMIT                              400        0`02ad9000 (  42.848 Mb)  47.50%    2.09%"},
        {36, "--- Largest Region by Usage ----------- Base Address -------- Region Size ----------"},
        {39, "                                 0`7f0e0000        0`00f00000 (  15.000 Mb)"},
    });
    CHECK(fed.diags.empty());
    CHECK(fed.understood == 5);
    REQUIRE(fed.snapshot.address.size() == 1);
    auto const& a = fed.snapshot.address[0];
    auto const* unknown = row(a, "usage", "<unknown>");
    REQUIRE(unknown != nullptr);
    CHECK(unknown->bytes == 0x113a000);
    CHECK(*unknown->percent_busy == doctest::Approx(19.10));
    auto const* free = row(a, "usage", "Free");
    REQUIRE(free != nullptr);
    CHECK_FALSE(free->percent_busy.has_value());
    CHECK(*free->percent_total == doctest::Approx(95.60));
    CHECK(row(a, "state", "MEM_COMMIT")->bytes == 0x2ad9000);
    // the rows' names read into enums once, for inference
    CHECK(unknown->usage_class == dbgsift::model::UsageClass::unknown);
    CHECK(free->usage_class == dbgsift::model::UsageClass::free);
    CHECK(row(a, "usage", "Image")->usage_class == dbgsift::model::UsageClass::image);
    CHECK(row(a, "state", "MEM_COMMIT")->state == dbgsift::model::RegionState::commit);
    auto const* largest = row(a, "largest", "<unknown>");
    REQUIRE(largest != nullptr);
    CHECK(*largest->base == 0x7f0e0000);
    CHECK(largest->usage_class == dbgsift::model::UsageClass::unknown);
}

TEST_CASE("parse::address reads the old multi-line layout") {
    // corpus/address/010.txt:7-11, 22-24, 34
    auto const fed = feed("!address", {
        {7, "   00010000 : 00010000 - 00002000"},
        {8, "   Type     00020000 MEM_PRIVATE"},
        {9, "   Protect 00000004 PAGE_READWRITE"},
        {10, "   State   00001000 MEM_COMMIT"},
        {11, "   Usage   RegionUsageEnvironmentBlock"},
        {22, "   -------------------- Usage SUMMARY --------------------------"},
        {23, "   TotSize (     KB)   Pct(Tots) Pct(Busy)   Usage"},
        {24, "   701000 (   7172) : 00.34%   20.69%   : RegionUsageIsVAD"},
        {34, "   Tot: 7fff0000 (2097088 KB) Busy: 021db000 (34668 KB)"},
    });
    CHECK(fed.diags.empty());
    REQUIRE(fed.snapshot.address.size() == 1);
    auto const& a = fed.snapshot.address[0];
    REQUIRE(a.regions.size() == 1);
    CHECK(a.regions[0].base == 0x10000);
    CHECK(a.regions[0].end == 0x12000);
    CHECK(a.regions[0].type == "MEM_PRIVATE");
    CHECK(a.regions[0].state == "MEM_COMMIT");
    CHECK(a.regions[0].state_id == dbgsift::model::RegionState::commit);  // the old layout's "State" field
    CHECK(a.regions[0].usage == "RegionUsageEnvironmentBlock");
    auto const* vad = row(a, "usage", "RegionUsageIsVAD");
    REQUIRE(vad != nullptr);
    CHECK(vad->bytes == 0x701000);
    CHECK(*vad->percent_total == doctest::Approx(0.34));
    CHECK(*vad->percent_busy == doctest::Approx(20.69));
    CHECK(row(a, "total", "Busy")->bytes == 0x21db000);
    CHECK(row(a, "total", "Busy")->total == dbgsift::model::AddressTotal::busy);
    CHECK(row(a, "total", "Tot")->total == dbgsift::model::AddressTotal::total);
}

TEST_CASE("parse::address reports lines it cannot read and never throws") {
    // corpus/address/007.txt:10 (an author's comment) and garbage
    auto const fed = feed("!address", {{10, "// \xe7\x9c\x81\xe7\x95\xa5\xe5\xbe\x88\xe5\xa4\x9a..."},
                                       {11, std::string(300000, '`')},
                                       {12, "+ 0`00240000 0`00312000 0`000d2000 MEM_BOGUS"}});
    CHECK(fed.not_understood == 3);
    REQUIRE(fed.diags.size() == 3);
    CHECK(fed.diags[2].line == 12);
    CHECK(fed.diags[2].column == 35);
    CHECK(fed.snapshot.address.empty());
}

TEST_CASE("parse::address corpus files read with no diagnostics") {
    for (char const* name : {"001", "008", "009", "010", "011", "014", "015"}) {
        CAPTURE(name);
        auto const c = dbgsift::read_buffer(slurp(std::string(CORPUS_DIR) + "/address/" + name + ".txt"));
        CHECK(c.inputs[0].diagnostics.empty());
        CHECK(c.inputs[0].lines_understood > 5);
    }
    auto const c = dbgsift::read_buffer(slurp(std::string(CORPUS_DIR) + "/address/001.txt"));
    REQUIRE(c.snapshots.size() == 1);
    REQUIRE(c.snapshots[0].address.size() == 1);
    auto const& r = c.snapshots[0].address[0].regions.at(0);
    CHECK(r.base == 0x75831000);
    CHECK(r.end == 0x758f6000);
    CHECK(r.size == 0xc5000);
    CHECK(r.type == "MEM_IMAGE");
    CHECK(r.protect == "PAGE_EXECUTE_READ");
    CHECK(r.usage == "Image");
}

TEST_SUITE_END();
