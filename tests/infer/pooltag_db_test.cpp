// SPDX-License-Identifier: MIT
#include "dbgsift/infer/pooltag_db.hpp"
#include <doctest/doctest.h>
#include <sstream>

using dbgsift::infer::PoolTagDb;

TEST_SUITE_BEGIN("infer/pooltag_db");

TEST_CASE("PoolTagDb::load and find") {
    std::vector<dbgsift::diagnostic> diags;
    std::istringstream in("// pooltag.txt for this case\n"
                          "; another comment\n"
                          "\n"
                          "AfdB - afd.sys      - Afd data buffer\n"
                          "Afd? - afd.sys      - AFD objects\n"
                          "Leak - myfault.sys  - Notmyfault's leak\n"
                          "MyAV - MyAVDrv.sys\n"
                          "this line is not an entry\n"
                          "Toolong - x.sys - y\n"
                          "*    - <unknown>    - anything else\n");
    auto const db = PoolTagDb::load(in, diags);
    SUBCASE("entries are kept, comments skipped") {
        CHECK(db.size() == 5);
    }
    SUBCASE("malformed lines become diagnostics with their line numbers") {
        REQUIRE(diags.size() == 2);
        CHECK(diags[0].line == 8);
        CHECK(diags[1].line == 9);
    }
    SUBCASE("exact tag before a wildcard") {
        auto const* e = db.find("AfdB");
        REQUIRE(e != nullptr);
        CHECK(e->description == "Afd data buffer");
        CHECK(e->line == 4);
    }
    SUBCASE("'?' wildcard") {
        auto const* e = db.find("AfdX");
        REQUIRE(e != nullptr);
        CHECK(e->tag == "Afd?");
        CHECK(e->binary == "afd.sys");
    }
    SUBCASE("an entry without a description") {
        auto const* e = db.find("MyAV");
        REQUIRE(e != nullptr);
        CHECK(e->binary == "MyAVDrv.sys");
        CHECK(e->description.empty());
    }
    SUBCASE("'*' catches the rest") {
        auto const* e = db.find("Zzzz");
        REQUIRE(e != nullptr);
        CHECK(e->binary == "<unknown>");
    }
}

TEST_CASE("PoolTagDb with garbage input never throws") {
    std::vector<dbgsift::diagnostic> diags;
    std::istringstream in(std::string("\0\x01\xff - - -\n-\n - x\n", 17));
    auto const db = PoolTagDb::load(in, diags);
    CHECK(db.find("Leak") == nullptr);
}

TEST_SUITE_END();
