// SPDX-License-Identifier: MIT
#include "grammars/search/search.hpp"
#include "support/parse_line.hpp"
#include <doctest/doctest.h>

using dbgsift::diagnostic;
using dbgsift::grammar::parse_line;
namespace ast = dbgsift::grammar::ast;

TEST_SUITE_BEGIN("grammar/search");

TEST_CASE("grammar::search_command") {
    std::vector<diagnostic> diags;
    ast::search_command cmd;
    SUBCASE("under !for_each_module with a quoted pattern") {
        // shared/seeds/003 line 71
        REQUIRE(parse_line("!for_each_module s -a @#Base @#End \"Leak\"", 71, dbgsift::grammar::search_command(),
                           cmd, diags));
        CHECK(cmd.kind == dbgsift::grammar::ast::search_kind::ascii);
        CHECK(cmd.pattern == "Leak");
    }
    SUBCASE("plain s -a over a range") {
        REQUIRE(parse_line("s -a 0 L?80000000 \"MyAV\"", 1, dbgsift::grammar::search_command(), cmd, diags));
        CHECK(cmd.pattern == "MyAV");
    }
    SUBCASE("s -d for a value has no pattern text") {
        REQUIRE(parse_line("s -d esp L100 1", 1, dbgsift::grammar::search_command(), cmd, diags));
        CHECK(cmd.kind == dbgsift::grammar::ast::search_kind::dword);
        CHECK(cmd.pattern.empty());
    }
    SUBCASE("other s-words are not a search") {
        CHECK_FALSE(parse_line("sx", 1, dbgsift::grammar::search_command(), cmd, diags));
        CHECK_FALSE(parse_line("sxe ld", 1, dbgsift::grammar::search_command(), cmd, diags));
        CHECK_FALSE(parse_line("!for_each_module lm", 1, dbgsift::grammar::search_command(), cmd, diags));
    }
}

TEST_CASE("grammar::memory_hit") {
    std::vector<diagnostic> diags;
    ast::memory_hit hit;
    SUBCASE("db-style hit line") {
        // shared/seeds/003 line 72
        REQUIRE(parse_line("fffff880`044b63aa  4c 65 61 6b 3b c1 0f 42-c1 41 8d 49 fd 8b d0 ff  Leak;..B.A.I....",
                           72, dbgsift::grammar::memory_hit(), hit, diags));
        CHECK(hit.address == 0xfffff880044b63aaULL);
        CHECK(hit.text == "Leak;..B.A.I....");
    }
    SUBCASE("character column starting with hex letters is kept") {
        REQUIRE(parse_line("0012ff40  61 62 63 64 00 00 00 00-00 00 00 00 00 00 00 00  abcd............", 1,
                           dbgsift::grammar::memory_hit(), hit, diags));
        CHECK(hit.text == "abcd............");
    }
    SUBCASE("prose is not a hit") {
        CHECK_FALSE(parse_line("The tag and driver name can be used", 1, dbgsift::grammar::memory_hit(), hit, diags));
    }
}

TEST_SUITE_END();
