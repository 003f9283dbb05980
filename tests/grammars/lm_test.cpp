// SPDX-License-Identifier: MIT
#include "grammars/lm/lm.hpp"
#include "support/parse_line.hpp"
#include <doctest/doctest.h>

using dbgsift::diagnostic;
using dbgsift::grammar::parse_line;
using dbgsift::grammar::view;
namespace ast = dbgsift::grammar::ast;
namespace x3 = boost::spirit::x3;

TEST_SUITE_BEGIN("grammar/lm");

TEST_CASE("grammar::lm_command and headers") {
    std::vector<diagnostic> diags;
    std::string opts;
    x3::unused_type nothing;
    SUBCASE("lmv m with a module name") {
        // acceptance seed002-myav.log:49
        REQUIRE(parse_line("lmv m MyAVDrv.sys", 49, dbgsift::grammar::lm_command(), opts, diags));
        CHECK(opts == "v");
    }
    SUBCASE("lm a with an address, lmsm, bare lm with trailing blanks") {
        // shared/seeds/003 line 74; shared/corpus/lm/003.txt:1; shared/corpus/lm/008.txt:1
        CHECK(parse_line("lm a fffff880`044b63aa", 74, dbgsift::grammar::lm_command(), opts, diags));
        CHECK(parse_line("lmsm", 1, dbgsift::grammar::lm_command(), opts, diags));
        CHECK(parse_line("lm  ", 1, dbgsift::grammar::lm_command(), opts, diags));
    }
    SUBCASE("other commands are not lm") {
        CHECK_FALSE(parse_line("ln fffff880`044b63aa", 1, dbgsift::grammar::lm_command(), opts, diags));
        CHECK_FALSE(parse_line("lm1x", 1, dbgsift::grammar::lm_command(), opts, diags));
    }
    SUBCASE("x86 and x64 headers, and one collapsed by a web page") {
        // shared/corpus/lm/002.txt:2, shared/seeds/003 line 75, shared/corpus/lm/017.txt:2
        CHECK(parse_line("start    end        module name", 2, dbgsift::grammar::lm_header(), nothing, diags));
        CHECK(parse_line("start             end                 module name", 75, dbgsift::grammar::lm_header(),
                         nothing, diags));
        CHECK(parse_line("start end module name  ", 2, dbgsift::grammar::lm_header(), nothing, diags));
    }
    SUBCASE("Unloaded modules: with trailing blanks") {
        // shared/corpus/lm/017.txt:216
        CHECK(parse_line("Unloaded modules:  ", 216, dbgsift::grammar::unloaded_title(), nothing, diags));
    }
    CHECK(diags.empty());
}

TEST_CASE("grammar::module_row") {
    std::vector<diagnostic> diags;
    ast::module_row row;
    SUBCASE("x64 row with no symbols") {
        // shared/seeds/003 line 76
        REQUIRE(parse_line("fffff880`044b5000 fffff880`044bc000   myfault    (no symbols)", 76,
                           dbgsift::grammar::module_row(), row, diags));
        CHECK(row.start == 0xfffff880044b5000ULL);
        CHECK(row.end == 0xfffff880044bc000ULL);
        CHECK(view(row.name) == "myfault");
        CHECK(view(row.symbols) == "(no symbols)");
        CHECK(row.path.empty());
    }
    SUBCASE("x86 unloaded row") {
        // acceptance seed002-myav.log:53
        REQUIRE(parse_line("a5069000 a5084000   MyAVDrv.sys", 53, dbgsift::grammar::module_row(), row, diags));
        CHECK(row.start == 0xa5069000ULL);
        CHECK(view(row.name) == "MyAVDrv.sys");
        CHECK(row.symbols.empty());
    }
    SUBCASE("flag letter before the status") {
        // shared/corpus/lm/007.txt:3
        REQUIRE(parse_line("fa18b000 fa18bd00   RealBug  T (no symbols)  ", 3, dbgsift::grammar::module_row(),
                           row, diags));
        CHECK(view(row.name) == "RealBug");
        CHECK(view(row.symbols) == "(no symbols)");
    }
    SUBCASE("status then symbol path") {
        // shared/corpus/lm/003.txt:5
        REQUIRE(parse_line("7c900000 7c9b0000   ntdll      (private pdb symbols)  c:\\db20sym\\ntdll.pdb", 5,
                           dbgsift::grammar::module_row(), row, diags));
        CHECK(view(row.symbols) == "(private pdb symbols)");
        CHECK(view(row.path) == "c:\\db20sym\\ntdll.pdb");
    }
    SUBCASE("path without a status") {
        // shared/corpus/lm/002.txt:7
        REQUIRE(parse_line("fb008000 fb00ba80   serenum      e:\\mysymbols\\SereEnum.pdb\\.......", 7,
                           dbgsift::grammar::module_row(), row, diags));
        CHECK(view(row.name) == "serenum");
        CHECK(view(row.path) == "e:\\mysymbols\\SereEnum.pdb\\.......");
    }
    SUBCASE("lmt timestamp") {
        REQUIRE(parse_line("fffff880`00c00000 fffff880`00c5a000   CI       Sat Nov 20 10:19:07 2010 (4CE7A1AB)",
                           1, dbgsift::grammar::module_row(), row, diags));
        CHECK(view(row.name) == "CI");
        CHECK(view(row.timestamp) == "Sat Nov 20 10:19:07 2010 (4CE7A1AB)");
        CHECK(row.path.empty());
    }
    SUBCASE("a row a blog put in bold") {
        // shared/corpus/lm/017.txt:212
        REQUIRE(parse_line("**fffff802`68fa0000 fffff802`6b406000 nvlddmkm (deferred)**  ", 212,
                           dbgsift::grammar::module_row(), row, diags));
        CHECK(view(row.name) == "nvlddmkm");
        CHECK(view(row.symbols) == "(deferred)");
    }
    SUBCASE("an address cut in half is not a row") {
        // shared/corpus/lm/012.txt:20
        CHECK_FALSE(parse_line("00007ffc`1fca0000 0000", 20, dbgsift::grammar::module_row(), row, diags));
        std::string head;
        CHECK(parse_line("00007ffc`1fca0000 0000", 20, dbgsift::grammar::module_row_head(), head, diags));
    }
    SUBCASE("prose is not a row") {
        CHECK_FALSE(parse_line("Also we see that CM tag has the most allocations", 1, dbgsift::grammar::module_row(),
                               row, diags));
    }
}

TEST_CASE("grammar::module_detail") {
    std::vector<diagnostic> diags;
    ast::module_detail d;
    SUBCASE("Timestamp of an unloaded module") {
        // acceptance seed002-myav.log:54
        REQUIRE(parse_line("    Timestamp: unavailable (00000000)", 54, dbgsift::grammar::module_detail(), d, diags));
        CHECK(dbgsift::grammar::view(d.key) == "Timestamp");
        CHECK(dbgsift::grammar::view(d.value) == "unavailable (00000000)");
    }
    SUBCASE("Image path holding a drive colon") {
        // shared/corpus/lm/011.txt:4
        REQUIRE(parse_line("    Image path: C:\\WINDOWS\\Microsoft.NET\\Framework64\\v2.0.50727\\mscorwks.dll", 4,
                           dbgsift::grammar::module_detail(), d, diags));
        CHECK(dbgsift::grammar::view(d.key) == "Image path");
        CHECK(dbgsift::grammar::view(d.value) == "C:\\WINDOWS\\Microsoft.NET\\Framework64\\v2.0.50727\\mscorwks.dll");
    }
    SUBCASE("DML residue") {
        // shared/corpus/lm/009.txt:2
        x3::unused_type nothing;
        CHECK(parse_line("Browse full module list", 2, dbgsift::grammar::dml_residue(), nothing, diags));
    }
}

TEST_SUITE_END();
