// SPDX-License-Identifier: MIT
// Whole `!vm` blocks through the block parser: values checked by hand against the transcripts.
#include "dbgsift/parse/commands.hpp"
#include "dbgsift/text/decode.hpp"
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

namespace {

using dbgsift::parse::LineVerdict;

struct Fed {
    std::vector<dbgsift::model::Diagnostic> diagnostics;
    int understood = 0, ignored = 0, not_understood = 0;
};

// Feeds lines [first, last] of `text` (decoded like the real reader does: NBSP -> ' ') to a
// fresh `!vm` parser writing into `snapshot`. Blank lines and elisions never reach a parser.
Fed feed_text(std::string const& text, std::uint32_t first, std::uint32_t last, std::string_view command,
              dbgsift::model::Snapshot& snapshot) {
    Fed fed;
    std::istringstream in(text);
    dbgsift::text::Decoder decoder(in);
    dbgsift::parse::BlockContext ctx{snapshot, fed.diagnostics, 0, command};
    auto parser = dbgsift::parse::vm_spec().make();
    dbgsift::text::Line line;
    while (decoder.next(line)) {
        if (line.number < first || line.number > last || dbgsift::parse::is_elision(line.text)) {
            continue;
        }
        switch (parser->line(line, ctx)) {
        case LineVerdict::understood: ++fed.understood; break;
        case LineVerdict::ignored: ++fed.ignored; break;
        case LineVerdict::not_understood: ++fed.not_understood; break;
        case LineVerdict::restart: FAIL("!vm never restarts a block"); break;
        }
    }
    parser->finish(ctx);
    return fed;
}

std::string slurp(std::string const& relative) {
    std::ifstream in(std::string(CORPUS_DIR) + "/" + relative, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

Fed feed(std::string const& relative, std::uint32_t first, std::uint32_t last, std::string_view command,
         dbgsift::model::Snapshot& snapshot) {
    return feed_text(slurp(relative), first, last, command, snapshot);
}

// The counter printed with this name: tests may compare spellings, inference never does.
dbgsift::model::VmCounter const* named(dbgsift::model::VmStats const& vm, std::string_view name) {
    for (auto const& c : vm.counters) {
        if (c.name == name) {
            return &c;
        }
    }
    return nullptr;
}

std::uint64_t pages(dbgsift::model::VmStats const& vm, std::string_view name) {
    auto const* c = named(vm, name);
    REQUIRE_MESSAGE(c != nullptr, "no counter named ", std::string(name));
    return c->pages;
}

bool has_diagnostic_on(Fed const& fed, std::uint32_t line) {
    for (auto const& d : fed.diagnostics) {
        if (d.line == line) {
            return true;
        }
    }
    return false;
}

} // namespace

TEST_SUITE_BEGIN("parse/vm");

TEST_CASE("parse::vm spec") {
    auto const spec = dbgsift::parse::vm_spec();
    SUBCASE("commands") {
        CHECK(spec.is_command("!vm"));
        CHECK(spec.is_command("!vm 4"));
        CHECK(spec.is_command("!vm 1"));
        CHECK_FALSE(spec.is_command("!vmstat"));
        CHECK_FALSE(spec.is_command("!poolused 4"));
    }
    SUBCASE("flag 4 goes to its own slot so !vm + !vm 4 land in one snapshot") {
        CHECK(spec.slot("!vm") == "vm");
        CHECK(spec.slot("!vm 1") == "vm");
        CHECK(spec.slot("!vm 4") == "vm-sessions");
        CHECK(spec.slot("!vm 5") == "vm-sessions");
        CHECK(spec.slot("Terminal Server Memory Usage By Session:") == "vm-sessions");
        CHECK(spec.slot("*** Virtual Memory Usage ***") == "vm");
    }
    SUBCASE("headers of prompt-less pastes") {
        CHECK(spec.is_header("*** Virtual Memory Usage ***"));
        CHECK(spec.is_header("       Terminal Server Memory Usage By Session:"));
        CHECK(spec.is_header("Physical Memory:          1048446 (    4193784 Kb)"));  // corpus/vm/001.txt:5
        CHECK(spec.is_header("Page File: \\??\\C:\\pagefile.sys"));                   // corpus/vm/001.txt:1
        CHECK_FALSE(spec.is_header("Available Pages:           826358 (    3305432 Kb)"));
        CHECK_FALSE(spec.is_header("Sorting by Paged Pool Consumed"));
    }
}

TEST_CASE("parse::vm seed002-session: !vm then !vm 4 fill one snapshot") {
    dbgsift::model::Snapshot snap;
    auto const vm_fed = feed("acceptance/seed002-session.log", 2, 41, "!vm", snap);
    REQUIRE(snap.vm.has_value());
    auto const& vm = *snap.vm;

    SUBCASE("counters with their pages and Kb") {
        CHECK(pages(vm, "Physical Memory") == 1572637);
        CHECK(named(vm, "Physical Memory")->kb == 6290548);
        CHECK(named(vm, "Physical Memory")->loc.line == 4);
        CHECK(pages(vm, "NonPagedPool Usage") == 13183);
        CHECK(pages(vm, "NonPagedPool Max") == 65215);
        CHECK(pages(vm, "PagedPool 4 Usage") == 1505);
        CHECK(pages(vm, "PagedPool Usage") == 17250);
        CHECK(pages(vm, "PagedPool Maximum") == 65536);
    }
    SUBCASE("the grammar names the counters inference reads; the others are `other`") {
        using Id = dbgsift::model::VmCounterId;
        // seed002-session.log:4 "Physical Memory:  1572637 (   6290548 Kb)"
        REQUIRE(vm.find(Id::physical_memory) != nullptr);
        CHECK(vm.find(Id::physical_memory)->loc.line == 4);
        CHECK(vm.find(Id::physical_memory) == named(vm, "Physical Memory"));
        CHECK(vm.find(Id::nonpaged_pool_usage) == named(vm, "NonPagedPool Usage"));
        CHECK(vm.find(Id::paged_pool_maximum) == named(vm, "PagedPool Maximum"));
        // "PagedPool 4 Usage" is a per-pool row dbgsift keeps but does not reason about
        REQUIRE(named(vm, "PagedPool 4 Usage") != nullptr);
        CHECK(named(vm, "PagedPool 4 Usage")->id == Id::other);
        // the PTE rule (R11) reads this counter by its id
        REQUIRE(vm.find(Id::free_system_ptes) != nullptr);
        CHECK(vm.find(Id::free_system_ptes) == named(vm, "Free System PTEs"));
        CHECK(vm.find(Id::paged_pool_usage)->pages == 17250);
        CHECK(pages(vm, "Committed pages") == 212476);
        CHECK(pages(vm, "Commit limit") == 2312654);
        CHECK(vm.counters.size() == 25);
    }
    SUBCASE("page file") {
        REQUIRE(vm.page_files.size() == 1);
        auto const& pf = vm.page_files[0];
        CHECK(pf.path == "\\??\\C:\\pagefile.sys");
        CHECK(pf.current_kb == 3145728);
        CHECK(pf.free_kb == 3001132);
        CHECK(pf.minimum_kb == 3145728);
        CHECK(pf.maximum_kb == 3145728);
        CHECK(pf.loc.line == 5);
    }
    SUBCASE("failed allocations banner") {
        REQUIRE(vm.failed_allocations.has_value());
        CHECK(vm.failed_allocations->value == 3441);
        CHECK(vm.failed_allocations->loc.line == 29);
        REQUIRE(vm.warnings.size() == 1);
        CHECK(vm.warning_kinds[0] == dbgsift::model::VmWarningKind::failed_allocations);
    }
    SUBCASE("every line but the blog's sentence read, the title ignored") {
        CHECK(vm_fed.not_understood == 1);
        CHECK(vm_fed.diagnostics.size() == 1);
        CHECK(vm_fed.understood == 29);
        CHECK(vm_fed.ignored == 1);
    }
    SUBCASE("the !vm 4 block adds sessions to the same VmStats") {
        auto const fed4 = feed("acceptance/seed002-session.log", 43, 78, "!vm 4", snap);
        CHECK(fed4.not_understood == 3);  // the blog's three lines after the output (74-78)
        REQUIRE(snap.vm->session_paged_pool_max_kb.has_value());
        CHECK(snap.vm->session_paged_pool_max_kb->value == 32768);
        CHECK(snap.vm->session_paged_pool_max_kb->loc.line == 47);
        CHECK(snap.vm->session_view_space_max_kb->value == 20480);
        REQUIRE(snap.vm->sessions.size() == 3);
        auto const& s9 = snap.vm->sessions[2];
        CHECK(s9.id == 9);
        CHECK(s9.loc.line == 64);
        CHECK(s9.paged_pool_kb == 32552);
        CHECK(s9.paged_pool_loc.line == 65);
        CHECK(s9.failures == 7837);
        CHECK(s9.failures_loc.line == 69);
        CHECK(s9.commit_kb == 33652);
        CHECK(snap.vm->sessions[0].paged_pool_kb == 9824);
        CHECK_FALSE(snap.vm->sessions[0].failures.has_value());
        CHECK(snap.vm->sessions[1].commit_kb == 2180);
        // the pools of the first block are untouched
        CHECK(snap.vm->counters.size() == 25);
        CHECK(snap.vm->failed_allocations->value == 3441);
    }
}

TEST_CASE("parse::vm prose inside a block is a diagnostic and the rest still reads") {
    dbgsift::model::Snapshot snap;
    // acceptance/seed002-session.log:40 is the blog's sentence, pasted inside the !vm block
    auto const fed = feed("acceptance/seed002-session.log", 2, 41, "!vm", snap);
    CHECK(fed.not_understood == 1);
    CHECK(has_diagnostic_on(fed, 40));
    CHECK(named(*snap.vm, "Commit limit")->pages == 2312654);
}

TEST_CASE("parse::vm corpus/vm/001: no title, five paged pools, bare row, impossible maximum kept") {
    dbgsift::model::Snapshot snap;
    auto const fed = feed("vm/001.txt", 1, 100, "", snap);
    auto const& vm = *snap.vm;
    CHECK(fed.diagnostics.empty());
    CHECK(pages(vm, "PagedPool 0") == 32829);
    CHECK(pages(vm, "PagedPool Maximum") == 33554432);  // judged later, kept as printed
    auto const* bare = named(vm, "Syspart SharedCommit");
    REQUIRE(bare != nullptr);
    CHECK(bare->pages == 0);
    CHECK_FALSE(bare->has_kb);
    REQUIRE(vm.page_files.size() == 1);
    CHECK(vm.page_files[0].maximum_kb == 12581352);
    CHECK(pages(vm, "Commit limit") == 2096416);
}

TEST_CASE("parse::vm corpus/vm/002: tab and space indented old layout, Kb glued to numbers") {
    dbgsift::model::Snapshot snap;
    auto const fed = feed("vm/002.txt", 2, 100, "!vm 1", snap);
    auto const& vm = *snap.vm;
    CHECK(fed.diagnostics.empty());
    CHECK(pages(vm, "Physical Memory") == 16270);
    REQUIRE(vm.page_files.size() == 1);
    CHECK(vm.page_files[0].current_kb == 98304);
    CHECK(vm.page_files[0].free_kb == 61044);
    CHECK(vm.page_files[0].maximum_kb == 196608);
    CHECK(pages(vm, "Free System PTEs") == 45089);
    CHECK(pages(vm, "PagedPool 2 Usage") == 436);
    CHECK(pages(vm, "Commit limit") == 36256);
}

TEST_CASE("parse::vm corpus/vm/005: three page files, NX pool, wrapped maximum, process table") {
    dbgsift::model::Snapshot snap;
    auto const fed = feed("vm/005.txt", 2, 100, "!vm", snap);
    auto const& vm = *snap.vm;
    CHECK(fed.diagnostics.empty());
    REQUIRE(vm.page_files.size() == 3);
    CHECK(vm.page_files[1].path == "\\\\??\\\\C:\\\\swapfile.sys");
    CHECK_FALSE(vm.page_files[2].named);
    CHECK(vm.page_files[2].current_kb == 8388084);
    CHECK(pages(vm, "NonPagedPoolNx Usage") == 14108);
    CHECK(pages(vm, "NonPagedPool Max") == 4294967296ULL);
    REQUIRE(vm.process_commits.size() == 4);
    CHECK(vm.process_commits[0].image == "MsMpEng.exe");
    CHECK(vm.process_commits[0].pid == 0x81c);
    CHECK(vm.process_commits[0].commit_kb == 112764);
    CHECK(vm.process_commits[0].shared_commit_kb == 7400);
    CHECK(vm.process_commits[3].image == "smss.exe");
    CHECK(vm.process_commits[3].loc.line == 57);
}

TEST_CASE("parse::vm corpus/vm/008 and 011: !vm 4 session blocks in Kb, summary kept apart") {
    SUBCASE("008: page file then sessions") {
        dbgsift::model::Snapshot snap;
        auto const fed = feed("vm/008.txt", 2, 100, "!vm 4", snap);
        CHECK(fed.diagnostics.empty());
        REQUIRE(snap.vm->sessions.size() == 2);
        CHECK(snap.vm->sessions[0].paged_pool_kb == 3060);
        CHECK(snap.vm->sessions[0].nonpaged_kb == 316);
        CHECK(snap.vm->sessions[1].id == 1);
        CHECK(snap.vm->sessions[1].commit_kb == 324);
        CHECK(snap.vm->page_files.size() == 1);
    }
    SUBCASE("011: OCR lost the indentation; Session Summary is not session 2") {
        dbgsift::model::Snapshot snap;
        feed("vm/011.txt", 3, 100, "", snap);
        REQUIRE(snap.vm->sessions.size() == 3);
        CHECK(snap.vm->sessions[2].id == 2);
        CHECK(snap.vm->sessions[2].paged_pool_kb == 7740);
        REQUIRE(snap.vm->session_summary.has_value());
        CHECK(snap.vm->session_summary->paged_pool_kb == 12040);
        CHECK(snap.vm->session_summary->loc.line == 16);
        CHECK(snap.vm->session_summary->commit_kb == 13060);
    }
}

TEST_CASE("parse::vm a full !vm 4 after !vm adds its sessions, not a second copy of the counters") {
    dbgsift::model::Snapshot snap;
    feed("vm/001.txt", 1, 100, "!vm", snap);
    auto const counters = snap.vm->counters.size();
    feed("vm/008.txt", 2, 100, "!vm 4", snap);  // repeats the page file, then two sessions
    CHECK(snap.vm->counters.size() == counters);
    CHECK(snap.vm->page_files.size() == 1);
    CHECK(snap.vm->page_files[0].loc.line == 1);
    CHECK(snap.vm->sessions.size() == 2);
}

TEST_CASE("parse::vm corpus/vm/010: PDF-damaged rows give diagnostics, never wrong numbers") {
    dbgsift::model::Snapshot snap;
    auto const fed = feed("vm/010.txt", 2, 200, "!vm", snap);
    auto const& vm = *snap.vm;
    CHECK(has_diagnostic_on(fed, 21));  // "Physical Memory: 8364281 C 33457124 Kb"
    CHECK(has_diagnostic_on(fed, 25));  // "Locked IO Pages: 0 C 1 C 0 Kb"
    CHECK(named(vm, "Physical Memory") == nullptr);
    CHECK(named(vm, "NonPagedPool Max") == nullptr);
    // the page files and the clean tail after the page footer still read
    REQUIRE(vm.page_files.size() == 3);
    CHECK(vm.page_files[0].maximum_kb == 4194304);
    CHECK(pages(vm, "System PageTables") == 5948);
    CHECK(pages(vm, "Committed pages") == 4131307);
    CHECK(pages(vm, "Commit limit") == 9675001);
}

TEST_CASE("parse::vm corpus/session/002: markdown residue and a debugger error line") {
    dbgsift::model::Snapshot snap;
    auto const fed = feed("session/002.txt", 36, 66, "!vm", snap);
    auto const& vm = *snap.vm;
    CHECK(fed.diagnostics.empty());
    CHECK(pages(vm, "NonPagedPool Usage") == 29559056);  // impossible, kept as printed
    REQUIRE(vm.warnings.size() == 1);
    CHECK(vm.warning_kinds[0] == dbgsift::model::VmWarningKind::excessive_nonpaged);
    CHECK(vm.warning_locs[0].line == 51);
    CHECK(pages(vm, "Commit limit") == 4270402);
}

TEST_CASE("parse::vm never throws on garbage") {
    dbgsift::model::Snapshot snap;
    std::string junk = "\x01\x02 ((((: 12 ( 3 Kb\n*** \n********\nSession ID zz @ :\nPaged Pool Usage: K\n";
    junk += std::string(100000, '*') + "\n" + std::string(50000, 'A') + ": 1\n";
    junk += "Commit limit: 18446744073709551616 ( 1 Kb)\n";
    Fed fed;
    CHECK_NOTHROW(fed = feed_text(junk, 1, 100, "!vm", snap));
    CHECK(fed.understood == 0);
    CHECK(fed.not_understood >= 6);
    CHECK(fed.diagnostics.size() >= static_cast<std::size_t>(fed.not_understood));
}

TEST_SUITE_END();
