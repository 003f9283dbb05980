// SPDX-License-Identifier: MIT
// PoolMon rows on real lines: corpus/poolmon/001.txt (MS docs "PoolMon Display" sample).
#include "grammars/poolmon/poolmon.hpp"
#include "dbgsift/pipeline.hpp"
#include "support/files.hpp"
#include "support/parse_line.hpp"
#include <doctest/doctest.h>

using dbgsift::grammar::parse_line;
namespace g = dbgsift::grammar;

TEST_SUITE_BEGIN("grammar/poolmon");

TEST_CASE("grammar::poolmon_row") {
    std::vector<dbgsift::diagnostic> diags;
    g::ast::poolmon_row r;
    // corpus/poolmon/001.txt:10
    REQUIRE(parse_line(" Io   Nonp    1021112 (   1)   1020985 (   1)      127   91912 (     0)    723", 10,
                       g::poolmon_row(), r, diags));
    CHECK(r.tag == "Io");
    CHECK(r.type == g::ast::poolmon_type::nonpaged);
    CHECK(r.allocs == 1021112);
    CHECK(r.allocs_change == 1);
    CHECK(r.frees == 1020985);
    CHECK(r.diff == 127);  // 1021112 - 1020985
    CHECK(r.bytes == 91912);
    CHECK(r.per_alloc == 723);  // 91912 / 127
    boost::spirit::x3::unused_type none;
    // corpus/poolmon/001.txt:4, :1
    CHECK(parse_line(" Tag  Type     Allocs            Frees            Diff   Bytes       Per Alloc", 4,
                     g::poolmon_header(), none, diags));
    CHECK(parse_line(" Memory:  260620K Avail:   96364K  PageFlts:     0   InRam Krnl: 1916K P:17856K", 1,
                     g::poolmon_preamble(), none, diags));
    CHECK(diags.empty());
    SUBCASE("a poolmon /n log file has no change columns (corpus/poolmon/002.txt:6, with the leading blank poolmon prints)") {
        g::ast::poolmon_row n;
        REQUIRE(parse_line(" EtwB Nonp       6394      4056      2338 163418368      69896", 6, g::poolmon_row(), n, diags));
        CHECK(n.tag == "EtwB");
        CHECK(n.allocs == 6394);
        CHECK(n.allocs_change == 0);
        CHECK(n.frees == 4056);
        CHECK(n.diff == 2338);  // 6394 - 4056
        CHECK(n.bytes == 163418368);
        CHECK(n.per_alloc == 69896);  // 163418368 / 2338
        CHECK(diags.empty());
    }
    SUBCASE("a row cut after its counts is still reported") {
        g::ast::poolmon_row cut;
        CHECK_FALSE(parse_line(" EtwB Nonp       6394      4056", 6, g::poolmon_row(), cut, diags));
        CHECK_FALSE(diags.empty());
    }
}

TEST_CASE("a PoolMon screen is a pool snapshot (corpus/poolmon/001.txt)") {
    auto const c = dbgsift::read_buffer(dbgsift::test::slurp(std::string(CORPUS_DIR) + "/poolmon/001.txt"),
                                        "poolmon/001.txt");
    REQUIRE(c.snapshots.size() == 1);
    REQUIRE(c.snapshots.front().pool.size() == 1);
    auto const& t = c.snapshots.front().pool.front();
    REQUIRE(t.tags.size() == 8);
    CHECK(t.tags[0].tag == "Wait");
    CHECK(*t.tags[0].nonpaged.diff == 30);
    CHECK(t.tags[2].tag == "Gxlt");
    CHECK(*t.tags[2].paged.used == 864);
    CHECK_FALSE(t.tags[2].nonpaged.used.has_value());
}
