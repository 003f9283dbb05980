// SPDX-License-Identifier: MIT
// The !vm grammar on real lines. NBSP in the seeds arrives as plain spaces (the decoder's job).
#include "grammars/vm/vm.hpp"
#include "support/files.hpp"
#include "support/parse_line.hpp"
#include <doctest/doctest.h>

using dbgsift::diagnostic;
using dbgsift::grammar::parse_line;
namespace g = dbgsift::grammar;
namespace ast = dbgsift::grammar::ast;

TEST_SUITE_BEGIN("grammar/vm");

TEST_CASE("grammar::vm_command") {
    std::vector<diagnostic> diags;
    std::optional<std::uint64_t> flags;

    SUBCASE("bare !vm has no flags") {
        REQUIRE(parse_line("!vm", 1, g::vm_command(), flags, diags));
        CHECK_FALSE(flags.has_value());
    }
    SUBCASE("!vm 4 reads flag 4, trailing blanks allowed") {
        // corpus/session/002.txt:35 types "!vm  " with trailing blanks; this adds the flag
        REQUIRE(parse_line("!vm 4  ", 1, g::vm_command(), flags, diags));
        REQUIRE(flags.has_value());
        CHECK(*flags == 4);
    }
    SUBCASE("flags are hex, as the debugger reads them") {
        REQUIRE(parse_line("!vm 0x21", 1, g::vm_command(), flags, diags));
        CHECK(*flags == 0x21);
        flags.reset();
        REQUIRE(parse_line("!vm 10", 1, g::vm_command(), flags, diags));
        CHECK(*flags == 0x10);
    }
    SUBCASE("other commands that start with !vm are not !vm") {
        CHECK_FALSE(parse_line("!vmstat", 1, g::vm_command(), flags, diags));
        CHECK_FALSE(parse_line("!vad", 1, g::vm_command(), flags, diags));
    }
}

TEST_CASE("grammar::vm_counter") {
    std::vector<diagnostic> diags;
    ast::vm_counter row;

    SUBCASE("seed row with many blanks (NBSP made spaces)") {
        // seed002-session.log:16
        REQUIRE(parse_line("              NonPagedPool Usage:        13183 (        52732 Kb)", 17,
                           g::vm_counter(), row, diags));
        CHECK(dbgsift::grammar::view(row.name) == "NonPagedPool Usage");
        CHECK(row.id == dbgsift::model::VmCounterId::nonpaged_pool_usage);
        CHECK(row.pages == 13183);
        CHECK(row.kb == 52732);
        CHECK(row.line == 17);
    }
    SUBCASE("blanks inside the parentheses and before the parenthesis") {
        // seed002-paged-warning.log:14
        REQUIRE(parse_line("  NonPagedPool Usage: 10042     (     40168 Kb)", 12, g::vm_counter(), row,
                           diags));
        CHECK(row.pages == 10042);
        CHECK(row.kb == 40168);
    }
    SUBCASE("pool numbers inside the name") {
        // seed002-paged-mmst.log:18
        REQUIRE(parse_line("              NonPagedPool 1 Used:     13828 (      55312 Kb)", 17,
                           g::vm_counter(), row, diags));
        CHECK(dbgsift::grammar::view(row.name) == "NonPagedPool 1 Used");
        CHECK(row.id == dbgsift::model::VmCounterId::other);
        CHECK(row.pages == 13828);
        // corpus/vm/001.txt:15 ("PagedPool  0:", two blanks)
        row = {};
        REQUIRE(parse_line("PagedPool  0:               32829 (     131316 Kb)", 15, g::vm_counter(), row,
                           diags));
        CHECK(dbgsift::grammar::view(row.name).starts_with("PagedPool"));
        CHECK(row.kb == 131316);
    }
    SUBCASE("tab-indented old layout") {
        // corpus/vm/002.txt (the debugger printed \t before each row)
        REQUIRE(parse_line("\tPhysical Memory:     16270   (   65080 Kb)", 4, g::vm_counter(), row, diags));
        CHECK(dbgsift::grammar::view(row.name) == "Physical Memory");
        CHECK(row.id == dbgsift::model::VmCounterId::physical_memory);
        CHECK(row.pages == 16270);
        CHECK(row.kb == 65080);
    }
    SUBCASE("a known counter printed with a run of blanks between its words") {
        // "NonPagedPool  Max:" as a page that pads words would print it
        REQUIRE(parse_line("  NonPagedPool  Max:   65215 (  260860 Kb)", 9, g::vm_counter(), row, diags));
        CHECK(row.id == dbgsift::model::VmCounterId::nonpaged_pool_max);
        // "Max" is not "Maximum": the table matches whole names
        row = {};
        REQUIRE(parse_line("PagedPool Maximum:  65536 (  262144 Kb)", 10, g::vm_counter(), row, diags));
        CHECK(row.id == dbgsift::model::VmCounterId::paged_pool_maximum);
    }
    SUBCASE("numbers that wrapped around 2^32 are kept as printed") {
        // corpus/vm/005.txt:22
        REQUIRE(parse_line("NonPagedPool Max:      4294967296 (17179869184 Kb)", 22, g::vm_counter(), row,
                           diags));
        CHECK(row.pages == 4294967296ULL);
        CHECK(row.kb == 17179869184ULL);
    }
    SUBCASE("slashes in the name") {
        // corpus/vm/001.txt:35
        REQUIRE(parse_line("VAD/PageTable Bitmaps:       1993 (       7972 Kb)", 36, g::vm_counter(), row,
                           diags));
        CHECK(dbgsift::grammar::view(row.name) == "VAD/PageTable Bitmaps");
    }
    SUBCASE("PDF damage: '(' read as 'C' is reported at its column, not half-read") {
        // corpus/vm/010.txt:21
        CHECK_FALSE(parse_line("Physical Memory: 8364281 C 33457124 Kb", 21, g::vm_counter(), row, diags));
        REQUIRE(diags.size() == 1);
        CHECK(diags[0].line == 21);
        CHECK(diags[0].column == 25);  // at the C
    }
    SUBCASE("PDF damage: two C's in one row") {
        // corpus/vm/010.txt:25
        CHECK_FALSE(parse_line("Locked IO Pages: 0 C 1 C 0 Kb", 25, g::vm_counter(), row, diags));
        REQUIRE(diags.size() == 1);
    }
    SUBCASE("a unit other than Kb is reported at its column as the rest of the row") {
        CHECK_FALSE(parse_line("Physical Memory: 8364281 ( 33457124 Mb)", 22, g::vm_counter(), row, diags));
        REQUIRE(diags.size() == 1);
        CHECK(diags[0].column == 36);  // at the M
        CHECK(diags[0].message == "expected the rest of the row");
    }
    SUBCASE("a known name in any spacing is its key; another says whether it is tidy") {
        REQUIRE(parse_line("  NonPagedPool\t Usage :  1 ( 4 Kb)", 1, g::vm_counter(), row, diags));
        CHECK(row.id == dbgsift::model::VmCounterId::nonpaged_pool_usage);
        CHECK_FALSE(row.name_tidy);
        REQUIRE(parse_line("PagedPool 0 Usage:  1 ( 4 Kb)", 1, g::vm_counter(), row, diags));
        CHECK(row.id == dbgsift::model::VmCounterId::other);
        CHECK(row.name_tidy);
        REQUIRE(parse_line("PagedPool  0 Usage:  1 ( 4 Kb)", 1, g::vm_counter(), row, diags));
        CHECK(row.id == dbgsift::model::VmCounterId::other);
        CHECK_FALSE(row.name_tidy);
    }
    SUBCASE("a number past 2^64 fails instead of wrapping") {
        CHECK_FALSE(parse_line("Commit limit: 99999999999999999999999 ( 1 Kb)", 3, g::vm_counter(), row,
                               diags));
    }
}

TEST_CASE("grammar::vm_bare_counter") {
    std::vector<diagnostic> diags;
    ast::vm_bare_counter row;
    SUBCASE("a row printed without pages and Kb") {
        // corpus/vm/001.txt:24
        REQUIRE(parse_line("Syspart SharedCommit 0", 24, g::vm_bare_counter(), row, diags));
        CHECK(dbgsift::grammar::view(row.name) == "Syspart SharedCommit");
        CHECK(row.value == 0);
    }
}

TEST_CASE("grammar::vm_page_file") {
    std::vector<diagnostic> diags;
    ast::vm_page_file pf;
    SUBCASE("named page file") {
        // seed002-paged-warning.log:5
        REQUIRE(parse_line(" Page File: \\??\\S:\\pagefile.sys", 5, g::vm_page_file(), pf, diags));
        CHECK(pf.named);
        CHECK(pf.path == "\\??\\S:\\pagefile.sys");
    }
    SUBCASE("virtual page file without a name") {
        // corpus/vm/005.txt:8
        REQUIRE(parse_line("No Name for Paging File", 8, g::vm_page_file(), pf, diags));
        CHECK_FALSE(pf.named);
        CHECK(pf.path.empty());
    }
}

TEST_CASE("grammar::vm_page_file_sizes") {
    std::vector<diagnostic> diags;
    ast::vm_page_file_sizes sz;
    SUBCASE("Current / Free Space with a blank before Kb") {
        // seed002-nonpaged-ddk.log:7
        REQUIRE(parse_line("        Current:   4190208 Kb  Free Space:   4175708 Kb", 7,
                           g::vm_page_file_sizes(), sz, diags));
        CHECK(sz.kind == ast::page_file_sizes_kind::current_and_free);
        CHECK(sz.first_kb == 4190208);
        CHECK(sz.second_kb == 4175708);
    }
    SUBCASE("Minimum / Maximum without a blank before Kb") {
        // seed002-paged-warning.log:7
        REQUIRE(parse_line("    Minimum:   2098176Kb Maximum:      2098176Kb", 7, g::vm_page_file_sizes(), sz,
                           diags));
        CHECK(sz.kind == ast::page_file_sizes_kind::minimum_and_maximum);
        CHECK(sz.first_kb == 2098176);
        CHECK(sz.second_kb == 2098176);
    }
    SUBCASE("a missing second value is reported") {
        CHECK_FALSE(parse_line("  Current:   4193784 Kb  Free Space:", 2, g::vm_page_file_sizes(), sz, diags));
        CHECK(diags.size() == 1);
    }
}

TEST_CASE("grammar::vm_banner") {
    std::vector<diagnostic> diags;
    ast::vm_banner b;
    SUBCASE("failed pool allocations carry their count") {
        // seed002-nonpaged-ddk.log:30
        REQUIRE(parse_line("      ********** 429 pool allocations have failed **********", 33, g::vm_banner(),
                           b, diags));
        CHECK(b.kind == ast::banner_kind::failed_allocations);
        REQUIRE(b.count.has_value());
        CHECK(*b.count == 429);
    }
    SUBCASE("session pool allocation failures") {
        // seed002-session.log:69
        REQUIRE(parse_line("      *** 7837 Pool Allocation Failures ***", 71, g::vm_banner(), b, diags));
        CHECK(b.kind == ast::banner_kind::session_failures);
        CHECK(*b.count == 7837);
    }
    SUBCASE("an excessive-usage warning keeps its words") {
        // seed002-myav.log:18
        REQUIRE(parse_line(" ********** Excessive Paged Pool Usage *****", 16, g::vm_banner(), b, diags));
        CHECK(b.kind == ast::banner_kind::excessive_paged);
        CHECK_FALSE(b.count.has_value());
        CHECK(b.text.find("Excessive Paged Pool Usage") == 0);
    }
    SUBCASE("markdown-escaped stars") {
        // corpus/session/002.txt:51
        REQUIRE(parse_line("\\*\\*\\*\\*\\*\\*\\*\\*\\*\\* Excessive NonPaged Pool Usage \\*\\*\\*\\*\\*  ", 50,
                           g::vm_banner(), b, diags));
        CHECK(b.kind == ast::banner_kind::excessive_nonpaged);
        CHECK(b.text.find("Excessive NonPaged Pool Usage") == 0);
    }
    SUBCASE("commit near its limit") {
        REQUIRE(parse_line("\t********** Number of committed pages is near limit ********", 3, g::vm_banner(),
                           b, diags));
        CHECK(b.kind == ast::banner_kind::commit_near_limit);
    }
    SUBCASE("system PTE failures are not pool failures") {
        REQUIRE(parse_line("\t******* 12 system PTE allocations have failed ******", 3, g::vm_banner(), b,
                           diags));
        CHECK(b.kind == ast::banner_kind::other);
    }
}

TEST_CASE("grammar::vm_marker") {
    std::vector<diagnostic> diags;
    auto kind = ast::vm_marker_kind::title;
    SUBCASE("the !vm title") {
        // seed002-session.log:3
        REQUIRE(parse_line("*** Virtual Memory Usage ***", 3, g::vm_marker(), kind, diags));
        CHECK(kind == ast::vm_marker_kind::title);
    }
    SUBCASE("the !vm 4 title, indented") {
        // seed002-session.log:44
        REQUIRE(parse_line("      Terminal Server Memory Usage By Session:", 44, g::vm_marker(), kind, diags));
        CHECK(kind == ast::vm_marker_kind::sessions);
    }
    SUBCASE("the process table header") {
        // corpus/vm/005.txt:51
        REQUIRE(parse_line("  Pid ImageName                        Commit   SharedCommit        Debt", 46,
                           g::vm_marker(), kind, diags));
        CHECK(kind == ast::vm_marker_kind::process_table);
    }
    SUBCASE("a debugger error inside the output") {
        // corpus/session/002.txt:41
        REQUIRE(parse_line("Unimplemented error for MiSystemVaTypeCount  ", 41, g::vm_marker(), kind, diags));
        CHECK(kind == ast::vm_marker_kind::debugger_error);
    }
    SUBCASE("session summary") {
        // corpus/vm/011.txt:16
        REQUIRE(parse_line("Session Summary", 15, g::vm_marker(), kind, diags));
        CHECK(kind == ast::vm_marker_kind::session_summary);
    }
}

TEST_CASE("grammar::vm sessions") {
    std::vector<diagnostic> diags;
    SUBCASE("session paged pool maximum") {
        // seed002-session.log:47
        ast::vm_session_limit lim;
        REQUIRE(parse_line("      Session Paged Pool Maximum is 32768K", 49, g::vm_session_limit(), lim, diags));
        CHECK(lim.kind == ast::session_limit_kind::paged_pool);
        CHECK(lim.kb == 32768);
        // seed002-session.log:48
        REQUIRE(parse_line("      Session View Space Maximum is 20480K", 50, g::vm_session_limit(), lim, diags));
        CHECK(lim.kind == ast::session_limit_kind::view_space);
        CHECK(lim.kb == 20480);
    }
    SUBCASE("session header: id and address") {
        // seed002-session.log:64
        ast::vm_session_header h;
        REQUIRE(parse_line("      Session ID 9 @ f79b5000:", 66, g::vm_session_header(), h, diags));
        CHECK(h.id == 9);
        CHECK(h.address == 0xf79b5000ULL);
        // corpus/vm/008.txt:14 (x64 address)
        REQUIRE(parse_line("Session ID 1 @ fffff88004536000:", 8, g::vm_session_header(), h, diags));
        CHECK(h.id == 1);
        CHECK(h.address == 0xfffff88004536000ULL);
    }
    SUBCASE("session usage rows in K and Kb") {
        ast::vm_session_usage u;
        // seed002-session.log:65
        REQUIRE(parse_line("      Paged Pool Usage:      32552K", 67, g::vm_session_usage(), u, diags));
        CHECK(u.kind == ast::session_usage_kind::paged_pool);
        CHECK(u.kb == 32552);
        // corpus/vm/008.txt:11
        REQUIRE(parse_line("NonPaged Usage:        316 Kb", 10, g::vm_session_usage(), u, diags));
        CHECK(u.kind == ast::session_usage_kind::nonpaged);
        CHECK(u.kb == 316);
        // seed002-session.log:72
        REQUIRE(parse_line("      Commit Usage:          33652K", 76, g::vm_session_usage(), u, diags));
        CHECK(u.kind == ast::session_usage_kind::commit);
        CHECK(u.kb == 33652);
    }
    SUBCASE("a pool counter is not a session row") {
        ast::vm_session_usage u;
        CHECK_FALSE(parse_line("NonPagedPool Usage:    877   (    3508 Kb)", 1, g::vm_session_usage(), u, diags));
    }
}

TEST_CASE("grammar::vm process commit") {
    std::vector<diagnostic> diags;
    SUBCASE("newer table: commit, shared commit, debt in Kb") {
        // corpus/vm/005.txt:53
        ast::vm_process_kb p;
        REQUIRE(parse_line("  81c MsMpEng.exe                   112764 Kb        7400 Kb        0 Kb", 48,
                           g::vm_process_kb(), p, diags));
        CHECK(p.pid == 0x81c);
        CHECK(p.image == "MsMpEng.exe");
        CHECK(p.commit_kb == 112764);
        CHECK(p.shared_commit_kb == 7400);
        CHECK(p.debt_kb == 0);
    }
    SUBCASE("older rows: pages and (Kb); a blank inside the %-15s image name") {
        ast::vm_process_pages p;
        REQUIRE(parse_line("         0a6c svchost.exe        12345 (   49380 Kb)", 1, g::vm_process_pages(), p,
                           diags));
        CHECK(p.pid == 0xa6c);
        CHECK(p.image == "svchost.exe");
        CHECK(p.pages == 12345);
        CHECK(p.kb == 49380);
        p = {};  // X3 appends to strings: start from a fresh row
        REQUIRE(parse_line("         0058 Memory Compres    2117 (    8468 Kb)", 2, g::vm_process_pages(), p,
                           diags));
        CHECK(p.image == "Memory Compres");
        CHECK(p.pages == 2117);
    }
    SUBCASE("a counter row is not a process row") {
        ast::vm_process_pages p;
        CHECK_FALSE(parse_line("Boot Commit: 100044 C 400176 Kb)", 1, g::vm_process_pages(), p, diags));
    }
}

namespace {
// What counter_id and parse/vm.cpp's tidy make of a name the slow way: its words, one ' ' apart.
std::string words_one_blank_apart(std::string_view name) {
    std::string words;
    for (char const ch : name) {
        if (ch != ' ' && ch != '\t') {
            words += ch;
        } else if (!words.empty() && words.back() != ' ') {
            words += ' ';
        }
    }
    if (!words.empty() && words.back() == ' ') {
        words.pop_back();
    }
    return words;
}

// one_blank_between_words lets a name skip that copy: it must say yes exactly when the copy
// would equal a (non-empty) name, on every counter name the corpus prints (the text before
// each line's first ':', and each whole line, ugly ones included) and on the edge cases.
bool same_as_copy(std::string_view name) {
    return g::one_blank_between_words(name) == (!name.empty() && words_one_blank_apart(name) == name);
}
} // namespace

TEST_CASE("one_blank_between_words: yes exactly when the name is its own words") {
    for (std::string_view const name :
         {"", " ", "\t", "A", "NonPagedPool Usage", "NonPagedPool  Max", " Physical Memory",
          "Physical Memory ", "\tPhysical Memory", "Commit\tlimit", "PagedPool  0", "VAD/PageTable Bitmaps"}) {
        CHECK(same_as_copy(name));
    }
    std::size_t tried = 0;
    std::size_t differ = 0;
    for (std::string const& text : dbgsift::test::texts_under(CORPUS_DIR)) {
        for (std::string_view const line : dbgsift::test::lines_of(text)) {
            for (std::string_view const name : {line.substr(0, line.find(':')), line}) {
                ++tried;
                differ += same_as_copy(name) ? 0 : 1;
            }
        }
    }
    CHECK(tried > 10000);
    CHECK(differ == 0);
}

TEST_SUITE_END();
