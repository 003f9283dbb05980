// SPDX-License-Identifier: MIT
#include "dbgsift/infer/rules.hpp"
#include "dbgsift/infer/rules/rules_list.hpp"
#include "dbgsift/infer/text.hpp"
#include "dbgsift/pipeline.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <random>
#include <doctest/doctest.h>
#include <fstream>
#include <sstream>
#include "support/files.hpp"

namespace {

using namespace dbgsift;

using dbgsift::test::slurp;

model::Process process(std::string image, std::uint64_t cid, std::uint64_t handles, std::uint32_t line) {
    model::Process p;
    p.address = 0x80000000 + line;
    p.cid = cid;
    p.image = std::move(image);
    p.handle_count = model::Sourced<std::uint64_t>{handles, {0, line}};
    p.loc = {0, line};
    return p;
}

// Seed 000's kernel part as a model: the !poolused rows and the two processes.
model::Case seed000_model() {
    model::Case c;
    c.inputs.emplace_back();
    model::Snapshot s;
    s.target = model::Target::kernel;
    model::PoolUsedTable t;
    model::PoolTag abcd;
    abcd.tag = "ABCD";
    abcd.nonpaged = {1778517, 1704538, 73979, 4734656};
    abcd.unknown = true;
    abcd.loc = {0, 8};
    model::PoolTag even;
    even.tag = "Even";
    even.nonpaged = {6129633, 6063728, 65905, 4224528};
    even.description = "Event objects";
    even.loc = {0, 9};
    t.tags = {abcd, even};
    s.pool.push_back(t);
    s.processes = {process("AppA.exe", 0x1bf4, 18539, 17), process("AppB.exe", 0x818, 36252, 21)};
    c.snapshots.push_back(s);
    return c;
}

infer::Finding const* find(infer::Report const& r, std::string_view pattern) {
    for (auto const& f : r.findings) {
        if (to_string(f.pattern) == pattern) {
            return &f;
        }
    }
    return nullptr;
}

} // namespace

TEST_SUITE_BEGIN("infer/handle_leak");

TEST_CASE("handle-leak: seed 000 kernel, two processes and the Even tag") {
    auto const c = seed000_model();
    infer::Report r;
    infer::rules::handle_leak(c, {}, r);
    auto const* f = find(r, "handle-leak");
    REQUIRE(f != nullptr);
    CHECK(f->severity == infer::Severity::high);
    REQUIRE(r.rankings.processes.size() == 2);
    CHECK(r.rankings.processes[0].name == "AppB.exe");
    CHECK(r.rankings.processes[1].name == "AppA.exe");
    CHECK(r.rankings.processes[0].score > r.rankings.processes[1].score);
    CHECK(r.rankings.processes[0].reasons[0].find("36,252") != std::string::npos);

    SUBCASE("two processes are too few for robust statistics, and the note says so") {
        CHECK(r.rankings.processes[0].reasons[1].find("too few") != std::string::npos);
        CHECK(std::any_of(r.notes.begin(), r.notes.end(),
                          [](auto const& n) { return n.find("median/MAD") != std::string::npos; }));
    }
    SUBCASE("Even is linked to the handles, ABCD moves with it and stays above it") {
        auto const& tags = r.rankings.pooltags;
        auto const even = std::find_if(tags.begin(), tags.end(), [](auto& k) { return k.name == "Even"; });
        auto const abcd = std::find_if(tags.begin(), tags.end(), [](auto& k) { return k.name == "ABCD"; });
        REQUIRE(even != tags.end());
        REQUIRE(abcd != tags.end());
        CHECK(even->score >= 0.6);
        CHECK(even->score <= 0.8);
        CHECK(abcd->score > even->score);
        CHECK(even->reasons[0].find("65,905") != std::string::npos);
        CHECK(even->reasons[0].find("54,791") != std::string::npos);  // 36252 + 18539
        CHECK(abcd->reasons[0].find("73,979") != std::string::npos);
    }
    CHECK(std::find(f->next_steps.begin(), f->next_steps.end(), "!process 0818 7") != f->next_steps.end());
    CHECK(std::find(f->next_steps.begin(), f->next_steps.end(), "!htrace -diff") != f->next_steps.end());
}

TEST_CASE("handle-leak: the merged ranking keeps ABCD above Even after the pool rule's own scores") {
    auto const c = seed000_model();
    infer::Report r;
    // Whatever the pool-tag rule gives, as long as it ranks ABCD at least as high as Even...
    r.rankings.pooltags.push_back({infer::CulpritKind::pooltag, "ABCD", 0.7, {"pool"}, {}});
    r.rankings.pooltags.push_back({infer::CulpritKind::pooltag, "Even", 0.6, {"pool"}, {}});
    infer::rules::handle_leak(c, {}, r);
    double abcd = 0, even = 0;
    for (auto const& k : r.rankings.pooltags) {
        (k.name == "ABCD" ? abcd : even) = std::max(k.name == "ABCD" ? abcd : even, k.score);
    }
    // ...the merge (max + 0.1 * min) of each name keeps the order.
    CHECK(abcd >= even);
}

TEST_CASE("handle-leak: seed 000 user-mode summary, Event dominant") {
    auto const c = dbgsift::read_buffer(slurp(CORPUS_DIR "/acceptance/seed000-user.log"), "user");
    infer::Report r;
    infer::rules::handle_leak(c, {}, r);
    auto const* f = find(r, "handle-leak");
    REQUIRE(f != nullptr);
    REQUIRE_FALSE(r.rankings.handle_types.empty());
    CHECK(r.rankings.handle_types[0].name == "Event");
    CHECK(r.rankings.handle_types[0].reasons[0].find("222,742 of 273,020") != std::string::npos);
    CHECK(r.rankings.handle_types[0].reasons[0].find("81.6%") != std::string::npos);
    CHECK(std::find(f->next_steps.begin(), f->next_steps.end(), "!handle 0 f Event") != f->next_steps.end());
}

TEST_CASE("handle-leak: a healthy 138-process listing raises nothing") {
    auto const c = dbgsift::read_buffer(slurp(CORPUS_DIR "/process/100.txt"), "100");
    infer::Report r;
    infer::rules::handle_leak(c, {}, r);
    CHECK(r.findings.empty());
    CHECK(r.rankings.processes.empty());
}

TEST_CASE("handle-leak: an outlier among many processes is found by median/MAD") {
    model::Case c;
    c.inputs.emplace_back();
    model::Snapshot s;
    s.target = model::Target::kernel;
    for (std::uint32_t i = 0; i < 20; ++i) {
        s.processes.push_back(process("svchost.exe", 0x100 + i, 300 + 10 * i, 10 + i));
    }
    s.processes.push_back(process("leaky.exe", 0x999, 8000, 40));
    s.processes.push_back(process("System", 4, 45000, 41));  // heavy by design, under its baseline
    c.snapshots.push_back(s);
    infer::Report r;
    infer::rules::handle_leak(c, {}, r);
    REQUIRE(r.rankings.processes.size() == 1);
    CHECK(r.rankings.processes[0].name == "leaky.exe");
    CHECK(r.rankings.processes[0].reasons[1].find("robust deviations") != std::string::npos);

    SUBCASE("object counts far above all handles together read as a kernel reference leak") {
        model::PoolUsedTable t;
        model::PoolTag thre;
        thre.tag = "Thre";
        thre.nonpaged.diff = 400000;
        thre.loc = {0, 5};
        t.tags.push_back(thre);
        c.snapshots[0].pool.push_back(t);
        infer::Report r2;
        infer::rules::handle_leak(c, {}, r2);
        REQUIRE_FALSE(r2.rankings.pooltags.empty());
        auto const& reasons = r2.rankings.pooltags[0].reasons;
        CHECK(std::any_of(reasons.begin(), reasons.end(), [](auto const& s) {
            return s.find("kernel reference leak") != std::string::npos;
        }));
    }
}

TEST_CASE("handle-leak: growth between two snapshots is cited") {
    model::Case c;
    c.inputs.emplace_back();
    model::Snapshot a;
    a.target = model::Target::kernel;
    a.ordinal = 0;
    a.processes = {process("AppB.exe", 0x818, 12000, 5)};
    model::Snapshot b = a;
    b.ordinal = 1;
    b.processes = {process("AppB.exe", 0x818, 36252, 50)};
    c.snapshots = {a, b};
    infer::Report r;
    infer::rules::handle_leak(c, {}, r);
    REQUIRE(r.rankings.processes.size() == 2);
    auto const& later = r.rankings.processes[1];
    CHECK(std::any_of(later.reasons.begin(), later.reasons.end(), [](auto const& s) {
        return s.find("HandleCount grew by 24,252 (12,000 -> 36,252)") != std::string::npos;
    }));
}

TEST_CASE("handle-leak: the earlier self is the last one met of the same machine, wherever it is listed") {
    // Snapshots listed out of time order, one of another machine among them, and a process of
    // the same image under another cid: AppB's self before its ordinal-2 listing is the
    // ordinal-1 one listed after it, not the other machine's (listed later still, ordinal 1
    // too) nor the ordinal-0 one.
    auto snapshot = [](std::uint32_t ordinal, std::string machine, std::vector<model::Process> processes) {
        model::Snapshot s;
        s.target = model::Target::kernel;
        s.ordinal = ordinal;
        s.machine = std::move(machine);
        s.processes = std::move(processes);
        return s;
    };
    model::Case c;
    c.inputs.emplace_back();
    c.snapshots = {snapshot(2, "HOST", {process("AppB.exe", 0x818, 40000, 90), process("AppB.exe", 0x900, 1000, 91)}),
                   snapshot(0, "HOST", {process("AppB.exe", 0x818, 5000, 10)}),
                   snapshot(1, "HOST", {process("AppB.exe", 0x818, 20000, 50)}),
                   snapshot(1, "OTHER", {process("AppB.exe", 0x818, 39000, 70)})};
    infer::Report r;
    infer::rules::handle_leak(c, {}, r);
    auto cites = [&r](std::string_view text) {
        return std::any_of(r.rankings.processes.begin(), r.rankings.processes.end(), [&](auto const& k) {
            return std::any_of(k.reasons.begin(), k.reasons.end(),
                               [&](auto const& s) { return s.find(text) != std::string::npos; });
        });
    };
    CHECK(cites("HandleCount grew by 20,000 (20,000 -> 40,000) between snapshot 2 (line 50) and snapshot 3 (line 90)"));
    CHECK(cites("HandleCount grew by 15,000 (5,000 -> 20,000) between snapshot 1 (line 10) and snapshot 2 (line 50)"));
    CHECK_FALSE(cites("39,000 ->"));
    CHECK_FALSE(cites("1,000 ->"));
}

TEST_SUITE_END();

namespace {

// An !htrace -diff of `handles` handles, each opened by a function of its own (a few by the
// same one, so that scores differ): a finding names more suspects than analyze compares whole.
std::string htrace_of_many_openers(int handles) {
    std::ostringstream out;
    out << "0:001> !htrace -diff\n"
           "Handle tracing information snapshot successfully taken.\n"
           "0x" << std::hex << handles << " new stack traces since the previous snapshot.\n"
           "Ignoring handles that were already closed...\n"
           "Outstanding handles opened since the previous snapshot:\n"
           "--------------------------------------\n";
    for (int h = 0; h < handles; ++h) {
        out << "Handle = 0x" << std::hex << (4 * h + 4) << " - OPEN\n"
            << "Thread ID = 0x000085a4, Process ID = 0x000051c0\n\n"
            << "0x7772300c: ntdll!NtCreateEvent+0x0000000c\n"
            << "0x7570f208: KERNELBASE!CreateEventW+0x00000048\n"
            << "0x0040" << std::dec << (1000 + h) << ": App" << (h % 7) << "!Opener" << (h % 5 == 0 ? 0 : h)
            << "+0x00000012\n"
            << "0x00401234: App!main+0x00000034\n"
            << "--------------------------------------\n";
    }
    out << "Displayed 0x" << std::hex << handles << " stack traces for outstanding handles opened since the previous snapshot.\n";
    return out.str();
}

} // namespace

TEST_CASE("rankings: findings that name many suspects get their ranked scores, and none of them is moved below the floor") {
    auto const c = read_buffer(htrace_of_many_openers(400), "many-openers.txt");
    auto const report = infer::analyze(c, {});
    std::size_t named = 0;
    std::size_t below_floor = 0;
    for (auto const& [key, list] : report.rankings.below_floor) {
        below_floor += list.size();
    }
    for (auto const& f : report.findings) {
        for (auto const& k : f.culprits) {
            ++named;
            for (auto const& kind : infer::ranking_kinds()) {
                if (kind.culprit_kind != k.kind) {
                    continue;
                }
                auto const same = [&k](infer::Culprit const& r) { return infer::equals_ignoring_case(r.name, k.name); };
                auto const& ranking = report.rankings.*kind.list;
                auto const ranked = std::find_if(ranking.begin(), ranking.end(), same);
                CHECK_MESSAGE(ranked != ranking.end(), k.name);
                if (ranked != ranking.end()) {
                    CHECK(ranked->score == k.score);
                }
                if (auto const moved = report.rankings.below_floor.find(std::string(kind.key));
                    moved != report.rankings.below_floor.end()) {
                    CHECK_MESSAGE(std::none_of(moved->second.begin(), moved->second.end(), same), k.name);
                }
            }
        }
    }
    MESSAGE(named << " suspects named by findings, " << below_floor << " moved below the floor");
    // What analyze reads to choose the index (analyze.cpp, worth_an_index): more than
    // k_named_read_whole suspects named, and named x ranked past k_compared_whole. Ranked as
    // merged, before the floor: the rankings and what was moved below it.
    std::size_t ranked = below_floor;
    for (auto const& kind : infer::ranking_kinds()) {
        ranked += (report.rankings.*kind.list).size();
    }
    CHECK(named > 16);
    CHECK(named * ranked > 16384);
}

TEST_CASE("rankings: the index of ranked names answers what reading the rankings whole answers") {
    std::mt19937 rng(14);
    auto const pick = [&rng](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
    // Scores about the floor as printed (two decimals), and well away from it.
    double const scores[] = {0.0, 0.01, 0.044, 0.045, 0.049, 0.05, 0.051, 0.2, 0.9, 1.0};
    auto const kinds = infer::ranking_kinds();
    auto const recased = [&](std::string name) {
        for (auto& ch : name) {
            ch = pick(2) == 0 ? static_cast<char>(std::toupper(static_cast<unsigned char>(ch))) : ch;
        }
        return name;
    };
    std::size_t kept_low = 0, moved = 0, named = 0;
    for (int round = 0; round < 300; ++round) {
        infer::Report report;
        for (std::size_t kind = 0; kind < kinds.size(); ++kind) {
            auto& list = report.rankings.*kinds[kind].list;
            for (std::size_t i = 0, n = pick(40); i < n; ++i) {  // each name once, as merge_ranking leaves them
                list.push_back({kinds[kind].culprit_kind, "s" + std::to_string(kind) + "_" + std::to_string(i),
                                scores[pick(std::size(scores))], {}, {}});
            }
        }
        for (std::size_t i = 0, n = 1 + pick(4); i < n; ++i) {
            infer::Finding f;
            for (std::size_t j = 0, m = pick(round % 2 == 0 ? 8 : 80); j < m; ++j) {
                auto const kind = pick(kinds.size());
                auto const& list = report.rankings.*kinds[kind].list;
                // A ranked name in another letter case, a name no ranking holds, or another kind's.
                auto const way = pick(4);
                std::string name = way == 0 || list.empty() ? "unranked" + std::to_string(pick(50))
                                   : way == 1              ? "s" + std::to_string(pick(kinds.size())) + "_" + std::to_string(pick(40))
                                                           : recased(list[pick(list.size())].name);
                f.culprits.push_back({kinds[kind].culprit_kind, std::move(name), scores[pick(std::size(scores))], {}, {}});
                ++named;
            }
            report.findings.push_back(std::move(f));
        }
        auto whole = report;
        auto indexed = report;
        infer::align_scores_and_apply_noise_floor_for_testing(whole, false);
        infer::align_scores_and_apply_noise_floor_for_testing(indexed, true);
        for (std::size_t i = 0; i < whole.findings.size(); ++i) {
            for (std::size_t j = 0; j < whole.findings[i].culprits.size(); ++j) {
                CHECK(whole.findings[i].culprits[j].score == indexed.findings[i].culprits[j].score);
            }
        }
        auto const same = [](std::vector<infer::Culprit> const& a, std::vector<infer::Culprit> const& b) {
            return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](infer::Culprit const& x, infer::Culprit const& y) {
                return x.name == y.name && x.score == y.score;
            });
        };
        for (auto const& kind : kinds) {
            CHECK(same(whole.rankings.*kind.list, indexed.rankings.*kind.list));
            for (auto const& c : whole.rankings.*kind.list) {
                kept_low += std::round(c.score * 100.0) / 100.0 < infer::k_noise_floor ? 1 : 0;
            }
        }
        REQUIRE(whole.rankings.below_floor.size() == indexed.rankings.below_floor.size());
        for (auto const& [key, list] : whole.rankings.below_floor) {
            REQUIRE(indexed.rankings.below_floor.count(key) == 1);
            CHECK(same(list, indexed.rankings.below_floor.at(key)));
            moved += list.size();
        }
    }
    MESSAGE(named << " suspects named, " << kept_low << " kept under the floor as named, " << moved << " moved aside");
    CHECK(kept_low > 100);
    CHECK(moved > 100);
}

TEST_CASE("noise floor: rows kept close up in order, rows moved aside keep theirs; a ranking all kept is left as is") {
    using infer::Culprit;
    using infer::CulpritKind;
    infer::Report report;
    for (double const score : {0.5, 0.01, 0.6, 0.02, 0.7, 0.03}) {
        report.rankings.pooltags.push_back({CulpritKind::pooltag, "t" + std::to_string(score), score, {}, {}});
    }
    report.rankings.processes.push_back({CulpritKind::process, "a.exe", 0.4, {}, {}});
    report.rankings.processes.push_back({CulpritKind::process, "b.exe", 0.3, {}, {}});
    // A finding names a row under the floor: it stays, in its place.
    infer::Finding f;
    f.culprits.push_back({CulpritKind::pooltag, "T0.020000", 0.02, {}, {}});
    report.findings.push_back(std::move(f));
    for (bool const indexed : {false, true}) {
        auto r = report;
        infer::align_scores_and_apply_noise_floor_for_testing(r, indexed);
        auto const names = [](std::vector<Culprit> const& list) {
            std::string out;
            for (auto const& c : list) {
                out += c.name + " ";
            }
            return out;
        };
        CHECK(names(r.rankings.pooltags) == "t0.500000 t0.600000 t0.020000 t0.700000 ");
        REQUIRE(r.rankings.below_floor.count("pooltags") == 1);
        CHECK(names(r.rankings.below_floor.at("pooltags")) == "t0.010000 t0.030000 ");
        CHECK(names(r.rankings.processes) == "a.exe b.exe ");
        CHECK(r.rankings.below_floor.count("processes") == 0);
    }
}
