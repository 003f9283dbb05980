// SPDX-License-Identifier: MIT
// !analyze through its block parser; values checked by eye against corpus/pool/004.txt.
#include "dbgsift/parse/commands.hpp"

#include <doctest/doctest.h>
#include "support/files.hpp"

TEST_SUITE_BEGIN("parse/analyze");

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

TEST_SUITE_END();
