// SPDX-License-Identifier: MIT
// The user_memory rule on real transcripts read through the pipeline.
#include "dbgsift/infer/rules/rules_list.hpp"
#include "dbgsift/pipeline.hpp"
#include "dbgsift/segment/reader.hpp"

#include <doctest/doctest.h>
#include <fstream>
#include <sstream>
#include "support/files.hpp"

namespace {

using dbgsift::test::slurp;

dbgsift::model::Case corpus_case(std::string const& rel) {
    return dbgsift::read_buffer(slurp(std::string(CORPUS_DIR) + "/" + rel), rel);
}

dbgsift::infer::Report run(dbgsift::model::Case const& c) {
    dbgsift::infer::Report r;
    dbgsift::infer::rules::user_memory(c, {}, r);
    return r;
}

dbgsift::infer::Finding const* find(dbgsift::infer::Report const& r, std::string_view pattern) {
    for (auto const& f : r.findings) {
        if (to_string(f.pattern) == pattern) {
            return &f;
        }
    }
    return nullptr;
}

bool mentions(std::vector<std::string> const& texts, std::string_view what) {
    for (auto const& t : texts) {
        if (t.find(what) != std::string::npos) {
            return true;
        }
    }
    return false;
}

} // namespace

TEST_SUITE_BEGIN("infer/user_memory");

TEST_CASE("seed 004: the Stack Trace Database grows while the heap stays flat") {
    auto const r = run(corpus_case("acceptance/seed004-stackdb.log"));
    auto const* f = find(r, "stack-trace-database-growth");
    REQUIRE(f != nullptr);
    CHECK(find(r, "heap-leak") == nullptr);
    CHECK(find(r, "virtual-memory-leak") == nullptr);
    REQUIRE_FALSE(f->culprits.empty());
    auto const& k = f->culprits.front();
    CHECK(to_string(k.kind) == "region");
    CHECK(k.name == "Stack Trace Database");
    CHECK(k.score >= 0.8);
    // 0xd2000 + 0x9000 committed before, 0x16dc000 + 0x123000 after
    CHECK(mentions(k.reasons, "0xdb000"));
    CHECK(mentions(k.reasons, "0x17ff000"));
    CHECK(mentions(k.reasons, "1,444 KB"));
    CHECK(mentions(f->next_steps, "-ust"));
    REQUIRE_FALSE(r.rankings.regions.empty());
    CHECK(r.rankings.regions.front().name == "Stack Trace Database");
    SUBCASE("the process heap moved between the dumps and was matched by position") {
        CHECK(mentions(r.notes, "0000000001a40000 -> 00000000019c0000"));
    }
}

TEST_CASE("heap/005 then heap/006: a heap whose commit grows is a heap leak") {
    auto whole = corpus_case("heap/005.txt");
    dbgsift::segment::merge_case(whole, dbgsift::read_buffer(slurp(std::string(CORPUS_DIR) + "/heap/006.txt")));
    REQUIRE(whole.snapshots.size() == 2);
    auto const r = run(whole);
    auto const* f = find(r, "heap-leak");
    REQUIRE(f != nullptr);
    REQUIRE_FALSE(f->culprits.empty());
    CHECK(to_string(f->culprits.front().kind) == "heap");
    CHECK(f->culprits.front().name == "000001976aa70000");
    CHECK(mentions(f->culprits.front().reasons, "124 KB"));
    CHECK(mentions(f->culprits.front().reasons, "9,492 KB"));
    REQUIRE_FALSE(r.rankings.heaps.empty());
    CHECK(f->severity >= dbgsift::infer::Severity::medium);
    CHECK(find(r, "stack-trace-database-growth") == nullptr);
}

TEST_CASE("heap/005 then heap/006 two hours apart: the growth comes with a rate per hour") {
    // Total heap commit 128 KB -> 12,088 KB (heap/005.txt, heap/006.txt): 11,960 KB in 2 hours.
    auto const timed = [](std::string const& rel, std::string_view time) {
        return "Debug session time: " + std::string(time) + "\n" + slurp(std::string(CORPUS_DIR) + "/" + rel);
    };
    auto whole = dbgsift::read_buffer(timed("heap/005.txt", "Thu Sep  8 10:00:00.000 2016 (UTC + 2:00)"), "a");
    dbgsift::segment::merge_case(whole, dbgsift::read_buffer(timed("heap/006.txt", "Thu Sep  8 12:00:00.000 2016 (UTC + 2:00)"), "b"));
    REQUIRE(whole.snapshots.size() == 2);
    auto const report = run(whole);
    auto const* f = find(report, "heap-leak");
    REQUIRE(f != nullptr);
    CHECK(f->summary.find("between snapshot 1 and snapshot 2 (5.84 MB per hour)") != std::string::npos);
}

TEST_CASE("one snapshot: a heap that dwarfs the others is a suspect with low confidence") {
    auto const r = run(corpus_case("heap/002.txt"));
    auto const* f = find(r, "heap-leak");
    REQUIRE(f != nullptr);
    CHECK(f->severity == dbgsift::infer::Severity::low);
    CHECK(f->culprits.front().name == "0000000001980000");
    CHECK(f->culprits.front().score < 0.6);
    CHECK(mentions(r.notes, "second"));
    SUBCASE("a small heap set is not a suspect") {
        auto const quiet = run(corpus_case("heap/011.txt"));
        CHECK(quiet.findings.empty());
    }
}

TEST_CASE("one snapshot: <unknown> holding most of a large address space") {
    auto const r = run(corpus_case("address/009.txt"));
    auto const* f = find(r, "virtual-memory-leak");
    REQUIRE(f != nullptr);
    CHECK(to_string(f->culprits.front().kind) == "region");
    CHECK(f->culprits.front().name == "<unknown>");
    CHECK(mentions(f->culprits.front().reasons, "83.9%"));
    CHECK(mentions(f->next_steps, "!eeheap -gc"));
    SUBCASE("an address space where Image leads is not a suspect") {
        CHECK(run(corpus_case("address/008.txt")).findings.empty());
    }
}

TEST_CASE("the rule leaves a case without user-mode memory alone") {
    dbgsift::model::Case empty;
    auto const r = run(empty);
    CHECK(r.findings.empty());
    CHECK(r.notes.empty());
}

TEST_SUITE_END();

// Built on the layout of corpus/address/008.txt (a real WOW64 `!address -summary`), with
// the numbers of an exhausted 2 GB space: 60 MB free, Heap32 the biggest busy class at 45%.
TEST_CASE("one snapshot: a nearly full 32-bit space names its biggest busy class, even under 75%") {
    std::string const text =
        "0:009> !address  -summary\n"
        "\n"
        "--- Usage Summary ---------------- RgnCount ----------- Total Size -------- %ofBusy %ofTotal\n"
        "Free                                     41        0`03c00000 (  60.000 Mb)            2.93%\n"
        "Heap32                                  926        0`37800000 ( 888.000 Mb)  44.68%   43.36%\n"
        "<unknown>                               812        0`2a800000 ( 680.000 Mb)  34.21%   33.20%\n"
        "Image                                   294        0`16c00000 ( 364.000 Mb)  18.31%   17.77%\n"
        "Stack32                                  51        0`03700000 (  55.000 Mb)   2.77%    2.69%\n"
        "\n"
        "--- Largest Region by Usage ----------- Base Address -------- Region Size ----------\n"
        "Free                                        7f1a0000           0`00800000 (   8.000 Mb)\n";
    auto const r = run(dbgsift::read_buffer(text, "exhausted"));
    auto const* f = find(r, "heap-leak");
    REQUIRE(f != nullptr);
    CHECK(f->culprits.at(0).name == "Heap");
    CHECK(mentions({f->summary}, "only 60.0 MB free"));
    CHECK(mentions({f->summary}, "largest free region 8.00 MB"));
}

TEST_CASE("one snapshot: Heap nearly all of busy memory is a suspect even under 1 GB busy") {
    std::string const text =
        "0:000> !address -summary\n"
        "\n"
        "--- Usage Summary ---------------- RgnCount ----------- Total Size -------- %ofBusy %ofTotal\n"
        "Free                                    101        0`5c000000 (   1.438 Gb)           71.88%\n"
        "Heap                                    300        0`1e000000 ( 480.000 Mb)  83.33%   23.44%\n"
        "Image                                   294        0`06000000 (  96.000 Mb)  16.67%    4.69%\n";
    auto const r = run(dbgsift::read_buffer(text, "heapshare"));
    auto const* f = find(r, "heap-leak");
    REQUIRE(f != nullptr);
    CHECK(f->culprits.at(0).name == "Heap");
    CHECK(f->summary.find("Suspected heap leak (one snapshot)") == 0);
}

// corpus/heap/017.txt (a real x64 `!heap -s`, eight heaps) read twice; in the second copy heap
// 0000021d7fa40000 commits 2300K instead of 1460K (+840K, under the 1 MB floor) while the
// others stay: with eight peers flat, it stands out of their drift.
TEST_CASE("two snapshots: a mid-sized heap growing out of the others' drift is a heap leak under 1 MB") {
    auto const first = slurp(std::string(CORPUS_DIR) + "/heap/017.txt");
    auto second = first;
    std::string const was = "0000021d7fa40000 00001002    3516   1460";
    auto const at = second.find(was);
    REQUIRE(at != std::string::npos);
    second.replace(at, was.size(), "0000021d7fa40000 00001002    3516   2300");
    auto const r = run(dbgsift::read_buffer(first + "\n" + second, "heap017x2"));
    auto const* f = find(r, "heap-leak");
    REQUIRE(f != nullptr);
    CHECK(f->culprits.at(0).name == "0000021d7fa40000");
    CHECK(mentions(f->culprits.at(0).reasons, "commit grew from 1,460 KB (1.43 MB) in snapshot 1 to 2,300 KB (2.25 MB) in snapshot 2"));
}
