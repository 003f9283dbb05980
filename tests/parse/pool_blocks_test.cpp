// SPDX-License-Identifier: MIT
// `!pool ADDR` pages through the pipeline; values checked by eye against the transcripts.
#include "dbgsift/pipeline.hpp"

#include <doctest/doctest.h>
#include "support/files.hpp"

namespace {

dbgsift::model::Case corpus_case(std::string const& rel) {
    return dbgsift::read_buffer(dbgsift::test::slurp(std::string(CORPUS_DIR) + "/" + rel), rel);
}

} // namespace

TEST_SUITE_BEGIN("parse/pool_blocks");

TEST_CASE("!pool: region, charged process and owner text (corpus/pool/002.txt)") {
    auto const c = corpus_case("pool/002.txt");
    CHECK(c.inputs.front().diagnostics.empty());
    REQUIRE(c.snapshots.size() == 1);
    REQUIRE(c.snapshots.front().pool_pages.size() == 1);
    auto const& page = c.snapshots.front().pool_pages.front();
    CHECK(page.queried == std::uint64_t{0x83b45af8});
    CHECK(page.pool == "nonpaged");
    REQUIRE(page.blocks.size() == 5);  // lines 3-7
    CHECK(page.blocks[2].tag == "Irp");
    CHECK(page.blocks[2].process == std::uint64_t{0x856afd40});
    auto const& marked = page.blocks[4];  // line 7, "*83b45ac8 size:  538 ... *TapA"
    CHECK(marked.marked);
    CHECK(marked.tag == "TapA");
    CHECK(marked.size == 0x538);
    REQUIRE(marked.owner.has_value());
    CHECK(marked.owner->empty());  // line 8: "Unknown (update pooltag.txt)"
    CHECK_FALSE(page.blocks[3].owner.has_value());
}

TEST_CASE("!pool on x64 paged pool, then the debugger's k (corpus/pool/003.txt)") {
    auto const c = corpus_case("pool/003.txt");
    CHECK(c.inputs.front().diagnostics.empty());
    auto const& page = c.snapshots.front().pool_pages.at(0);
    CHECK(page.pool == "paged");
    REQUIRE(page.blocks.size() == 7);
    CHECK(page.blocks.back().address == 0xffffde87fe461140);
    CHECK(page.blocks.back().tag == "TEMP");
    CHECK(page.blocks.back().owner.has_value());
}

TEST_CASE("the newer !poolfind -tag syntax: the tag after -tag (corpus/poolfind/003.txt)") {
    auto const c = corpus_case("poolfind/003.txt");
    CHECK(c.inputs.front().diagnostics.empty());
    REQUIRE(c.snapshots.front().pool_finds.size() == 1);
    auto const& find = c.snapshots.front().pool_finds.front();
    CHECK(find.tag == "Proc");  // "!poolfind -tag Proc -nonpaged", not "-tag"
    REQUIRE(find.blocks.size() == 36);  // lines 8-43
    CHECK(find.blocks[1].size == 0xaf0);  // line 9, the one that is not 0xb70
    CHECK(find.blocks.back().address == 0xffff830dab6b6010);
    CHECK(find.blocks.back().pool == "nonpaged");
}

TEST_CASE("!pool on a corrupted page: one block larger than the page (corpus/pool/004.txt)") {
    auto const c = corpus_case("pool/004.txt");
    CHECK(c.inputs.front().diagnostics.empty());
    auto const& page = c.snapshots.front().pool_pages.at(0);
    CHECK(page.pool == "paged");
    REQUIRE(page.blocks.size() == 1);  // line 51
    CHECK(page.blocks.front().size == 0x8020);
    CHECK(page.blocks.front().tag == ">.g.");
    CHECK_FALSE(page.blocks.front().allocated);
    CHECK(page.blocks.front().marked);
}

TEST_CASE("!pool: an owner line with no queried block above it belongs to no block") {
    auto const c = dbgsift::read_buffer(
        "kd> !pool e1001050\n e1001000 size:   40 previous size:    0  (Allocated)  MmDT\n"
        "\tOwning component : Unknown (update pooltag.txt)\n",
        "test");
    auto const& page = c.snapshots.at(0).pool_pages.at(0);
    REQUIRE(page.blocks.size() == 1);
    CHECK_FALSE(page.blocks[0].owner.has_value());
    // not read (the reader then takes the line for prose, so it is not listed either)
    CHECK(c.inputs.front().lines_understood == 1);
}

TEST_CASE("!pool: a row cut after \"size:\" is reported where the hex number was expected") {
    // The block row rule, tried first, is the one that reaches its expectation point here.
    auto const c = dbgsift::read_buffer(
        "kd> !pool e1001050\n826fa130 size: zz previous size:   40  (Allocated)  MmDT\n", "test");
    auto const& diags = c.inputs.front().diagnostics;
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].line == 2);
    CHECK(diags[0].column == 15);
    CHECK(diags[0].message == "expected hex number");
}

TEST_CASE("k after !pool: an x64 Child-SP / RetAddr / Call Site stack (corpus/pool/003.txt)") {
    auto const c = corpus_case("pool/003.txt");
    auto const& stacks = c.snapshots.front().thread_stacks;
    REQUIRE(stacks.size() == 1);
    auto const& frames = stacks.front().stack.frames;
    REQUIRE(frames.size() == 18);  // lines 20-37, under " # Child-SP          RetAddr               Call Site"
    CHECK(frames[0].name() == "nt!DbgBreakPointWithStatus");
    CHECK(frames[0].loc.line == 20);
    CHECK(frames[8].name() == "nfssvr!Nfs4SrvAclBuildWindowsAclsFromNfsAcl");  // line 28
    CHECK(frames[8].offset == std::uint64_t{0x3a4});
    // line 37: "11 ffffbf0f`b8e45b00 00000000`00000000     0xfffff803`0b5d5938", no module
    CHECK(frames.back().module.empty());
    CHECK(frames.back().address == std::uint64_t{0xfffff8030b5d5938});
}
