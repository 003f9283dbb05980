// SPDX-License-Identifier: MIT
#include "grammars/poolused/poolused.hpp"
#include "support/parse_line.hpp"
#include <doctest/doctest.h>

using dbgsift::diagnostic;
using dbgsift::grammar::parse_line;
using dbgsift::grammar::parse_pool_row;
using dbgsift::grammar::parse_pool_total;
using dbgsift::grammar::view;
namespace ast = dbgsift::grammar::ast;

namespace {
// A header's words (ranges into the line read) as strings, to compare.
std::vector<std::string> words_of(ast::header_words const& words) {
    std::vector<std::string> out;
    for (auto const word : words) {
        out.emplace_back(view(word));
    }
    return out;
}
} // namespace

TEST_SUITE_BEGIN("grammar/poolused");

TEST_CASE("grammar::poolused_command") {
    std::vector<diagnostic> diags;
    ast::poolused_command cmd;
    SUBCASE("top-N before the flags, glued to /t") {
        // shared/seeds/003 (acceptance seed003-leak.log:98)
        REQUIRE(parse_line("!poolused /t5 2", 1, dbgsift::grammar::poolused_command(), cmd, diags));
        CHECK(cmd.has_flags);
        CHECK(cmd.flags == 2);
        CHECK(cmd.top == 5);
    }
    SUBCASE("flags then a tag filter") {
        // shared/corpus/poolused/007.txt:1
        REQUIRE(parse_line("!poolused 1 Hack", 1, dbgsift::grammar::poolused_command(), cmd, diags));
        CHECK(cmd.flags == 1);
        CHECK(cmd.tag_filter == "Hack");
    }
    SUBCASE("no flags at all") {
        REQUIRE(parse_line("!poolused", 1, dbgsift::grammar::poolused_command(), cmd, diags));
        CHECK_FALSE(cmd.has_flags);
    }
    SUBCASE("another command is not !poolused") {
        CHECK_FALSE(parse_line("!pool 3", 1, dbgsift::grammar::poolused_command(), cmd, diags));
        CHECK_FALSE(parse_line("!poolusedx 3", 1, dbgsift::grammar::poolused_command(), cmd, diags));
    }
}

TEST_CASE("grammar::poolused headers") {
    std::vector<diagnostic> diags;
    SUBCASE("Sorting by line with the NBSP turned into blanks") {
        // acceptance seed002-nonpaged-ddk.log:44
        dbgsift::grammar::text_range sorted;
        REQUIRE(parse_line("    Sorting by  NonPaged Pool Consumed", 44, dbgsift::grammar::sorting_line(),
                           sorted, diags));
        CHECK(dbgsift::grammar::view(sorted) == "NonPaged Pool Consumed");
        auto pool = dbgsift::grammar::ast::sort_key::paged;
        REQUIRE(dbgsift::grammar::parse_prefix(dbgsift::grammar::view(sorted), 44, dbgsift::grammar::sort_pool(), pool, diags));
        CHECK(pool == dbgsift::grammar::ast::sort_key::nonpaged);
    }
    SUBCASE("Sorting by Tag") {
        // shared/corpus/poolused/007.txt:4
        dbgsift::grammar::text_range sorted;
        REQUIRE(parse_line(" Sorting by Tag", 4, dbgsift::grammar::sorting_line(), sorted, diags));
        auto pool = dbgsift::grammar::ast::sort_key::paged;
        REQUIRE(dbgsift::grammar::parse_prefix(dbgsift::grammar::view(sorted), 4, dbgsift::grammar::sort_pool(), pool, diags));
        CHECK(pool == dbgsift::grammar::ast::sort_key::tag);
    }
    SUBCASE("group header with both pools") {
        // shared/seeds/003 line 112
        dbgsift::grammar::ast::header_words groups;
        REQUIRE(parse_line("               NonPaged                  Paged", 112,
                           dbgsift::grammar::pool_group_header(), groups, diags));
        CHECK(words_of(groups) == std::vector<std::string>{"NonPaged", "Paged"});
    }
    SUBCASE("group header cut by a narrow window keeps the fragment") {
        dbgsift::grammar::ast::header_words groups;
        REQUIRE(parse_line("               NonPaged                  Page", 1,
                           dbgsift::grammar::pool_group_header(), groups, diags));
        CHECK(words_of(groups) == std::vector<std::string>{"NonPaged", "Page"});
    }
    SUBCASE("column header of the Ddk case has no Used column") {
        // acceptance seed002-nonpaged-ddk.log:52
        dbgsift::grammar::ast::header_words cols;
        REQUIRE(parse_line(" Tag    Allocs    Frees     Diff", 52, dbgsift::grammar::pool_column_header(),
                           cols, diags));
        CHECK(words_of(cols) == std::vector<std::string>{"Allocs", "Frees", "Diff"});
    }
    SUBCASE("column header with eight columns") {
        // shared/corpus/poolused/006.txt:2
        dbgsift::grammar::ast::header_words cols;
        REQUIRE(parse_line(" Tag       Allocs       Frees      Diff         Used       Allocs       Frees      "
                           "Diff         Used",
                           2, dbgsift::grammar::pool_column_header(), cols, diags));
        CHECK(cols.size() == 8);
    }
    SUBCASE("prose starting with Tag is not a header") {
        dbgsift::grammar::ast::header_words cols;
        CHECK_FALSE(parse_line("Tag seems to be the prefix", 1, dbgsift::grammar::pool_column_header(),
                               cols, diags));
    }
    SUBCASE("kd cache chatter") {
        // shared/corpus/poolused/002.txt:4 and :9
        boost::spirit::x3::unused_type nothing;
        CHECK(parse_line("*** CacheSize too low - increasing to 81 MB", 4,
                         dbgsift::grammar::kd_cache_note(), nothing, diags));
        CHECK(parse_line("52044 full reads broken into 52083 partial reads", 9,
                         dbgsift::grammar::kd_cache_note(), nothing, diags));
        CHECK(parse_line(".........", 2, dbgsift::grammar::kd_cache_note(), nothing, diags));
    }
    CHECK(diags.empty());
}

TEST_CASE("grammar::pool_row") {
    std::vector<diagnostic> diags;
    ast::pool_row row;
    SUBCASE("three-letter tag, Diff-only layout") {
        // acceptance seed002-nonpaged-ddk.log:53
        REQUIRE(parse_pool_row(" Ddk   9074558  3859522  5215036  Default for driver allocated memory "
                               "(user's of ntddk.h)",
                               53, 3, row, diags));
        CHECK(view(row.tag) == "Ddk");
        CHECK(row.counts == std::vector<std::uint64_t>{9074558, 3859522, 5215036});
        CHECK(view(row.description) == "Default for driver allocated memory (user's of ntddk.h)");
        CHECK(row.line == 53);
    }
    SUBCASE("two-letter tag written flush, no description") {
        // acceptance seed002-myav.log:37
        REQUIRE(parse_pool_row(" CM        85    5440    11045 47915424", 37, 4, row, diags));
        CHECK(view(row.tag) == "CM");
        CHECK(row.counts == std::vector<std::uint64_t>{85, 5440, 11045, 47915424});
        CHECK(row.description.empty());
    }
    SUBCASE("a single blank between a short tag and its first number") {
        REQUIRE(parse_pool_row("CM 85 5440 11045 47915424", 1, 4, row, diags));
        CHECK(view(row.tag) == "CM");
    }
    SUBCASE("a tag with a blank inside before a letter") {
        REQUIRE(parse_pool_row(" Ab c   12  34", 1, 2, row, diags));
        CHECK(view(row.tag) == "Ab c");
    }
    SUBCASE("eight columns then a tab before the description") {
        // shared/corpus/poolused/006.txt:4
        REQUIRE(parse_pool_row(" -UMD           2           1         1           48            0           0  "
                               "       0            0\tUNKNOWN pooltag '-UMD', please update pooltag.txt",
                               4, 8, row, diags));
        CHECK(view(row.tag) == "-UMD");
        CHECK(row.counts[3] == 48);
        CHECK(view(row.description).starts_with("UNKNOWN"));
    }
    SUBCASE("a row cut after its first number is reported at the cut") {
        CHECK_FALSE(parse_pool_row("Leak 601", 7, 4, row, diags));
        REQUIRE(diags.size() == 1);
        CHECK(diags[0].line == 7);
        CHECK(diags[0].column == 8);
    }
    SUBCASE("a letter inside a count is reported at its column") {
        CHECK_FALSE(parse_pool_row(" Leak     12x4    567890  1 2", 8, 4, row, diags));
        REQUIRE(diags.size() == 1);
        CHECK(diags[0].column == 12);  // the x
    }
    SUBCASE("prose is not a row and gives no diagnostic from the grammar") {
        // acceptance seed002-myav.log:45
        CHECK_FALSE(parse_pool_row("MyAV tag seems to be the prefix for MyAVDrv module", 45, 4, row, diags));
        CHECK_FALSE(parse_pool_row("Regarding Ddk tag I published a case study earlier:", 1, 3, row, diags));
        CHECK(diags.empty());
    }
    SUBCASE("overflowing number fails") {
        CHECK_FALSE(parse_pool_row("Leak 99999999999999999999999 1 1 1", 1, 4, row, diags));
        CHECK(diags.empty());  // the first number is only looked at: no expectation yet
    }
    SUBCASE("an overflowing number after the first is reported at its column") {
        CHECK_FALSE(parse_pool_row("Leak 1 99999999999999999999999 1 1", 3, 4, row, diags));
        REQUIRE(diags.size() == 1);
        CHECK(diags[0].column == 7);
    }
}

TEST_CASE("grammar::pool_total and descriptions") {
    std::vector<diagnostic> diags;
    SUBCASE("TOTAL at column 0") {
        // shared/seeds/003 line 65
        std::vector<std::uint64_t> total;
        REQUIRE(parse_pool_total("TOTAL     43424    634209952      63565    126487760", 65, 4, total, diags));
        CHECK(total == std::vector<std::uint64_t>{43424, 634209952, 63565, 126487760});
    }
    SUBCASE("Binary after a comma") {
        // acceptance seed002-vista-np.log:16
        ast::pool_description d;
        REQUIRE(parse_line("Mm control areas for mapped files , Binary: nt!mm", 16,
                           dbgsift::grammar::pool_description(), d, diags));
        CHECK(view(d.text) == "Mm control areas for mapped files , ");
        CHECK(view(d.binary) == "nt!mm");
    }
    SUBCASE("a 'B' before Binary: is text, and \"Binary\" without its colon too") {
        // the runs without a 'B' are read a run at a time: the bytes at each 'B' still count
        ast::pool_description d;
        REQUIRE(parse_line("Bitmap Buffers, Binary search B , Binary: nt!mm", 1,
                           dbgsift::grammar::pool_description(), d, diags));
        CHECK(view(d.text) == "Bitmap Buffers, Binary search B , ");
        CHECK(view(d.binary) == "nt!mm");
        ast::pool_description e;
        REQUIRE(parse_line("Binary tree B", 1, dbgsift::grammar::pool_description(), e, diags));
        CHECK(view(e.text) == "Binary tree B");
        CHECK(view(e.binary).empty());
    }
    SUBCASE("no Binary") {
        ast::pool_description d;
        REQUIRE(parse_line("Event objects", 1, dbgsift::grammar::pool_description(), d, diags));
        CHECK(view(d.text) == "Event objects");
        CHECK(d.binary.empty());
    }
    SUBCASE("UNKNOWN pooltag note") {
        // acceptance seed002-vista-np.log:19 (typographic quotes mapped by the decoder)
        std::string tag;
        REQUIRE(parse_line("UNKNOWN pooltag 'SaSc', please update pooltag.txt", 19,
                           dbgsift::grammar::unknown_pooltag(), tag, diags));
        CHECK(tag == "SaSc");
    }
}

TEST_SUITE_END();

TEST_SUITE_BEGIN("grammar/poolused");
TEST_CASE("grammar::kd_cache_note leaves tags starting with a dot alone") {
    // shared/corpus/poolused/006.txt:5
    std::vector<diagnostic> diags;
    boost::spirit::x3::unused_type nothing;
    CHECK_FALSE(parse_line(" .UMD           2           1         1          144            0           0         0            0",
                           5, dbgsift::grammar::kd_cache_note(), nothing, diags));
}
TEST_SUITE_END();
