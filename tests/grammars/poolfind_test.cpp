// SPDX-License-Identifier: MIT
// `!poolfind` and `!pool` rows on real lines: corpus/poolfind/001.txt (MS docs, old layout),
// corpus/poolfind/002.txt (newer layout), corpus/pool/001.txt.
#include "grammars/poolfind/poolfind.hpp"
#include "support/parse_line.hpp"
#include <doctest/doctest.h>

using dbgsift::grammar::parse_line;
using dbgsift::grammar::view;
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
    CHECK(view(r.tag) == "SeSd");
    CHECK_FALSE(r.marked);
    // corpus/poolfind/001.txt:11
    g::ast::pool_block_row free_row;
    REQUIRE(parse_line("82721c00 size:   10 previous size:   30  (Free)      SeSd", 11, g::pool_block_row(), free_row, diags));
    CHECK(free_row.state == g::ast::pool_block_state::free);
    // corpus/pool/001.txt:4 (the queried block) and :3 (a two-letter tag padded with blanks)
    g::ast::pool_block_row marked, padded;
    REQUIRE(parse_line("*e1001050 size:   10 previous size:   10  (Allocated) *ObDi", 4, g::pool_block_row(), marked, diags));
    CHECK(marked.marked);
    CHECK(view(marked.tag) == "ObDi");
    REQUIRE(parse_line(" e1001040 size:   10 previous size:   40  (Free)       Mm  ", 3, g::pool_block_row(), padded, diags));
    CHECK(view(padded.tag) == "Mm");
    CHECK(diags.empty());
}

TEST_CASE("grammar::pool_block_row: the process charged and protected tags") {
    std::vector<dbgsift::diagnostic> diags;
    g::ast::pool_block_row r;
    // corpus/pool/002.txt:5 (an IRP charged to process 856afd40)
    REQUIRE(parse_line(" 83b452f0 size:  208 previous size:  1b0  (Allocated)  Irp  Process: 856afd40", 5,
                       g::pool_block_row(), r, diags));
    CHECK(view(r.tag) == "Irp");
    REQUIRE(r.process.has_value());
    CHECK(*r.process == 0x856afd40);
    CHECK_FALSE(r.protected_tag);
    // Object-manager tags print "(Protected)" after the tag: a real `!pool eax` from a public
    // Jekyll post on an HEVD pool overflow (repository not recorded, search-index file id
    // 40692273849), its first block row
    g::ast::pool_block_row even;
    REQUIRE(parse_line(" 86294000 size:   30 previous size:    0  (Allocated)  Even (Protected)", 1,
                       g::pool_block_row(), even, diags));
    CHECK(view(even.tag) == "Even");
    CHECK(even.protected_tag);
    CHECK_FALSE(even.process.has_value());
    // The queried block of an object-manager tag: both the '*' marks and "(Protected)"
    // (corpus/pool/008.txt:3, from another `!pool` of the same post)
    g::ast::pool_block_row queried;
    REQUIRE(parse_line("*8628a000 size:   40 previous size:    0  (Allocated) *Even (Protected)", 3,
                       g::pool_block_row(), queried, diags));
    CHECK(queried.marked);
    CHECK(view(queried.tag) == "Even");
    CHECK(queried.protected_tag);
    CHECK(queried.size == 0x40);
    CHECK(diags.empty());
}

// The parser tries the block row rule first (src/dbgsift/parse/poolfind.cpp): that order is safe
// only while the rule refuses every other kind of line in these blocks without a diagnostic.
TEST_CASE("grammar::pool_block_row refuses the other rules' lines, silently") {
    for (std::string_view const other : {
             "81 full reads broken into 93 partial reads",          // corpus/poolfind/002.txt:8
             "    counts: 56 cached/37 uncached, 60.22% cached",   // :9
             "    bytes : 4456 cached/7109 uncached, 38.53% cached",  // :10
             "Scanning large pool allocation table for tag 0x636f7250 (Proc) "
             "(ffff830da1e60000 : ffff830da1f20000)",               // corpus/poolfind/003.txt:3
             "ffff830da0ce8010 : tag Proc, size     0xb70, Nonpaged pool",  // :8
             "ffffc48068d7d000 is not valid pool. Checking for freed (or corrupt) pool",  // corpus/pool/006.txt:18
             "Address ffffc48068d7d000 could not be read. It may be a freed, invalid or paged out page",  // :19
             "\t\tOwning component : Unknown (update pooltag.txt)",  // corpus/pool/003.txt:10
             "Pool page 83b45af8 region is Nonpaged pool",
             "Searching Paged pool (e1000000 : e4400000) for Tag: SeSd",
             "...terminating - searched pool to e1224000",
         }) {
        CAPTURE(other);
        std::vector<dbgsift::diagnostic> diags;
        g::ast::pool_block_row r;
        CHECK_FALSE(parse_line(other, 1, g::pool_block_row(), r, diags));
        CHECK(diags.empty());
    }
}

TEST_CASE("grammar::pool_page_region and pool_owner") {
    std::vector<dbgsift::diagnostic> diags;
    g::ast::pool_page_region region;
    // corpus/pool/002.txt:2 and corpus/pool/003.txt:2
    REQUIRE(parse_line("Pool page 83b45af8 region is Nonpaged pool", 2, g::pool_page_region(), region, diags));
    CHECK(region.address == 0x83b45af8);
    CHECK(region.pool == g::ast::pool_kind::nonpaged);
    REQUIRE(parse_line("Pool page ffffde87fe461150 region is Paged pool", 2, g::pool_page_region(), region, diags));
    CHECK(region.address == 0xffffde87fe461150);
    CHECK(region.pool == g::ast::pool_kind::paged);
    // corpus/pool/002.txt:8 (one tab) and corpus/pool/003.txt:10 (two tabs)
    std::string owner, owner2;
    REQUIRE(parse_line("\tOwning component : Unknown (update pooltag.txt)", 8, g::pool_owner(), owner, diags));
    CHECK(owner.empty());
    REQUIRE(parse_line("\t\tOwning component : Unknown (update pooltag.txt)", 10, g::pool_owner(), owner2, diags));
    CHECK(owner2.empty());
    CHECK(diags.empty());
    CHECK_FALSE(parse_line("Owning component", 8, g::pool_owner(), owner, diags));
    SUBCASE("the newer 'Pooltag TAG : description, Binary : file' form (corpus/pool/005.txt:290)") {
        std::string named;
        REQUIRE(parse_line("\t\tPooltag MmSt : Mm section object prototype ptes, Binary : nt!mm", 290, g::pool_owner(),
                           named, diags));
        CHECK(named == "Mm section object prototype ptes, Binary : nt!mm");
    }
    SUBCASE("the 'Pooltag TAG : description' form without a binary (corpus/pool/008.txt:4)") {
        std::string named;
        REQUIRE(parse_line("\t\tPooltag Even : Event objects", 4, g::pool_owner(), named, diags));
        CHECK(named == "Event objects");
    }
}

TEST_CASE("grammar::pool_find_row and the search lines") {
    std::vector<dbgsift::diagnostic> diags;
    g::ast::pool_find_row r;
    // corpus/poolfind/002.txt:16-17
    REQUIRE(parse_line("86619000 : tag XPPH, size    0x79e8, Nonpaged pool", 16, g::pool_find_row(), r, diags));
    CHECK(r.address == 0x86619000);
    CHECK(view(r.tag) == "XPPH");
    CHECK(r.size == 0x79e8);
    CHECK(r.pool == g::ast::pool_kind::nonpaged);
    g::ast::pool_find_row zero;
    REQUIRE(parse_line("866209f0 : tag Frag, size         0, Nonpaged pool", 17, g::pool_find_row(), zero, diags));
    CHECK(zero.size == 0);
    g::ast::pool_search s;
    // corpus/poolfind/001.txt:33
    REQUIRE(parse_line("Searching Paged pool (e1000000 : e4400000) for Tag: SeSd", 33, g::pool_search(), s, diags));
    CHECK(s.pool == g::ast::pool_kind::paged);
    // corpus/poolfind/003.txt:6 (newer extension: lower case, the tag as a number and text)
    g::ast::pool_search newer;
    REQUIRE(parse_line("Searching nonpaged pool (ffff830000000000 : ffff930000000000) for tag 0x636f7250 (Proc)", 6,
                       g::pool_search(), newer, diags));
    CHECK(newer.pool == g::ast::pool_kind::nonpaged);
    // corpus/poolfind/003.txt:8
    g::ast::pool_find_row proc;
    REQUIRE(parse_line("ffff830da0ce8010 : tag Proc, size     0xb70, Nonpaged pool", 8, g::pool_find_row(), proc,
                       diags));
    CHECK(proc.address == 0xffff830da0ce8010);
    CHECK(view(proc.tag) == "Proc");
    CHECK(proc.size == 0xb70);
    boost::spirit::x3::unused_type none;
    CHECK(parse_line("...terminating - searched pool to e1224000", 41, g::pool_terminated(), none, diags));
    CHECK(parse_line("Scanning large pool allocation table for tag 0x2020202a (*   ) (afc00000 : b0000000)", 14,
                     g::pool_chatter(), none, diags));
    CHECK(diags.empty());
}
