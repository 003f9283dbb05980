// SPDX-License-Identifier: MIT
// !poolval and !analyze's bugcheck summary on real lines: corpus/pool/004.txt (a BAD_POOL_HEADER
// dump) and corpus/pool/005.txt (a KERNEL_MODE_HEAP_CORRUPTION dump), both from the
// InsightEngineering notes (provenance in corpus/SOURCES.md), and the "region is Unknown" line
// of a third page of the same notes (search-index file id 40576843573).
#include "grammars/bugcheck/bugcheck.hpp"
#include "grammars/poolfind/poolfind.hpp"
#include "grammars/poolval/poolval.hpp"
#include "support/parse_line.hpp"
#include <doctest/doctest.h>

using dbgsift::grammar::parse_line;
namespace g = dbgsift::grammar;

TEST_SUITE_BEGIN("grammar/pool_corruption");

TEST_CASE("grammar::poolval lines") {
    std::vector<dbgsift::diagnostic> diags;
    boost::spirit::x3::unused_type none;
    SUBCASE("the command: corpus/pool/004.txt:65") {
        CHECK(parse_line("!poolval ffffbd06d46e0000", 65, g::poolval_command(), none, diags));
        CHECK_FALSE(parse_line("!pool ffffbd06d46e0000", 49, g::poolval_command(), none, diags));
    }
    SUBCASE("the region: corpus/pool/004.txt:66, and a page !poolval could not place") {
        g::ast::poolval_region r;
        REQUIRE(parse_line("Pool page ffffbd06d46e0000 region is Paged pool", 66, g::poolval_region(), r, diags));
        CHECK(r.page == 0xffffbd06d46e0000u);
        CHECK(r.region == "Paged pool");
        g::ast::poolval_region u;
        REQUIRE(parse_line("Pool page 0fffc48068d7d000 region is Unknown", 2, g::poolval_region(), u, diags));
        CHECK(u.page == 0x0fffc48068d7d000u);
        CHECK(u.region == "Unknown");
    }
    SUBCASE("the page validated: corpus/pool/004.txt:68") {
        g::ast::poolval_validating v;
        REQUIRE(parse_line("Validating Pool headers for pool page: ffffbd06d46e0000", 68, g::poolval_validating(), v,
                           diags));
        CHECK(v.page == 0xffffbd06d46e0000u);
    }
    SUBCASE("the verdict: corpus/pool/004.txt:70") {
        g::ast::poolval_verdict v;
        REQUIRE(parse_line("Pool page [ ffffbd06d46e0000 ] is INVALID.", 70, g::poolval_verdict(), v, diags));
        CHECK(v.page == 0xffffbd06d46e0000u);
        CHECK(v.verdict == dbgsift::model::PoolPageVerdict::invalid);
        CHECK(v.line == 70);
    }
    SUBCASE("a refused header: corpus/pool/004.txt:73") {
        g::ast::poolval_problem p;
        REQUIRE(parse_line("[ ffffbd06d46e0000 ]: invalid previous size [ 0x41 ] should be [ 0x0 ]", 73,
                           g::poolval_problem(), p, diags));
        CHECK(p.header == 0xffffbd06d46e0000u);
        CHECK(p.what == "invalid previous size ");
        CHECK(p.found == 0x41);
        CHECK(p.expected == 0);
    }
    SUBCASE("progress and the single-bit scan: corpus/pool/004.txt:72, 76, 78") {
        g::ast::poolval_step s{};
        REQUIRE(parse_line("Analyzing linked list...", 72, g::poolval_step(), s, diags));
        CHECK(s == g::ast::poolval_step::analyzing_list);
        REQUIRE(parse_line("Scanning for single bit errors...", 76, g::poolval_step(), s, diags));
        CHECK(s == g::ast::poolval_step::scanning_bits);
        REQUIRE(parse_line("None found", 78, g::poolval_step(), s, diags));
        CHECK(s == g::ast::poolval_step::none_found);
    }
    SUBCASE("a damaged verdict is not read") {
        g::ast::poolval_verdict v;
        CHECK_FALSE(parse_line("Pool page [ ffffbd06d46e0000 ] is FINE.", 70, g::poolval_verdict(), v, diags));
    }
}

TEST_CASE("grammar::pool_page_damage: !pool on a page that does not walk, corpus/pool/006.txt:15-19") {
    std::vector<dbgsift::diagnostic> diags;
    using dbgsift::model::PoolPageTrouble;
    g::ast::pool_page_region r;
    REQUIRE(parse_line("Pool page ffffc48068d7d000 region is Unknown", 15, g::pool_page_region(), r, diags));
    CHECK(r.pool == g::ast::pool_kind::unknown);
    g::ast::pool_page_damage a;
    REQUIRE(parse_line("ffffc48068d7d000 is not a valid large pool allocation, checking large session pool...", 16,
                       g::pool_page_damage(), a, diags));
    CHECK(a.kind == PoolPageTrouble::not_large_pool);
    CHECK(a.address == 0xffffc48068d7d000u);
    boost::spirit::x3::unused_type none;
    CHECK(parse_line("Unable to read large session pool table (Session data is not present in mini and kernel-only dumps)",
                     17, g::pool_chatter(), none, diags));
    g::ast::pool_page_damage b;
    REQUIRE(parse_line("ffffc48068d7d000 is not valid pool. Checking for freed (or corrupt) pool", 18,
                       g::pool_page_damage(), b, diags));
    CHECK(b.kind == PoolPageTrouble::not_valid_pool);
    CHECK(b.line == 18);
    g::ast::pool_page_damage c;
    REQUIRE(parse_line("Address ffffc48068d7d000 could not be read. It may be a freed, invalid or paged out page", 19,
                       g::pool_page_damage(), c, diags));
    CHECK(c.kind == PoolPageTrouble::unreadable);
    CHECK(c.address == 0xffffc48068d7d000u);
    CHECK(diags.empty());
}

TEST_CASE("grammar::bugcheck lines of !analyze") {
    std::vector<dbgsift::diagnostic> diags;
    boost::spirit::x3::unused_type none;
    SUBCASE("the command: corpus/pool/004.txt:1, corpus/pool/005.txt:1") {
        CHECK(parse_line("!analyze", 1, g::analyze_command(), none, diags));
        CHECK(parse_line("!analyze -v", 1, g::analyze_command(), none, diags));
        CHECK_FALSE(parse_line("!analyzer", 1, g::analyze_command(), none, diags));
    }
    SUBCASE("the title: corpus/pool/004.txt:8, corpus/pool/005.txt:8") {
        g::ast::bugcheck_title t;
        REQUIRE(parse_line("BAD_POOL_HEADER (19)", 8, g::bugcheck_title(), t, diags));
        CHECK(t.name == "BAD_POOL_HEADER");
        CHECK(t.code == 0x19);
        g::ast::bugcheck_title k;
        REQUIRE(parse_line("KERNEL_MODE_HEAP_CORRUPTION (13a)", 8, g::bugcheck_title(), k, diags));
        CHECK(k.name == "KERNEL_MODE_HEAP_CORRUPTION");
        CHECK(k.code == 0x13a);
        g::ast::bugcheck_title no;
        CHECK_FALSE(parse_line("Debugging Details:", 20, g::bugcheck_title(), no, diags));
    }
    SUBCASE("the arguments: corpus/pool/004.txt:15-16, corpus/pool/005.txt:12") {
        g::ast::bugcheck_arg a;
        REQUIRE(parse_line("Arg1: 0000000000000022, ", 15, g::bugcheck_arg(), a, diags));
        CHECK(a.index == 1);
        CHECK(a.value == 0x22);
        REQUIRE(parse_line("Arg2: ffffbd06d46e0000", 16, g::bugcheck_arg(), a, diags));
        CHECK(a.index == 2);
        CHECK(a.value == 0xffffbd06d46e0000u);
        REQUIRE(parse_line("Arg3: ffffe2809abee000, Address at which the corruption was detected", 12,
                           g::bugcheck_arg(), a, diags));
        CHECK(a.index == 3);
        CHECK(a.value == 0xffffe2809abee000u);
    }
    SUBCASE("the banner: corpus/pool/004.txt:4") {
        CHECK(parse_line("*                        Bugcheck Analysis                                    *", 4,
                         g::analyze_banner(), none, diags));
        CHECK_FALSE(parse_line("*                                                                             *", 3,
                               g::analyze_banner(), none, diags));
    }
    SUBCASE("the short form of plain !analyze and the load banner (pastebin.com/EkT81ztS, pastebin.com/QpLfYqP8)") {
        g::ast::bugcheck_short b;
        REQUIRE(parse_line("BugCheck 19, {3, fffff88005fec160, fffff88005fec160, fffff88005fcc160}", 1,
                           g::bugcheck_short(), b, diags));
        CHECK(b.code == 0x19);
        REQUIRE(b.args.size() == 4);
        CHECK(b.args[0] == 3);
        CHECK(b.args[3] == 0xfffff88005fcc160u);
        g::ast::analyze_probable p;
        REQUIRE(parse_line("Probably caused by : Pool_Corruption ( nt!ExDeferredFreePool+a56 )", 2,
                           g::analyze_probable(), p, diags));
        CHECK(p.image == "Pool_Corruption");
        REQUIRE(p.symbol);
        CHECK(p.symbol->module == "nt");
        CHECK(p.symbol->function == "ExDeferredFreePool");
        CHECK(p.symbol->offset == 0xa56u);
        g::ast::analyze_probable m;
        REQUIRE(parse_line("Probably caused by : memory_corruption", 2, g::analyze_probable(), m, diags));
        CHECK(m.image == "memory_corruption");
        CHECK_FALSE(m.symbol);
    }
    SUBCASE("the keys: corpus/pool/004.txt:24, 36-40, corpus/pool/005.txt") {
        g::ast::bugcheck_code c;
        REQUIRE(parse_line("BUGCHECK_CODE:  19", 24, g::bugcheck_code(), c, diags));
        CHECK(c.code == 0x19);
        g::ast::analyze_name n;
        REQUIRE(parse_line("MODULE_NAME: Driver", 38, g::analyze_name(), n, diags));
        CHECK(n.key == g::ast::analyze_name_key::module_name);
        CHECK(n.value == "Driver");
        g::ast::analyze_name i;
        REQUIRE(parse_line("IMAGE_NAME:  Driver.sys", 40, g::analyze_name(), i, diags));
        CHECK(i.key == g::ast::analyze_name_key::image_name);
        CHECK(i.value == "Driver.sys");
        g::ast::analyze_symbol s;
        REQUIRE(parse_line("SYMBOL_NAME:  Driver+1170", 36, g::analyze_symbol(), s, diags));
        CHECK(s.module == "Driver");
        CHECK(s.function.empty());
        CHECK(s.offset == 0x1170u);
        g::ast::analyze_symbol f;
        REQUIRE(parse_line("SYMBOL_NAME:  Driver!CreateRandomFile+13b", 1, g::analyze_symbol(), f, diags));
        CHECK(f.module == "Driver");
        CHECK(f.function == "CreateRandomFile");
        CHECK(f.offset == 0x13bu);
        g::ast::analyze_name other;
        CHECK_FALSE(parse_line("PROCESS_NAME:  System", 34, g::analyze_name(), other, diags));
    }
}
