// SPDX-License-Identifier: MIT
#include "dbgsift/infer/rules.hpp"
#include "dbgsift/infer/rules/rules_list.hpp"

#include <algorithm>
#include <doctest/doctest.h>

namespace {

using namespace dbgsift;

model::Snapshot vm_snapshot(std::vector<std::pair<std::string, std::uint64_t>> const& rows) {
    model::Snapshot s;
    s.target = model::Target::kernel;
    s.vm.emplace();
    std::uint32_t line = 50;
    std::uint64_t pid = 0x100;
    for (auto const& [image, kb] : rows) {
        model::VmProcessCommit row;
        row.pid = pid++;
        row.image = image;
        row.commit_kb = kb;
        row.loc = {0, line++};
        s.vm->process_commits.push_back(row);
    }
    return s;
}

} // namespace

TEST_SUITE_BEGIN("infer/process_memory_leak");

TEST_CASE("process-memory-leak: one process far above the others' commit") {
    model::Case c;
    c.inputs.emplace_back();
    std::vector<std::pair<std::string, std::uint64_t>> rows;
    for (int i = 0; i < 15; ++i) {
        rows.emplace_back("svchost.exe", 20000 + 3000 * i);
    }
    rows.emplace_back("AppC.exe", 6000000);  // ~5.7 GB
    c.snapshots.push_back(vm_snapshot(rows));
    model::Process p;
    p.address = 0x85e626f0;
    p.cid = 0x100 + 15;
    p.image = "AppC.exe";
    p.loc = {0, 3};
    c.snapshots[0].processes.push_back(p);

    infer::Report r;
    infer::rules::process_memory_leak(c, {}, r);
    REQUIRE(r.findings.size() == 1);
    CHECK(to_string(r.findings[0].pattern) == "process-memory-leak");
    REQUIRE(r.rankings.processes.size() == 1);
    CHECK(r.rankings.processes[0].name == "AppC.exe");
    CHECK(r.rankings.processes[0].reasons[0].find("6000000 Kb") != std::string::npos);
    CHECK(r.findings[0].next_steps.front() == ".process /r /p 85e626f0");
}

TEST_CASE("process-memory-leak: an even spread of commit raises nothing") {
    model::Case c;
    c.inputs.emplace_back();
    std::vector<std::pair<std::string, std::uint64_t>> rows;
    for (int i = 0; i < 15; ++i) {
        rows.emplace_back("svchost.exe", 200000 + 30000 * i);
    }
    c.snapshots.push_back(vm_snapshot(rows));
    infer::Report r;
    infer::rules::process_memory_leak(c, {}, r);
    CHECK(r.findings.empty());
}

TEST_CASE("process-memory-leak: CommitCharge growth between snapshots") {
    model::Case c;
    c.inputs.emplace_back();
    model::Snapshot a;
    a.target = model::Target::kernel;
    model::Process p;
    p.cid = 0x818;
    p.image = "AppB.exe";
    p.commit_charge_kb = model::Sourced<std::uint64_t>{400000, {0, 9}};
    a.processes = {p};
    model::Snapshot b = a;
    b.ordinal = 1;
    b.processes[0].commit_charge_kb = model::Sourced<std::uint64_t>{1600000, {0, 90}};
    c.snapshots = {a, b};
    infer::Report r;
    infer::rules::process_memory_leak(c, {}, r);
    REQUIRE(r.findings.size() == 1);
    auto const& k = r.findings[0].culprits[0];
    CHECK(k.name == "AppB.exe");
    CHECK(std::any_of(k.reasons.begin(), k.reasons.end(),
                      [](auto const& s) { return s.find("grew from 400000") != std::string::npos; }));
}

TEST_SUITE_END();
