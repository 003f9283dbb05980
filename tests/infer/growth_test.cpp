// SPDX-License-Identifier: MIT
// Growth between snapshots, lockstep chains, work-item coupling, absolute norms and deadlock
// cycles: the rules of issue 11 on real tables (corpus/) and second snapshots generated from
// them by tests/gen/growth_pair.py (corpus/series/, provenance in corpus/SOURCES.md).
#include "dbgsift/infer/growth.hpp"
#include "dbgsift/infer/norms.hpp"
#include "dbgsift/infer/rules.hpp"
#include "dbgsift/infer/rules/pool_growth.hpp"
#include "dbgsift/infer/rules/rules_list.hpp"
#include "dbgsift/pipeline.hpp"
#include "support/files.hpp"

#include <doctest/doctest.h>

namespace {
using namespace dbgsift;
using dbgsift::test::slurp;

infer::Report analyze_file(std::string const& path) {
    auto const c = read_buffer(slurp(std::string(CORPUS_DIR) + "/" + path), path);
    return infer::analyze(c, {});
}

infer::Finding const* finding(infer::Report const& r, std::string_view pattern) {
    for (auto const& f : r.findings) {
        if (infer::to_string(f.pattern) == pattern) {
            return &f;
        }
    }
    return nullptr;
}

bool mentions(std::vector<std::string> const& reasons, std::string_view what) {
    for (auto const& r : reasons) {
        if (r.find(what) != std::string::npos) {
            return true;
        }
    }
    return false;
}

infer::Culprit const* ranked(std::vector<infer::Culprit> const& ranking, std::string_view name) {
    for (auto const& c : ranking) {
        if (c.name == name) {
            return &c;
        }
    }
    return nullptr;
}

model::PoolTag short_row(std::string tag, std::uint64_t allocs, std::uint64_t used, std::uint32_t line,
                         bool unknown = false) {
    model::PoolTag t;
    t.tag = std::move(tag);
    t.nonpaged.allocs = allocs;
    t.nonpaged.used = used;
    t.unknown = unknown;
    t.loc = {0, line};
    return t;
}

model::Snapshot kernel_snapshot(std::uint32_t ordinal, std::vector<model::PoolTag> rows) {
    model::Snapshot s;
    s.target = model::Target::kernel;
    s.ordinal = ordinal;
    model::PoolUsedTable t;
    t.has_nonpaged = t.has_paged = t.has_used = true;
    t.sorted_pool = model::PoolKind::nonpaged;
    t.tags = std::move(rows);
    t.loc = t.tags.empty() ? model::Loc{} : t.tags.front().loc;
    s.pool.push_back(std::move(t));
    return s;
}

} // namespace

TEST_SUITE_BEGIN("infer/growth");

TEST_CASE("judge_growth: a 4x change stands out of +-2% drift; a 1.4% drift of a big value does not") {
    std::vector<infer::Change> changes{{1000000, 1014000},  // big, +1.4%
                                       {200000, 196000}, {300000, 306000}, {150000, 151500},
                                       {400000, 392000}, {250000, 1000000},  // 4x
                                       {120000, 121000}};
    auto const v = infer::judge_growth(changes, infer::norms::pool_growth_min_bytes.value);
    CHECK_FALSE(v[0].grew);
    CHECK(v[0].stable);
    CHECK(v[5].grew);
    CHECK(v[5].factor == doctest::Approx(4.0));
    CHECK(v[5].z > infer::norms::growth_min_robust_z.value);
    for (std::size_t i : {1u, 2u, 3u, 4u, 6u}) {
        CHECK_FALSE(v[i].grew);
    }
}

TEST_CASE("judge_growth: below the minimum absolute change is noise, whatever the factor") {
    std::vector<infer::Change> changes{{48, 192}, {100, 101}, {200, 199}, {300, 303}, {400, 396}, {500, 505}};
    auto const v = infer::judge_growth(changes, infer::norms::pool_growth_min_bytes.value);
    CHECK_FALSE(v[0].grew);  // 4x, but 144 bytes
}

TEST_CASE("judge_growth: with too few peers the factor and the minimum decide") {
    auto const v = infer::judge_growth({{900, 4900}, {300, 305}}, infer::norms::handle_growth_min.value);
    CHECK(v[0].grew);
    CHECK(v[0].z == 0);
    CHECK_FALSE(v[1].grew);
}

// corpus/series/pool-002-fmsl-x4.log: corpus/poolused/002.txt (a real !poolused 2, FMsl
// 11963 allocs / 2296896 bytes at its line 27) and a generated second copy in which FMsl grows
// 4x (47852 / 9187584, line 66) while every other row drifts +-2%.
TEST_CASE("series: one mid-ranked tag grown 4x between two !poolused is the leak, named with its growth") {
    auto const r = analyze_file("series/pool-002-fmsl-x4.log");
    auto const* f = finding(r, "pool-tag-leak");
    REQUIRE(f != nullptr);
    CHECK(f->severity == infer::Severity::high);
    CHECK(f->culprits.at(0).name == "FMsl");
    CHECK(f->summary.find("Pool tag FMsl leaks nonpaged pool: grew by 6,890,688 bytes (2,296,896 -> "
                          "9,187,584, x4.0) and 35,889 outstanding allocations between snapshot 1 (line 27) "
                          "and snapshot 2 (line 66)") == 0);
    REQUIRE_FALSE(r.rankings.pooltags.empty());
    CHECK(r.rankings.pooltags[0].name == "FMsl");
    SUBCASE("the biggest tag drifted: large but stable, not grown") {
        auto const* cont = ranked(r.rankings.pooltags, "ConT");
        REQUIRE(cont != nullptr);
        CHECK(mentions(cont->reasons, "large but stable: 5,935,104 -> 6,017,586 bytes"));
        CHECK_FALSE(mentions(cont->reasons, "grew"));
    }
    SUBCASE("two snapshots: no note asks for a second one") {
        for (auto const& n : r.notes) {
            CHECK(n.find("Only one snapshot of pool usage") == std::string::npos);
        }
    }
}

TEST_CASE("series: the single real table alone is only a suspicion, and asks for a second snapshot") {
    auto const r = analyze_file("poolused/002.txt");
    auto const* f = finding(r, "pool-tag-leak");
    if (f != nullptr) {
        CHECK(f->summary.find("suspected") != std::string::npos);
    }
    CHECK((f == nullptr || mentions(r.notes, "second !poolused")));
}

// corpus/series/process-100-onedrive.log: corpus/process/100.txt (a real Windows 10
// `!process 0 0`, 138 processes), OneDrive.exe's HandleCount set to 900 (line 520), then a
// generated second listing with 4900 (line 1211) while the others drift +-2%.
TEST_CASE("series: a process whose HandleCount goes 900 -> 4900 is a handle leak, though under 10,000") {
    auto const r = analyze_file("series/process-100-onedrive.log");
    auto const* f = finding(r, "handle-leak");
    REQUIRE(f != nullptr);
    CHECK(f->severity == infer::Severity::high);
    CHECK(f->summary.find("OneDrive.exe leaks handles: HandleCount grew by 4,000 (900 -> 4,900) between "
                          "snapshot 1 (line 520) and snapshot 2 (line 1211)") == 0);
    REQUIRE_FALSE(r.rankings.processes.empty());
    CHECK(r.rankings.processes[0].name == "OneDrive.exe");
}

TEST_CASE("lockstep: an unknown tag and Even growing 1:1 are one chain, rooted at the driver's tag") {
    // Seed 000's rows (ABCD 73979 / Even 65905 outstanding) read twice, both grown by 40,000.
    auto row = [](std::string tag, std::uint64_t n, std::uint32_t line, bool unknown) {
        return short_row(std::move(tag), n, n * 64, line, unknown);
    };
    std::vector<model::PoolTag> first{row("ABCD", 73979, 8, true), row("Even", 65905, 9, false)};
    std::vector<model::PoolTag> second{row("ABCD", 113979, 20, true), row("Even", 105905, 21, false)};
    for (std::uint32_t i = 0; i < 6; ++i) {
        first.push_back(row("Pe" + std::to_string(i), 10000 + 1000 * i, 10 + i, false));
        second.push_back(row("Pe" + std::to_string(i), 10000 + 1000 * i + 50, 22 + i, false));
    }
    model::Case c;
    c.inputs.emplace_back();
    c.snapshots.push_back(kernel_snapshot(0, first));
    c.snapshots.push_back(kernel_snapshot(1, second));
    auto const series = infer::rules::pool::pool_series(c);
    REQUIRE(series.trend);
    auto const chains = infer::rules::pool::lockstep_chains(series);
    REQUIRE(chains.size() == 1);
    REQUIRE(chains[0].members.size() == 2);
    CHECK(series.tags[chains[0].members[0]].tag == "ABCD");
    CHECK(chains[0].ratios[1] == doctest::Approx(1.0));

    auto const r = infer::analyze(c, {});
    auto const* f = finding(r, "pool-tag-leak");
    REQUIRE(f != nullptr);
    CHECK(f->culprits.at(0).name == "ABCD");
    CHECK(f->summary.find("grew in lockstep with Even (ratio 1.00): one object chain, ABCD its likely root") !=
          std::string::npos);
}

TEST_CASE("work items: a driver tag whose outstanding count equals IoWI's leaks work items (R4)") {
    std::vector<model::PoolTag> rows{short_row("IoWI", 48211, 48211 * 96, 5),
                                     short_row("Wdf ", 900, 90000, 6),
                                     short_row("DrvX", 48230, 48230 * 112, 7, true)};
    model::Case c;
    c.inputs.emplace_back();
    c.snapshots.push_back(kernel_snapshot(0, rows));
    auto const twins = infer::rules::pool::work_item_twins(c.snapshots[0].pool[0]);
    REQUIRE(twins.size() == 1);
    CHECK(twins[0].tag->tag == "DrvX");
    auto const r = infer::analyze(c, {});
    auto const* f = finding(r, "pool-tag-leak");
    REQUIRE(f != nullptr);
    CHECK(f->culprits.at(0).name == "DrvX");
    CHECK(f->summary.find("suspected") != std::string::npos);
    CHECK(f->summary.find("IoWI holds 48,211 work items outstanding") != std::string::npos);
}

TEST_CASE("absolute: an unknown tag holding gigabytes in millions of allocations is a finding with no TOTAL") {
    std::vector<model::PoolTag> rows{short_row("Blob", 3500000, 2800000000ull, 5, true),
                                     short_row("File", 9386, 3741536, 6), short_row("Thre", 1725, 4416000, 7)};
    model::Case c;
    c.inputs.emplace_back();
    c.snapshots.push_back(kernel_snapshot(0, rows));
    auto const r = infer::analyze(c, {});
    auto const* f = finding(r, "pool-tag-leak");
    REQUIRE(f != nullptr);
    CHECK(f->culprits.at(0).name == "Blob");
    CHECK(f->summary.find("suspected") != std::string::npos);
}

TEST_CASE("deadlock: two resources each owned by the thread the other waits for") {
    // Built on the layout of corpus/locks/008.txt (a real !locks), with a cycle of two threads.
    std::string const text = "0: kd> !locks\n"
                             "\n"
                             "Resource @ 0x85205ec8    Exclusively owned\n"
                             "    Contention Count = 1\n"
                             "    NumberOfExclusiveWaiters = 1\n"
                             "     Threads: 88b9fcb0-01<*>\n"
                             "     Threads Waiting On Exclusive Access:\n"
                             "              850bbd78\n"
                             "\n"
                             "Resource @ 0x85301000    Exclusively owned\n"
                             "    Contention Count = 1\n"
                             "    NumberOfExclusiveWaiters = 1\n"
                             "     Threads: 850bbd78-01<*>\n"
                             "     Threads Waiting On Exclusive Access:\n"
                             "              88b9fcb0\n"
                             "2 total locks, 2 locks currently held\n";
    auto const c = read_buffer(text, "deadlock");
    REQUIRE(c.snapshots.size() == 1);
    REQUIRE(c.snapshots[0].lock_totals.has_value());
    CHECK(c.snapshots[0].lock_totals->total.value == 2);
    CHECK(c.snapshots[0].lock_totals->held->value == 2);
    auto const r = infer::analyze(c, {});
    REQUIRE_FALSE(r.findings.empty());
    auto const& top = r.findings.front();
    CHECK(top.pattern == infer::Pattern::deadlock);
    CHECK(top.severity == infer::Severity::critical);
    CHECK(top.summary.find("owns") != std::string::npos);
    CHECK(top.summary.find("waits for") != std::string::npos);
    CHECK(top.culprits.size() == 2);
}

TEST_CASE("norms: every threshold names its signal, unit and source") {
    for (auto const* n : infer::norms::k_all) {
        CHECK_FALSE(n->signal.empty());
        CHECK_FALSE(n->unit.empty());
        CHECK_FALSE(n->source.empty());
        CHECK(n->value > 0);
    }
}


// corpus/series/pool-003-mmst-x4.log: corpus/poolused/003.txt (a real `!poolused 2` and
// `!poolused 4`), then a generated copy in which MmSt (paged, 6790672 bytes at line 36) grows 4x
// (27162688, line 76): the paged tables are compared with each other, not with the nonpaged one.
TEST_CASE("series: with two tables per snapshot, each pool's tables are paired") {
    auto const r = analyze_file("series/pool-003-mmst-x4.log");
    auto const* f = finding(r, "pool-tag-leak");
    REQUIRE(f != nullptr);
    CHECK(f->culprits.at(0).name == "MmSt");
    CHECK(f->summary.find("Pool tag MmSt leaks paged pool: grew by 20,372,016 bytes (6,790,672 -> 27,162,688, "
                          "x4.0)") == 0);
    CHECK(f->summary.find("(line 36) and snapshot 2 (line 76)") != std::string::npos);
}

// corpus/series/pool-002-fmsl-x4-timed.log: the pair above with "Debug session time:" lines
// (10:00 and 14:00) before each table: 6,890,688 bytes in 4 hours.
TEST_CASE("series: session times give a rate per hour") {
    auto const c = read_buffer(slurp(std::string(CORPUS_DIR) + "/series/pool-002-fmsl-x4-timed.log"), "timed");
    REQUIRE(c.snapshots.size() == 2);
    REQUIRE(c.snapshots[0].seconds.has_value());
    REQUIRE(c.snapshots[1].seconds.has_value());
    CHECK(*c.snapshots[1].seconds - *c.snapshots[0].seconds == doctest::Approx(4 * 3600.0));
    auto const r = infer::analyze(c, {});
    auto const* f = finding(r, "pool-tag-leak");
    REQUIRE(f != nullptr);
    CHECK(f->summary.find("(1,722,672 bytes per hour)") != std::string::npos);
}

// corpus/vm/005.txt (a real Windows 10 x64 `!vm`, "NonPagedPool Max: 4294967296" at line 21)
// with NonPagedPoolNx Usage raised from 14108 to 350000 pages: against 75% of its 524157
// pages of physical memory (393117) that is 89%, past PAL's 80% (R10).
TEST_CASE("pool maximum computed from physical memory when the printed Max is impossible") {
    auto text = slurp(std::string(CORPUS_DIR) + "/vm/005.txt");
    std::string const was = "NonPagedPoolNx Usage:       14108 (      56432 Kb)";
    auto const at = text.find(was);
    REQUIRE(at != std::string::npos);
    text.replace(at, was.size(), "NonPagedPoolNx Usage:      350000 (    1400000 Kb)");
    auto const r = infer::analyze(read_buffer(text, "vm005"), {});
    auto const* f = finding(r, "nonpaged-pool-exhaustion");
    REQUIRE(f != nullptr);
    CHECK(f->severity == infer::Severity::critical);
    CHECK(f->summary.find("350,000 of 393,117 pages (89%: 1.34 GB of 1.50 GB) of the maximum computed from 75% of Physical Memory "
                          "524157 pages") != std::string::npos);
    CHECK(finding(analyze_file("vm/005.txt"), "nonpaged-pool-exhaustion") == nullptr);  // 14108 pages: healthy
}

TEST_CASE("one snapshot: a core tag at exactly the outstanding count of an unknown tag is one chain under it") {
    // Counts as a minifilter context pinning NTFS FCBs would print them (R3): 1:1.
    std::vector<model::PoolTag> rows{short_row("NtFC", 1000040, 1000040 * 400, 5),
                                     short_row("Ctx1", 1000000, 1000000 * 64, 6, true),
                                     short_row("File", 9386, 3741536, 7), short_row("Thre", 1725, 4416000, 8)};
    model::Case c;
    c.inputs.emplace_back();
    c.snapshots.push_back(kernel_snapshot(0, rows));
    auto const r = infer::analyze(c, {});
    auto const* f = finding(r, "pool-tag-leak");
    REQUIRE(f != nullptr);
    CHECK(f->culprits.at(0).name == "Ctx1");
    CHECK(f->summary.find("outstanding counts at a fixed ratio with NtFC (1,000,040 outstanding): one object "
                          "chain, Ctx1 its likely root") != std::string::npos);
    auto const* ntfc = ranked(r.rankings.pooltags, "NtFC");
    REQUIRE(ntfc != nullptr);
    CHECK(mentions(ntfc->reasons, "one object chain, whose likely root is Ctx1"));
}

// Zombies (R5): the ObjectTable 0 / HandleCount 0 form of corpus/process/100.txt, twelve times.
TEST_CASE("zombie processes grouped by image") {
    std::string text = "0: kd> !process 0 0\n**** NT ACTIVE PROCESS DUMP ****\n";
    for (int i = 0; i < 12; ++i) {
        text += "PROCESS ffffab84c9" + std::to_string(100000 + i) + "\n"
                "    SessionId: 1  Cid: 1" + std::to_string(100 + i) + "    Peb: 00000000  ParentCid: 0280\n"
                "    DirBase: 1440b8000  ObjectTable: 00000000  HandleCount:   0.\n"
                "    Image: setup.exe\n\n";
    }
    auto const r = infer::analyze(read_buffer(text, "zombies"), {});
    auto const* f = finding(r, "handle-leak");
    REQUIRE(f != nullptr);
    CHECK(f->summary.find("12 zombie processes") == 0);
    CHECK(f->culprits.at(0).name == "setup.exe");
}

TEST_SUITE_END();
