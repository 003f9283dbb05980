// SPDX-License-Identifier: MIT
// `!poolfind` and `!pool` rows on real lines: corpus/poolfind/001.txt (MS docs, old layout),
// corpus/poolfind/002.txt (newer layout), corpus/pool/001.txt.
#include "grammars/poolfind/poolfind.hpp"
#include "support/parse_line.hpp"
#include <doctest/doctest.h>

using dbgsift::grammar::parse_line;
namespace g = dbgsift::grammar;

TEST_SUITE_BEGIN("grammar/poolfind");

TEST_CASE("grammar::pool_block_row") {
    std::vector<dbgsift::diagnostic> diags;
    g::ast::pool_block_row r;
    // corpus/poolfind/001.txt:7
    REQUIRE(parse_line("826fa130 size:   c0 previous size:   40  (Allocated) SeSd", 7, g::pool_block_row(), r, diags));
    CHECK(r.address == 0x826fa130);
    CHECK(r.size == 0xc0);
    CHECK(r.previous_size == 0x40);
    CHECK(r.state == g::ast::pool_block_state::allocated);
    CHECK(r.tag == "SeSd");
    CHECK_FALSE(r.marked);
    // corpus/poolfind/001.txt:11
    g::ast::pool_block_row free_row;
    REQUIRE(parse_line("82721c00 size:   10 previous size:   30  (Free)      SeSd", 11, g::pool_block_row(), free_row, diags));
    CHECK(free_row.state == g::ast::pool_block_state::free);
    // corpus/pool/001.txt:4 (the queried block) and :3 (a two-letter tag padded with blanks)
    g::ast::pool_block_row marked, padded;
    REQUIRE(parse_line("*e1001050 size:   10 previous size:   10  (Allocated) *ObDi", 4, g::pool_block_row(), marked, diags));
    CHECK(marked.marked);
    CHECK(marked.tag == "ObDi");
    REQUIRE(parse_line(" e1001040 size:   10 previous size:   40  (Free)       Mm  ", 3, g::pool_block_row(), padded, diags));
    CHECK(padded.tag == "Mm");
    CHECK(diags.empty());
}

TEST_CASE("grammar::pool_find_row and the search lines") {
    std::vector<dbgsift::diagnostic> diags;
    g::ast::pool_find_row r;
    // corpus/poolfind/002.txt:16-17
    REQUIRE(parse_line("86619000 : tag XPPH, size    0x79e8, Nonpaged pool", 16, g::pool_find_row(), r, diags));
    CHECK(r.address == 0x86619000);
    CHECK(r.tag == "XPPH");
    CHECK(r.size == 0x79e8);
    CHECK(r.pool == g::ast::pool_kind::nonpaged);
    g::ast::pool_find_row zero;
    REQUIRE(parse_line("866209f0 : tag Frag, size         0, Nonpaged pool", 17, g::pool_find_row(), zero, diags));
    CHECK(zero.size == 0);
    g::ast::pool_search s;
    // corpus/poolfind/001.txt:33
    REQUIRE(parse_line("Searching Paged pool (e1000000 : e4400000) for Tag: SeSd", 33, g::pool_search(), s, diags));
    CHECK(s.pool == g::ast::pool_kind::paged);
    boost::spirit::x3::unused_type none;
    CHECK(parse_line("...terminating - searched pool to e1224000", 41, g::pool_terminated(), none, diags));
    CHECK(parse_line("Scanning large pool allocation table for tag 0x2020202a (*   ) (afc00000 : b0000000)", 14,
                     g::pool_chatter(), none, diags));
    CHECK(diags.empty());
}
