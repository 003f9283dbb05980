// SPDX-License-Identifier: MIT
// Which pool ran out, on the analysts' cases (corpus/acceptance) and on hand-made edge cases.
#include "dbgsift/infer/rules/rules_list.hpp"
#include "dbgsift/pipeline.hpp"
#include <doctest/doctest.h>

#include <algorithm>

namespace {

using dbgsift::infer::Finding;
using dbgsift::infer::Report;
using dbgsift::infer::Severity;

Report judge(dbgsift::model::Case const& c) {
    Report report;
    dbgsift::infer::rules::pool_exhaustion(c, dbgsift::infer::Options{}, report);
    return report;
}

Report judge_file(std::string const& relative) {
    return judge(dbgsift::read_path(std::string(CORPUS_DIR) + "/" + relative, 0));
}

Finding const* find(Report const& r, std::string_view pattern) {
    for (auto const& f : r.findings) {
        if (to_string(f.pattern) == pattern) {
            return &f;
        }
    }
    return nullptr;
}

bool notes_mention(Report const& r, std::string_view text) {
    return std::any_of(r.notes.begin(), r.notes.end(),
                       [&](std::string const& n) { return n.find(text) != std::string::npos; });
}

bool has_line(std::vector<dbgsift::model::Loc> const& locs, std::uint32_t line) {
    return std::any_of(locs.begin(), locs.end(), [&](auto const& l) { return l.line == line; });
}

// A hand-made !vm snapshot: counters in pages (Kb = 4 x pages).
struct VmBuilder {
    dbgsift::model::Case c;
    dbgsift::model::VmStats vm;
    std::uint32_t line = 1;

    // A counter as the vm grammar would have read it: its name, and the id that name has in
    // the model's one table of counter spellings.
    VmBuilder& counter(std::string name, std::uint64_t pages) {
        auto id = dbgsift::model::VmCounterId::other;
        for (std::size_t i = 0; i < dbgsift::model::k_vm_counter_names.size(); ++i) {
            if (dbgsift::model::k_vm_counter_names[i] == name) {
                id = static_cast<dbgsift::model::VmCounterId>(i);
            }
        }
        vm.counters.push_back({std::move(name), pages, pages * 4, {0, line++}, true, id});
        return *this;
    }
    VmBuilder& page_file(std::uint64_t max_kb) {
        dbgsift::model::PageFile pf;
        pf.path = "\\??\\C:\\pagefile.sys";
        pf.current_kb = max_kb;
        pf.maximum_kb = max_kb;
        pf.loc = {0, line++};
        vm.page_files.push_back(pf);
        return *this;
    }
    VmBuilder& banner(dbgsift::model::VmWarningKind kind, std::string text) {
        vm.warnings.push_back(std::move(text));
        vm.warning_locs.push_back({0, line++});
        vm.warning_kinds.push_back(kind);
        return *this;
    }
    VmBuilder& failed(std::uint64_t n) {
        vm.failed_allocations = dbgsift::model::Sourced<std::uint64_t>{n, {0, line++}};
        return *this;
    }
    dbgsift::model::Case build() {
        dbgsift::model::Snapshot s;
        s.target = dbgsift::model::Target::kernel;
        s.vm = vm;
        c.snapshots.push_back(s);
        return c;
    }
};

} // namespace

TEST_SUITE_BEGIN("infer/pool_exhaustion");

TEST_CASE("infer::pool_exhaustion on the analysts' cases") {
    SUBCASE("seed002-session: session 9, not the system pools") {
        auto const r = judge_file("acceptance/seed002-session.log");
        CHECK(find(r, "nonpaged-pool-exhaustion") == nullptr);
        CHECK(find(r, "paged-pool-exhaustion") == nullptr);
        auto const* f = find(r, "session-pool-exhaustion");
        REQUIRE(f != nullptr);
        CHECK(f->severity == Severity::critical);
        REQUIRE_FALSE(f->culprits.empty());
        CHECK(to_string(f->culprits[0].kind) == "session");
        CHECK(f->culprits[0].name == "session 9");
        CHECK(f->summary.find("32,552 KB") != std::string::npos);
        CHECK(f->summary.find("32,768 KB") != std::string::npos);
        CHECK(f->summary.find("7,837") != std::string::npos);
        CHECK(has_line(f->culprits[0].evidence, 69));  // "*** 7837 Pool Allocation Failures ***"
        REQUIRE(r.rankings.sessions.size() == 1);
        CHECK(r.rankings.sessions[0].name == "session 9");
        CHECK(std::find(f->next_steps.begin(), f->next_steps.end(), "!poolused 8") != f->next_steps.end());
    }
    SUBCASE("seed002-paged-warning: paged pool, 80% with the debugger's warning") {
        auto const r = judge_file("acceptance/seed002-paged-warning.log");
        CHECK(find(r, "nonpaged-pool-exhaustion") == nullptr);
        CHECK(find(r, "session-pool-exhaustion") == nullptr);
        auto const* f = find(r, "paged-pool-exhaustion");
        REQUIRE(f != nullptr);
        CHECK(f->severity == Severity::high);
        CHECK(f->summary.find("32,850 of 40,960 pages (80%: 128 MB of 160 MB)") != std::string::npos);
        CHECK(std::find(f->next_steps.begin(), f->next_steps.end(), "!poolused 4") != f->next_steps.end());
    }
    SUBCASE("seed002-myav: paged pool with the warning") {
        auto const r = judge_file("acceptance/seed002-myav.log");
        CHECK(find(r, "nonpaged-pool-exhaustion") == nullptr);
        auto const* f = find(r, "paged-pool-exhaustion");
        REQUIRE(f != nullptr);
        CHECK(f->summary.find("32,951 of 40,960") != std::string::npos);
        CHECK(f->summary.find("Excessive Paged Pool Usage") != std::string::npos);
    }
    SUBCASE("seed002-paged-mmst: paged pool at 90% with 818 failures is critical") {
        auto const r = judge_file("acceptance/seed002-paged-mmst.log");
        CHECK(find(r, "nonpaged-pool-exhaustion") == nullptr);
        auto const* f = find(r, "paged-pool-exhaustion");
        REQUIRE(f != nullptr);
        CHECK(f->severity == Severity::critical);
        CHECK(f->summary.find("120,710 of 134,144") != std::string::npos);
        CHECK(f->summary.find("818") != std::string::npos);
    }
    SUBCASE("seed002-nonpaged-ddk: nonpaged pool full, banner and 429 failures") {
        auto const r = judge_file("acceptance/seed002-nonpaged-ddk.log");
        CHECK(find(r, "paged-pool-exhaustion") == nullptr);
        auto const* f = find(r, "nonpaged-pool-exhaustion");
        REQUIRE(f != nullptr);
        CHECK(f->severity == Severity::critical);
        CHECK(f->summary.find("64,445 of 64,640 pages (99%") != std::string::npos);
        CHECK(f->summary.find("429") != std::string::npos);
        CHECK(f->score >= 0.95);
        CHECK(std::find(f->next_steps.begin(), f->next_steps.end(), "!poolused 2") != f->next_steps.end());
    }
    SUBCASE("seed003-leak: nonpaged pool; the impossible paged maximum is noted, not judged") {
        auto const r = judge_file("acceptance/seed003-leak.log");
        auto const* f = find(r, "nonpaged-pool-exhaustion");
        REQUIRE(f != nullptr);
        CHECK(f->severity == Severity::high);
        CHECK(f->summary.find("155,371 of 191,078") != std::string::npos);
        CHECK(find(r, "paged-pool-exhaustion") == nullptr);
        CHECK(notes_mention(r, "PagedPool Maximum: 33554432"));
        CHECK(has_line(r.note_evidence, 45));
    }
}

TEST_CASE("infer::pool_exhaustion on the corpus") {
    SUBCASE("session/002: a banner next to an impossible nonpaged usage is not proof") {
        auto const r = judge_file("session/002.txt");
        CHECK(find(r, "nonpaged-pool-exhaustion") == nullptr);
        CHECK(find(r, "paged-pool-exhaustion") == nullptr);
        CHECK(notes_mention(r, "NonPagedPool Usage: 29559056"));
        CHECK(notes_mention(r, "not proof"));
    }
    SUBCASE("vm/005: wrapped maxima are noted, a healthy machine gets no finding") {
        auto const r = judge_file("vm/005.txt");
        CHECK(r.findings.empty());
        CHECK(notes_mention(r, "NonPagedPool Max: 4294967296"));
        CHECK(notes_mention(r, "wrapped around 2^32"));
    }
    SUBCASE("vm/001: healthy, one impossible paged maximum") {
        auto const r = judge_file("vm/001.txt");
        CHECK(r.findings.empty());
        CHECK(notes_mention(r, "PagedPool Maximum: 33554432"));
    }
}

TEST_CASE("infer::pool_exhaustion edge cases") {
    using K = dbgsift::model::VmWarningKind;
    SUBCASE("failures with both pools far from maximum point elsewhere and ask for !vm 4") {
        auto const c = VmBuilder{}
                           .counter("Physical Memory", 1000000)
                           .counter("NonPagedPool Usage", 10000)
                           .counter("NonPagedPool Max", 60000)
                           .counter("PagedPool Usage", 20000)
                           .counter("PagedPool Maximum", 60000)
                           .failed(512)
                           .build();
        auto const r = judge(c);
        CHECK(r.findings.empty());
        CHECK(notes_mention(r, "512 pool allocations have failed"));
        CHECK(notes_mention(r, "session pool or to fragmentation"));
        CHECK(notes_mention(r, "!vm 4"));
    }
    SUBCASE("at 95% without any banner is still critical") {
        auto const c = VmBuilder{}
                           .counter("Physical Memory", 1000000)
                           .counter("PagedPool Usage", 9600)
                           .counter("PagedPool Maximum", 10000)
                           .build();
        auto const r = judge(c);
        auto const* f = find(r, "paged-pool-exhaustion");
        REQUIRE(f != nullptr);
        CHECK(f->severity == Severity::critical);
    }
    SUBCASE("82% without banner or failures is medium") {
        auto const c = VmBuilder{}
                           .counter("Physical Memory", 1000000)
                           .counter("NonPagedPool Usage", 8200)
                           .counter("NonPagedPool Max", 10000)
                           .build();
        auto const r = judge(c);
        auto const* f = find(r, "nonpaged-pool-exhaustion");
        REQUIRE(f != nullptr);
        CHECK(f->severity == Severity::medium);
    }
    SUBCASE("NX pool counts toward nonpaged usage") {
        auto const c = VmBuilder{}
                           .counter("Physical Memory", 1000000)
                           .counter("NonPagedPool Usage", 100)
                           .counter("NonPagedPoolNx Usage", 9800)
                           .counter("NonPagedPool Max", 10000)
                           .build();
        auto const r = judge(c);
        auto const* f = find(r, "nonpaged-pool-exhaustion");
        REQUIRE(f != nullptr);
        CHECK(f->summary.find("9,900 of 10,000") != std::string::npos);
    }
    SUBCASE("a maximum above physical memory plus page files is unknown, not room to spare") {
        auto const c = VmBuilder{}
                           .counter("Physical Memory", 100000)
                           .page_file(400000)  // 100000 pages
                           .counter("PagedPool Usage", 90000)
                           .counter("PagedPool Maximum", 33554432)
                           .banner(K::excessive_paged, "Excessive Paged Pool Usage")
                           .build();
        auto const r = judge(c);
        CHECK(find(r, "paged-pool-exhaustion") == nullptr);
        CHECK(notes_mention(r, "200000 pages"));
        CHECK(notes_mention(r, "not proof"));
    }
    SUBCASE("commit at 97% of its limit") {
        auto const c = VmBuilder{}
                           .counter("Physical Memory", 1000000)
                           .counter("Committed pages", 970000)
                           .counter("Commit limit", 1000000)
                           .build();
        auto const r = judge(c);
        auto const* f = find(r, "commit-limit-exhaustion");
        REQUIRE(f != nullptr);
        CHECK(f->severity == Severity::critical);
        CHECK(f->summary.find("970,000") != std::string::npos);
    }
    SUBCASE("a session with failures but no maximum printed is still named") {
        auto b = VmBuilder{}.counter("Physical Memory", 1000000);
        dbgsift::model::SessionPool s;
        s.id = 3;
        s.paged_pool_kb = 20000;
        s.failures = 12;
        s.loc = {0, 40};
        b.vm.sessions.push_back(s);
        auto const r = judge(b.build());
        auto const* f = find(r, "session-pool-exhaustion");
        REQUIRE(f != nullptr);
        CHECK(f->severity == Severity::high);
        CHECK(f->culprits[0].name == "session 3");
    }
    SUBCASE("no !vm, no finding and no note") {
        dbgsift::model::Case c;
        c.snapshots.emplace_back();
        auto const r = judge(c);
        CHECK(r.findings.empty());
        CHECK(r.notes.empty());
    }
}

TEST_SUITE_END();
