// SPDX-License-Identifier: MIT
// !poolval, !analyze and !poolfind through their block parsers; values checked by eye
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

TEST_CASE("parse::analyze keeps the bugcheck summary and ignores the rest") {
    auto const spec = dbgsift::parse::analyze_spec();
    CHECK(spec.is_command("!analyze"));
    CHECK(spec.is_command("!analyze -v"));
    // corpus/pool/004.txt:2-46, a selection (blank lines never reach a parser)
    auto const fed = dbgsift::test::feed_block(spec, "!analyze", {
        {2, "*******************************************************************************"},
        {4, "*                        Bugcheck Analysis                                    *"},
        {8, "BAD_POOL_HEADER (19)"},
        {9, "The pool is already corrupt at the time of the current request."},
        {14, "Arguments:"},
        {15, "Arg1: 0000000000000022, "},
        {16, "Arg2: ffffbd06d46e0000"},
        {17, "Arg3: 0000000000000001"},
        {18, "Arg4: 0000000000000000"},
        {24, "BUGCHECK_CODE:  19"},
        {34, "PROCESS_NAME:  System"},
        {36, "SYMBOL_NAME:  Driver+1170"},
        {38, "MODULE_NAME: Driver"},
        {40, "IMAGE_NAME:  Driver.sys"},
        {42, "FAILURE_BUCKET_ID:  0x19_22_Driver!unknown_function"},
        {46, "Followup:     MachineOwner"},
    });
    CHECK(fed.diags.empty());
    CHECK(fed.not_understood == 0);
    CHECK(fed.understood == 9);
    REQUIRE(fed.snapshot.bugchecks.size() == 1);
    auto const& b = fed.snapshot.bugchecks[0];
    CHECK(b.name == "BAD_POOL_HEADER");
    REQUIRE(b.code);
    CHECK(b.code->value == 0x19);
    CHECK(b.code->loc.line == 8);
    REQUIRE(b.args[0]);
    CHECK(b.args[0]->value == 0x22);
    REQUIRE(b.args[1]);
    CHECK(b.args[1]->value == 0xffffbd06d46e0000u);
    CHECK(b.args[1]->loc.line == 16);
    REQUIRE(b.args[3]);
    CHECK(b.args[3]->value == 0);
    REQUIRE(b.module_name);
    CHECK(b.module_name->value == "Driver");
    REQUIRE(b.image_name);
    CHECK(b.image_name->value == "Driver.sys");
    CHECK(b.image_name->loc.line == 40);
    REQUIRE(b.symbol);
    CHECK(b.symbol->module == "Driver");
    CHECK(b.symbol->offset == 0x1170u);
    CHECK(b.loc.line == 8);
}

// The parser tries each rule only on a line led by its first word's first byte: every rule
// still reads its line behind blanks and tabs, and a prose line led by the same byte is ignored.
TEST_CASE("parse::analyze: each rule reads its line after blanks; prose with its first byte is ignored") {
    auto const fed = dbgsift::test::feed_block(dbgsift::parse::analyze_spec(), "!analyze -v", {
        {1, "\tBAD_POOL_HEADER (19)"},
        {2, "  BugCheck 19, {22, ffffbd06d46e0000, 1, 0}"},
        {3, "Bugcheck code is not a line the rules read"},
        {4, "   Arg3: 0000000000000001"},
        {5, " Arguments:"},
        {6, "\t BUGCHECK_CODE:  19"},
        {7, "  Probably caused by : Pool_Corruption ( nt!ExDeferredFreePool+a56 )"},
        {8, "    MODULE_NAME: Driver"},
        {9, "    IMAGE_NAME:  Driver.sys"},
        {10, "  SYMBOL_NAME:  Driver!Leak+13b"},
        {11, "  STACK_TEXT:"},
    });
    CHECK(fed.diags.empty());
    CHECK(fed.not_understood == 0);
    CHECK(fed.understood == 8);
    REQUIRE(fed.snapshot.bugchecks.size() == 1);
    auto const& b = fed.snapshot.bugchecks[0];
    CHECK(b.name == "BAD_POOL_HEADER");
    REQUIRE(b.code);
    CHECK(b.code->value == 0x19);
    CHECK(b.code->loc.line == 1);
    REQUIRE(b.args[1]);
    CHECK(b.args[1]->value == 0xffffbd06d46e0000u);  // the short form's
    CHECK(b.args[1]->loc.line == 2);
    REQUIRE(b.args[2]);
    CHECK(b.args[2]->loc.line == 4);  // Arg3's line, over the short form's
    REQUIRE(b.image_name);
    CHECK(b.image_name->value == "Driver.sys");
    CHECK(b.image_name->loc.line == 9);
    REQUIRE(b.module_name);
    CHECK(b.module_name->value == "Driver");
    REQUIRE(b.symbol);
    CHECK(b.symbol->function == "Leak");
    CHECK(b.symbol->offset == 0x13bu);
    CHECK(b.symbol->loc.line == 10);
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
