// SPDX-License-Identifier: MIT
// !poolval and !poolfind through their block parsers; values checked by eye
// against corpus/pool/004.txt and corpus/pool/006.txt.
#include "dbgsift/parse/commands.hpp"

#include <doctest/doctest.h>
#include "support/files.hpp"

TEST_SUITE_BEGIN("parse/pool_corruption");

TEST_CASE("parse::poolval reads the verdict, the refused header and the scan") {
    auto const spec = dbgsift::parse::poolval_spec();
    CHECK(spec.is_command("!poolval ffffbd06d46e0000"));
    CHECK_FALSE(spec.is_command("!pool ffffbd06d46e0000"));
    // corpus/pool/004.txt:66-78 (blank lines never reach a parser)
    auto const fed = dbgsift::test::feed_block(spec, "!poolval ffffbd06d46e0000", {
        {66, "Pool page ffffbd06d46e0000 region is Paged pool"},
        {68, "Validating Pool headers for pool page: ffffbd06d46e0000"},
        {70, "Pool page [ ffffbd06d46e0000 ] is INVALID."},
        {72, "Analyzing linked list..."},
        {73, "[ ffffbd06d46e0000 ]: invalid previous size [ 0x41 ] should be [ 0x0 ]"},
        {76, "Scanning for single bit errors..."},
        {78, "None found"},
    });
    CHECK(fed.diags.empty());
    CHECK(fed.understood == 7);
    REQUIRE(fed.snapshot.pool_validations.size() == 1);
    auto const& v = fed.snapshot.pool_validations[0];
    CHECK(v.page == 0xffffbd06d46e0000u);
    CHECK(v.region == "Paged pool");
    CHECK(v.verdict == dbgsift::model::PoolPageVerdict::invalid);
    CHECK(v.verdict_loc.line == 70);
    REQUIRE(v.problems.size() == 1);
    CHECK(v.problems[0].what == "invalid previous size");
    CHECK(v.problems[0].found == 0x41);
    CHECK(v.problems[0].expected == 0);
    CHECK(v.problems[0].loc.line == 73);
    CHECK(v.bit_scan == dbgsift::model::SingleBitScan::none_found);
    CHECK(v.bit_scan_loc.line == 78);
    CHECK(v.loc.line == 66);
}

TEST_CASE("parse::poolval: a damaged line is a diagnostic, the rest still read") {
    auto const fed = dbgsift::test::feed_block(dbgsift::parse::poolval_spec(), "!poolval ffffbd06d46e0000", {
        {70, "Pool page [ ffffbd06d46e0000 ] is INVALID."},
        {73, "[ ffffbd06d46e0000 ]: invalid previous size [ 0x41 ] should"},
        {78, "None found"},
    });
    CHECK(fed.diags.size() == 1);
    CHECK(fed.not_understood == 1);
    REQUIRE(fed.snapshot.pool_validations.size() == 1);
    CHECK(fed.snapshot.pool_validations[0].problems.empty());
    CHECK(fed.snapshot.pool_validations[0].bit_scan == dbgsift::model::SingleBitScan::none_found);
}

TEST_CASE("parse::poolfind keeps what !pool says of a page that does not walk") {
    // corpus/pool/006.txt:14-19
    auto const fed = dbgsift::test::feed_block(dbgsift::parse::poolfind_spec(), "!pool ffffc48068d7d000", {
        {15, "Pool page ffffc48068d7d000 region is Unknown"},
        {16, "ffffc48068d7d000 is not a valid large pool allocation, checking large session pool..."},
        {17, "Unable to read large session pool table (Session data is not present in mini and kernel-only dumps)"},
        {18, "ffffc48068d7d000 is not valid pool. Checking for freed (or corrupt) pool"},
        {19, "Address ffffc48068d7d000 could not be read. It may be a freed, invalid or paged out page"},
    });
    CHECK(fed.diags.empty());
    CHECK(fed.not_understood == 0);
    REQUIRE(fed.snapshot.pool_pages.size() == 1);
    auto const& page = fed.snapshot.pool_pages[0];
    CHECK(page.pool.empty());  // region Unknown
    CHECK(page.blocks.empty());
    REQUIRE(page.messages.size() == 3);
    CHECK(page.messages[1].kind == dbgsift::model::PoolPageTrouble::not_valid_pool);
    CHECK(page.messages[1].address == 0xffffc48068d7d000u);
    CHECK(page.messages[1].loc.line == 18);
    CHECK(page.messages[2].kind == dbgsift::model::PoolPageTrouble::unreadable);
}

TEST_SUITE_END();
