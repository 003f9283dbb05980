// SPDX-License-Identifier: MIT
#include "dbgsift/infer/image_names.hpp"
#include "dbgsift/infer/rules/rules_list.hpp"
#include "dbgsift/pipeline.hpp"

#include <algorithm>
#include <filesystem>
#include <set>
#include <fstream>
#include <string>
#include <doctest/doctest.h>

namespace model = dbgsift::model;
namespace infer = dbgsift::infer;

namespace {

infer::Report run(model::Case const& c) {
    infer::Report report;
    infer::rules::high_contention(c, infer::Options{}, report);
    return report;
}

infer::Report run_text(std::string_view text) { return run(dbgsift::read_buffer(text)); }

infer::Report run_corpus(std::string const& name) {
    return run(dbgsift::read_path(std::string(CORPUS_DIR) + "/" + name, 0));
}

bool contains(std::string const& text, std::string_view part) {
    return text.find(part) != std::string::npos;
}

bool has_step(infer::Finding const& f, std::string_view step) {
    return std::find(f.next_steps.begin(), f.next_steps.end(), step) != f.next_steps.end();
}

infer::Culprit const* find_culprit(std::vector<infer::Culprit> const& ranking, std::string_view name) {
    for (auto const& c : ranking) {
        if (c.name == name) {
            return &c;
        }
    }
    return nullptr;
}

model::Lock resource(std::uint64_t address, std::uint64_t exclusive_waiters, std::uint64_t shared_waiters,
                     std::uint64_t contention, std::uint32_t line) {
    model::Lock l;
    l.address = address;
    l.exclusive = true;
    l.loc = {0, line};
    if (exclusive_waiters > 0) {
        l.exclusive_waiters = model::Sourced<std::uint64_t>{exclusive_waiters, {0, line + 1}};
    }
    if (shared_waiters > 0) {
        l.shared_waiters = model::Sourced<std::uint64_t>{shared_waiters, {0, line + 2}};
    }
    l.contention_count = model::Sourced<std::uint64_t>{contention, {0, line + 3}};
    return l;
}

} // namespace

TEST_SUITE_BEGIN("infer/high_contention");

TEST_CASE("infer::high_contention seed 002: registry lock with 739 waiters") {
    // corpus/acceptance/seed002-myav.log:71-76
    auto const report = run_corpus("acceptance/seed002-myav.log");
    REQUIRE(report.findings.size() == 1);
    auto const& f = report.findings[0];
    CHECK(to_string(f.pattern) == "high-contention");
    CHECK(f.severity == infer::Severity::high);
    CHECK(contains(f.summary, "nt!CmpRegistryLock"));
    CHECK(contains(f.summary, "registry"));
    CHECK(contains(f.summary, "21 exclusive and 718 shared waiters"));
    CHECK(contains(f.summary, "9,149,810"));
    REQUIRE_FALSE(report.rankings.locks.empty());
    CHECK(report.rankings.locks[0].name == "nt!CmpRegistryLock");
    CHECK(report.rankings.locks[0].score > 0.9);
    CHECK(has_step(f, "!locks -v 0x80478b00"));
    CHECK(has_step(f, "!running -t"));
    CHECK(has_step(f, "!stacks 2 Cm"));
    SUBCASE("the kernel owning the lock stays a modest module suspect") {
        auto const* nt = find_culprit(report.rankings.modules, "nt");
        REQUIRE(nt != nullptr);
        CHECK(nt->score <= 0.3);
        CHECK(nt->score > 0.0);
        CHECK(find_culprit(report.rankings.modules, "MyAVDrv.sys") == nullptr);
    }
    SUBCASE("one !locks only: a caution about cumulative counts") {
        REQUIRE(report.notes.size() == 1);
        CHECK(contains(report.notes[0], "second"));
    }
}

TEST_CASE("infer::high_contention ranks waiters before contention counts") {
    model::Case c;
    c.inputs.emplace_back();
    c.snapshots.emplace_back();
    auto& locks = c.snapshots[0].locks;
    locks.push_back(resource(0x1000, 0, 8, 900000, 10));  // 8 shared waiters: weight 8
    locks.push_back(resource(0x2000, 5, 0, 10, 20));      // 5 exclusive waiters: weight 10
    locks.push_back(resource(0x3000, 0, 8, 50, 30));      // same weight as 0x1000, less contention
    locks.push_back(resource(0x4000, 0, 0, 40, 40));      // quiet: not implicated
    auto const report = run(c);
    REQUIRE(report.rankings.locks.size() == 3);
    CHECK(report.rankings.locks[0].name == "0x2000");
    CHECK(report.rankings.locks[1].name == "0x1000");
    CHECK(report.rankings.locks[2].name == "0x3000");
    CHECK(report.rankings.locks[0].score > report.rankings.locks[1].score);
    CHECK(report.rankings.locks[1].score > report.rankings.locks[2].score);
    CHECK(report.findings[0].severity == infer::Severity::high);
}

TEST_CASE("infer::high_contention a hot lock is not a deadlock") {
    // corpus/locks/010.txt: 0x89929320 exclusively owned, Contention Count = 3911396, no waiters
    auto const report = run_corpus("locks/010.txt");
    REQUIRE(report.findings.size() == 1);
    auto const& f = report.findings[0];
    CHECK(f.severity == infer::Severity::low);
    CHECK(contains(f.summary, "3,911,396"));
    CHECK(contains(f.summary, "hot lock, not a deadlock"));
    REQUIRE(report.rankings.locks.size() == 1);  // the other resource has no contention shown
    CHECK(report.rankings.locks[0].name == "0x89929320");
    CHECK(report.rankings.locks[0].score <= 0.4);
    CHECK(has_step(f, "!thread 8952d030"));
}

TEST_CASE("infer::high_contention quiet locks give no finding") {
    // corpus/locks/012.txt: nt!PiEngineLock, contention 23, nobody waiting
    auto const report = run_corpus("locks/012.txt");
    CHECK(report.findings.empty());
    CHECK(report.rankings.locks.empty());
}

TEST_CASE("infer::high_contention owners waiting on each other: a deadlock") {
    model::Case c;
    c.inputs.emplace_back();
    c.snapshots.emplace_back();
    auto a = resource(0xa000, 1, 0, 3, 10);
    auto b = resource(0xb000, 1, 0, 4, 20);
    auto const thread = [](std::uint64_t id, std::uint32_t line) {
        model::LockThread t;
        t.thread = id;
        t.count = 1;
        t.current_owner = true;
        t.loc = {0, line};
        return t;
    };
    a.owners.push_back(thread(0x111, 14));
    b.owners.push_back(thread(0x222, 24));
    a.waiters.push_back(thread(0x222, 16));
    b.waiters.push_back(thread(0x111, 26));
    c.snapshots[0].locks = {a, b};
    auto const report = run(c);
    // The wait cycle is the headline (a deadlock finding); the contention finding stays as context.
    REQUIRE(report.findings.size() == 2);
    CHECK(report.findings[0].pattern == infer::Pattern::deadlock);
    CHECK(report.findings[0].severity == infer::Severity::critical);
    CHECK(contains(report.findings[0].summary, "thread 111 owns 0xa000 and waits for 0xb000"));
    CHECK(contains(report.findings[0].summary, "thread 222 owns 0xb000 and waits for 0xa000"));
    CHECK(report.findings[1].severity == infer::Severity::high);
    CHECK(contains(report.findings[1].summary, "deadlock candidate"));
    auto const* first = find_culprit(report.rankings.locks, "0xa000");
    REQUIRE(first != nullptr);
    bool says_deadlock = false;
    for (auto const& r : first->reasons) {
        says_deadlock = says_deadlock || contains(r, "is itself waiting for 0xb000, whose owner waits for 0xa000");
    }
    CHECK(says_deadlock);
    CHECK(has_step(report.findings[1], "!thread 111"));
}

TEST_CASE("infer::high_contention maps a bare address to its module through lm") {
    model::Case c;
    c.inputs.emplace_back();
    c.snapshots.emplace_back();
    model::Module m;
    m.start = 0xa5069000;
    m.end = 0xa5084000;
    m.name = "MyAVDrv";
    c.snapshots[0].modules.push_back(m);
    c.snapshots[0].locks.push_back(resource(0xa5070010, 3, 0, 1000, 10));
    c.snapshots[0].locks.push_back(resource(0x85205ec8, 1, 0, 7, 20));  // pool memory: no module
    auto const report = run(c);
    REQUIRE(report.rankings.modules.size() == 1);
    CHECK(report.rankings.modules[0].name == "MyAVDrv");
    CHECK(report.rankings.modules[0].score > 0.3);
    CHECK(contains(report.rankings.modules[0].reasons[0], "lies inside MyAVDrv"));
}

TEST_CASE("infer::high_contention critical sections ranked by LockCount") {
    // corpus/locks/013.txt: +24e750 LockCount 6, isatq!AtqActiveContextList+a8 LockCount 2,
    // ftpsvc2!g_csServiceEntryLock LockCount 0 (held, nobody waiting), but its owner a7 is not
    // among the threads `~` lists (lines 27-35): orphaned, ranked last
    auto const report = run_corpus("locks/013.txt");
    REQUIRE(report.rankings.locks.size() == 3);
    CHECK(report.rankings.locks[0].name == "0x24e750");
    CHECK(report.rankings.locks[1].name == "isatq!AtqActiveContextList+a8");
    CHECK(report.rankings.locks[2].name == "ftpsvc2!g_csServiceEntryLock");
    bool orphaned = false;
    for (auto const& r : report.rankings.locks[2].reasons) {
        orphaned = orphaned || contains(r, "Its owner, thread a7, is not among the 9 threads the thread listing shows (line 27)");
    }
    CHECK(orphaned);
    REQUIRE(report.findings.size() == 2);  // the deadlock its kb stacks prove, then the contention
    CHECK(report.findings[0].pattern == infer::Pattern::deadlock);
    CHECK(has_step(report.findings[1], "~~[a9]kb"));
    CHECK(has_step(report.findings[1], "!cs -o 0x24e750"));
    CHECK(find_culprit(report.rankings.modules, "isatq") != nullptr);
    SUBCASE("without the stacks, two owners with waiters are a possible cycle, said as a possibility") {
        std::ifstream in(std::string(CORPUS_DIR) + "/locks/013.txt");
        std::string locks_only, line;
        for (int n = 1; n <= 24 && std::getline(in, line); ++n) {
            locks_only += line + "\n";  // the !locks block, lines 1-24
        }
        auto const hinted_report = run_text(locks_only);
        REQUIRE(hinted_report.findings.size() == 1);
        bool hinted = false;
        for (auto const& r : hinted_report.rankings.locks[0].reasons) {
            hinted = hinted || contains(r, "a9 may itself be one of the waiters of isatq!AtqActiveContextList+a8");
        }
        CHECK(hinted);
        CHECK_FALSE(contains(hinted_report.findings[0].summary, "deadlock"));
    }
}

TEST_CASE("infer::high_contention one resource seen by address and by symbol is one lock") {
    // corpus/locks/014.txt:1 "Resource @ fc664ee0" and :19 "Resource @ nwrdr!_NwScavengerSpinLock (0xfc664ee0)"
    auto const report = run_corpus("locks/014.txt");
    REQUIRE(report.rankings.locks.size() == 1);
    CHECK(report.rankings.locks[0].name == "nwrdr!_NwScavengerSpinLock");
}

TEST_CASE("infer::high_contention a lock in two snapshots shows whether it still climbs") {
    auto const report = run_text("lkd> !locks\n"
                                 "Resource @ 0x89929320 Exclusively owned\n"
                                 "Contention Count = 3911396\n"
                                 "Threads: 8952d030-01<*>\n"
                                 "lkd> !locks -v 0x89929320\n"
                                 "Resource @ 0x89929320 Exclusively owned\n"
                                 "Contention Count = 3913573\n"
                                 "Threads: 8952d030-01<*>\n");
    REQUIRE(report.rankings.locks.size() == 1);  // judged once, on its latest state
    bool grew = false;
    for (auto const& r : report.rankings.locks[0].reasons) {
        grew = grew || contains(r, "went from 3911396 (line 3) to 3913573 (line 7) between snapshots: still");
    }
    CHECK(grew);
    CHECK(report.notes.empty());
}

TEST_CASE("infer::high_contention a contention count that climbs between two !locks, with no waiters") {
    // Five held locks read twice; 0xb000's count goes 120 -> 480, the others drift by 1-2%.
    model::Case c;
    c.inputs.emplace_back();
    model::Snapshot first, second;
    first.target = second.target = model::Target::kernel;
    second.ordinal = 1;
    std::uint64_t const before[] = {300, 120, 900, 45, 2000};
    std::uint64_t const after[] = {305, 480, 891, 46, 2030};
    for (std::uint32_t i = 0; i < 5; ++i) {
        first.locks.push_back(resource(0xa000 + 0x1000 * i, 0, 0, before[i], 10 + 10 * i));
        second.locks.push_back(resource(0xa000 + 0x1000 * i, 0, 0, after[i], 110 + 10 * i));
    }
    c.snapshots = {first, second};
    auto const report = run(c);
    REQUIRE(report.findings.size() == 1);
    auto const& f = report.findings[0];
    CHECK(f.pattern == infer::Pattern::high_contention);
    CHECK(f.severity == infer::Severity::medium);
    CHECK(contains(f.summary, "its contention count grew from 120 (line 23) to 480 (line 123) between snapshot 1 "
                              "and snapshot 2"));
    REQUIRE(report.rankings.locks.size() == 1);
    CHECK(report.rankings.locks[0].name == "0xb000");
}

TEST_SUITE_END();

TEST_CASE("infer::high_contention: kb stacks waiting in RtlEnterCriticalSection prove a critical section deadlock") {
    // corpus/locks/013.txt (MS docs, "Debugging a Deadlock"): !locks says a3 owns
    // isatq!AtqActiveContextList+a8 (line 10) and a9 owns 0x24e750 (line 18); `~` maps thread 6
    // to 1364.a9 (line 33); ~4 kb (thread a3, line 38) waits in RtlEnterCriticalSection(0024e750)
    // at line 42, ~6 kb waits in RtlEnterCriticalSection(68629100) at line 57.
    auto const report = run_corpus("locks/013.txt");
    auto const deadlock = std::find_if(report.findings.begin(), report.findings.end(), [](infer::Finding const& f) {
        return f.pattern == infer::Pattern::deadlock;
    });
    REQUIRE(deadlock != report.findings.end());
    CHECK(contains(deadlock->summary, "thread a3 owns isatq!AtqActiveContextList+a8 and waits for 0x24e750"));
    CHECK(contains(deadlock->summary, "thread a9 owns 0x24e750 and waits for isatq!AtqActiveContextList+a8"));
    auto const* caller = find_culprit(report.rankings.functions, "ftpsvc2!DereferenceUserDataAndKill");
    REQUIRE(caller != nullptr);
    CHECK(caller->evidence.front().line == 42);
    CHECK(find_culprit(report.rankings.functions, "isatq!ATQ_CONTEXT_LISTHEAD__RemoveFromList") != nullptr);
}

TEST_CASE("infer::high_contention: a stack waiting for a section nobody in the cycle owns proves nothing") {
    // locks/013's sections, but thread a9 waits for an unrelated section 0x100
    auto const report = run_text("0:006> !locks\n"
                                 "CritSec isatq!AtqActiveContextList+a8 at 68629100\n"
                                 "LockCount          2\nRecursionCount     1\nOwningThread       a3\n"
                                 "EntryCount         2\nContentionCount    2\n*** Locked\n"
                                 "CritSec +24e750 at 24e750\n"
                                 "LockCount          6\nRecursionCount     1\nOwningThread       a9\n"
                                 "EntryCount         6\nContentionCount    6\n*** Locked\n"
                                 "0:006> ~~[a9]kb\n"
                                 "ChildEBP RetAddr  Args to Child\n"
                                 "0155feb4 6862142e 00000100 0009f238 686222e1 ntdll!RtlEnterCriticalSection+0x46\n"
                                 "0155fec0 686222e1 0009f25c 00000001 0009f238 isatq!ATQ_CONTEXT_LISTHEAD__RemoveFromList\n");
    CHECK(std::none_of(report.findings.begin(), report.findings.end(),
                       [](infer::Finding const& f) { return f.pattern == infer::Pattern::deadlock; }));
}

TEST_CASE("infer::high_contention: an x64 deadlock, the sections found among the wait frames' home slots") {
    // corpus/locks/118.txt: thread 278's RtlpWaitOnAddress holds 00007ff6`5e843628 (line 5), cs2,
    // owned by 174 (line 41); thread 174's holds 00007ff6`5e843650 (line 18), cs1, owned by 278 (line 31)
    auto const report = run_corpus("locks/118.txt");
    REQUIRE_FALSE(report.findings.empty());
    auto const& f = report.findings.front();
    REQUIRE(f.pattern == infer::Pattern::deadlock);
    CHECK(contains(f.summary, "thread 278 owns CSLock!cs1 and waits for CSLock!cs2"));
    CHECK(contains(f.summary, "thread 174 owns CSLock!cs2 and waits for CSLock!cs1"));
    auto const* one = find_culprit(report.rankings.functions, "CSLock!thread1");
    REQUIRE(one != nullptr);
    CHECK(one->evidence.front().line == 8);  // its RtlEnterCriticalSection frame
    CHECK(find_culprit(report.rankings.functions, "CSLock!thread2") != nullptr);
}

TEST_CASE("infer::high_contention: a waiting kb stack is named on the section it waits for") {
    // corpus/locks/119.txt: ~14s ; kb waits in ntdll_771d0000!RtlEnterCriticalSection(100d0078)
    // at line 9; !cs 100d0078 is SPF!g_spfolder_cs, owned by 3004 (line 53)
    auto const report = run_corpus("locks/119.txt");
    auto const* lock = find_culprit(report.rankings.locks, "SPF!g_spfolder_cs");
    REQUIRE(lock != nullptr);
    bool named = false;
    for (auto const& r : lock->reasons) {
        named = named || contains(r, "thread ~14's stack waits for it in RtlEnterCriticalSection (line 9)");
    }
    CHECK(named);
    REQUIRE_FALSE(report.findings.empty());
    CHECK(has_step(report.findings.front(), "~~[3004]kb"));
}

TEST_CASE("infer::high_contention: an owner the ~ listing shows is not orphaned") {
    // corpus/locks/013.txt's isatq section (owner a3) with its `~` line for thread 4 (1364.a3)
    auto const report = run_text("0:006> !locks\n"
                                 "CritSec isatq!AtqActiveContextList+a8 at 68629100\n"
                                 "LockCount          0\nRecursionCount     1\nOwningThread       a3\n"
                                 "EntryCount         0\nContentionCount    0\n*** Locked\n"
                                 "0:006> ~\n"
                                 "   4  Id: 1364.a3 Suspend: 1 Teb: 7ffdb000 Unfrozen\n");
    CHECK(report.findings.empty());  // held, nobody waiting, owner alive: nothing to say
}

TEST_CASE("infer::high_contention: an orphaned section with a waiter, the threads from MEX's !mex.lt") {
    // corpus/locks/115.txt: Wait2!critSection owned by 10b8 with LockCount 1 (lines 3-9);
    // !mex.lt lists threads 700 and 27b4 only (lines 27-28)
    auto const report = run_corpus("locks/115.txt");
    REQUIRE_FALSE(report.findings.empty());
    auto const& f = report.findings.front();
    CHECK(f.severity == infer::Severity::high);
    CHECK(contains(f.summary, "its owner thread has exited (an orphaned critical section)"));
    CHECK_FALSE(has_step(f, "~~[10b8]kb"));
}

namespace {

// module_of's comparison before names_image: the lower-cased copies, suffixes appended.
bool names_image_by_copies(std::string const& image, std::string const& stem) {
    auto const lm = infer::lower(image);
    auto const p = infer::lower(stem);
    return lm == p || lm == p + ".sys" || lm == p + ".dll" || lm == p + ".exe";
}

} // namespace

TEST_CASE("infer::names_image answers what the lower-cased copies answer: corpus/locks' symbol prefixes against corpus/lm and corpus/locks' lm rows") {
    std::size_t pairs = 0, named = 0;
    auto const compare = [&](std::string const& image, std::string const& stem) {
        CHECK_MESSAGE(infer::names_image(image, stem) == names_image_by_copies(image, stem), image, " / ", stem);
        ++pairs;
        named += names_image_by_copies(image, stem) ? 1 : 0;
    };
    std::set<std::string> stems, images;
    for (auto const* dir : {"/locks", "/lm"}) {
        for (auto const& entry : std::filesystem::directory_iterator(std::string(CORPUS_DIR) + dir)) {
            auto const c = dbgsift::read_path(entry.path().string(), 0);
            for (auto const& snap : c.snapshots) {
                for (auto const& lock : snap.locks) {
                    if (!lock.module.empty()) {
                        stems.insert(lock.module);
                    }
                }
                for (auto const& m : snap.modules) {
                    images.insert(m.name);
                }
            }
        }
    }
    for (auto const& stem : stems) {
        for (auto const& image : images) {
            compare(image, stem);
        }
    }
    CHECK(pairs > 100);
    CHECK(named > 0);  // e.g. "ntdll!LdrpLoaderLock" (corpus/locks/006.txt:2), lm's "ntdll" (corpus/lm/003.txt:6)
    // Ugly forms: case on either side, a suffix in capitals, near misses of length and suffix.
    for (std::string const image : {"Ntfs.SYS", "NTFS", "ntfs.sy", "ntfs.sysx", "ntfs.ocx", "ntfs_sys", ".sys",
                                    "ntfs.DLL", "nTfS.eXe", "", "ntfsx.sys"}) {
        for (std::string const stem : {"ntfs", "NTFS", "Ntfs.sys", "", "ntf", "ntfsx"}) {
            compare(image, stem);
        }
    }
}
