// SPDX-License-Identifier: MIT
#include "dbgsift/parse/commands.hpp"
#include "dbgsift/pipeline.hpp"

#include <doctest/doctest.h>
#include <sstream>

using dbgsift::parse::LineVerdict;
namespace model = dbgsift::model;

namespace {

// One block fed line by line to the !locks parser, as the reader does.
struct Fed {
    model::Snapshot snapshot;
    std::vector<dbgsift::model::Diagnostic> diagnostics;
    std::vector<LineVerdict> verdicts;
};

Fed feed(std::string_view text, std::uint32_t first_line = 2) {
    Fed out;
    auto parser = dbgsift::parse::locks_spec().make();
    dbgsift::parse::BlockContext ctx{out.snapshot, out.diagnostics, 0, "!locks"};
    std::istringstream in{std::string(text)};
    std::string line;
    std::uint32_t number = first_line;
    while (std::getline(in, line)) {
        if (!dbgsift::parse::is_elision(line)) {
            out.verdicts.push_back(parser->line({number, line, false}, ctx));
        }
        ++number;
    }
    parser->finish(ctx);
    return out;
}

model::Case read_corpus(std::string const& name) {
    return dbgsift::read_path(std::string(CORPUS_DIR) + "/locks/" + name, 0);
}

std::vector<model::Lock> all_locks(model::Case const& c) {
    std::vector<model::Lock> locks;
    for (auto const& s : c.snapshots) {
        locks.insert(locks.end(), s.locks.begin(), s.locks.end());
    }
    return locks;
}

} // namespace

TEST_SUITE_BEGIN("parse/locks");

TEST_CASE("parse::locks_spec recognises the command and prompt-less headers") {
    auto const spec = dbgsift::parse::locks_spec();
    CHECK(spec.is_command("!locks"));
    CHECK(spec.is_command("!locks -v 80d8b0b0"));
    CHECK(spec.is_command("!ntsdexts.locks"));
    CHECK(spec.is_command("!cs -l"));
    CHECK_FALSE(spec.is_command("!lm"));
    REQUIRE(static_cast<bool>(spec.is_header));
    // shared/corpus/locks/012.txt:2
    CHECK(spec.is_header("KD: Scanning for held locks........................................................"));
    CHECK(spec.is_header("Resource @ nt!CmpRegistryLock (0x80478b00)    Shared 10 owning threads"));
    CHECK(spec.is_header("CritSec ntdll!LdrpLoaderLock+0 at 00007ff9d241f4f8"));
    CHECK_FALSE(spec.is_header("Contention Count = 45"));
    CHECK_FALSE(spec.is_header("We looked at the locks next."));
    CHECK(spec.slot("!locks") == "locks");
}

TEST_CASE("parse::locks seed 002: the registry lock and its waiters") {
    // acceptance seed002-myav.log:71-76 (corpus/acceptance/seed002-myav.log)
    auto const fed = feed("\n"
                          "Resource @ nt!CmpRegistryLock (0x80478b00)    Shared 10 owning threads\n"
                          "    Contention Count = 9149810\n"
                          "    NumberOfSharedWaiters = 718\n"
                          "    NumberOfExclusiveWaiters = 21\n",
                          72);
    CHECK(fed.diagnostics.empty());
    REQUIRE(fed.snapshot.locks.size() == 1);
    auto const& lock = fed.snapshot.locks[0];
    CHECK(lock.kernel);
    CHECK(lock.symbol == "nt!CmpRegistryLock");
    CHECK(lock.address == 0x80478b00);
    CHECK_FALSE(lock.exclusive);
    CHECK(lock.shared_owners == std::uint64_t{10});
    REQUIRE(lock.contention_count);
    CHECK(lock.contention_count->value == 9149810);
    CHECK(lock.contention_count->loc.line == 74);
    REQUIRE(lock.shared_waiters);
    CHECK(lock.shared_waiters->value == 718);
    REQUIRE(lock.exclusive_waiters);
    CHECK(lock.exclusive_waiters->value == 21);
    CHECK(lock.loc.line == 73);
}

TEST_CASE("parse::locks waiter list over several rows with a wrapped annotation") {
    auto const c = read_corpus("008.txt");
    CHECK(c.inputs[0].diagnostics.empty());
    auto const locks = all_locks(c);
    REQUIRE(locks.size() == 1);
    auto const& lock = locks[0];
    CHECK(lock.address == 0x85205ec8);
    CHECK(lock.symbol.empty());
    CHECK(lock.exclusive);
    CHECK(lock.contention_count->value == 7);
    CHECK(lock.exclusive_waiters->value == 7);
    REQUIRE(lock.owners.size() == 1);
    CHECK(lock.owners[0].thread == 0x88b9fcb0);
    CHECK(lock.owners[0].current_owner);
    REQUIRE(lock.waiters.size() == 7);
    CHECK(lock.waiters[0].thread == 0x850bbd78);
    CHECK(lock.waiters[3].thread == 0x84753d78);
    CHECK(lock.waiters[4].thread == 0x84e92b78);
    CHECK(lock.waiters[6].thread == 0x89b44578);
    CHECK(lock.waiters[6].wants_exclusive);
    CHECK(lock.waiters[6].loc.line == 10);
}

TEST_CASE("parse::locks annotations appended with //") {
    auto const c = read_corpus("002.txt");
    CHECK(c.inputs[0].diagnostics.empty());
    auto const locks = all_locks(c);
    REQUIRE(locks.size() == 1);
    CHECK(locks[0].symbol == "nwrdr!_NwScavengerSpinLock");
    CHECK(locks[0].contention_count->value == 45);
    CHECK(locks[0].exclusive_waiters->value == 1);
    REQUIRE(locks[0].owners.size() == 1);
    CHECK(locks[0].owners[0].thread == 0xffaf5410);
    CHECK(locks[0].owners[0].count == 1);
    CHECK_FALSE(locks[0].owners[0].current_owner);
    CHECK(c.inputs[0].lines_understood == 5);  // Resource, two counters, Threads, summary
}

TEST_CASE("parse::locks -v: THREAD detail is read or ignored, never diagnosed") {
    SUBCASE("a waiting worker thread behind an owner-table entry") {
        auto const c = read_corpus("004.txt");
        CHECK(c.inputs[0].diagnostics.empty());
        auto const locks = all_locks(c);
        REQUIRE(locks.size() == 1);
        CHECK(locks[0].address == 0x80d8b0b0);
        CHECK(locks[0].shared_owners == std::uint64_t{1});
        REQUIRE(locks[0].owners.size() == 1);
        auto const& owner = locks[0].owners[0];
        CHECK(owner.thread == 0x80ed0020);
        CHECK(owner.listed_as == std::uint64_t{0x80ed0023});
        CHECK(owner.state == "WAIT");
        CHECK(owner.state_id == dbgsift::model::ThreadState::wait);
        CHECK(owner.wait_reason == "(WrQueue) KernelMode Non-Alertable");
        CHECK(owner.process == std::uint64_t{0x80ed5238});
        CHECK(owner.process_image.empty());
    }
    SUBCASE("a running owner of windbg.exe, whitespace stripped") {
        auto const c = read_corpus("011.txt");
        CHECK(c.inputs[0].diagnostics.empty());
        auto const locks = all_locks(c);
        REQUIRE(locks.size() == 1);
        CHECK(locks[0].contention_count->value == 3913573);
        REQUIRE(locks[0].owners.size() == 1);
        CHECK(locks[0].owners[0].state == "RUNNING");
        CHECK(locks[0].owners[0].state_id == dbgsift::model::ThreadState::running);
        CHECK(locks[0].owners[0].process_image == "windbg.exe");
        CHECK(locks[0].owners[0].process == std::uint64_t{0x89e1ead8});
    }
}

TEST_CASE("parse::locks two resources between scanning banners") {
    auto const c = read_corpus("010.txt");
    CHECK(c.inputs[0].diagnostics.empty());
    auto const locks = all_locks(c);
    REQUIRE(locks.size() == 2);
    CHECK(locks[0].address == 0x89929320);
    CHECK(locks[0].exclusive);
    CHECK(locks[0].contention_count->value == 3911396);
    CHECK(locks[1].address == 0x89da1a68);
    CHECK(locks[1].shared_owners == std::uint64_t{1});
    REQUIRE(locks[1].owners.size() == 1);
    CHECK(locks[1].owners[0].thread == 0x8a4cb530);
}

TEST_CASE("parse::locks a paste without a prompt starts at the scanning banner") {
    auto const c = read_corpus("012.txt");
    auto const locks = all_locks(c);
    REQUIRE(locks.size() == 1);
    CHECK(locks[0].symbol == "nt!PiEngineLock");
    CHECK(locks[0].address == 0xfffff8019cd8a380);
    CHECK(locks[0].contention_count->value == 23);
    CHECK(locks[0].owners[0].thread == 0xffffb986625ef040);
    CHECK(c.inputs[0].diagnostics.empty());
}

TEST_CASE("parse::locks user-mode critical sections") {
    SUBCASE("ntsdexts form with annotations") {
        auto const c = read_corpus("006.txt");
        CHECK(c.inputs[0].diagnostics.empty());
        auto const locks = all_locks(c);
        REQUIRE(locks.size() == 1);
        auto const& cs = locks[0];
        CHECK_FALSE(cs.kernel);
        CHECK(cs.symbol == "ntdll!LdrpLoaderLock+0");
        CHECK(cs.address == 0x00007ff9d241f4f8);
        REQUIRE(cs.lock_count);
        CHECK(cs.lock_count->value == 1);
        CHECK(cs.lock_count->loc.line == 4);
        CHECK(cs.recursion_count == std::uint64_t{1});
        CHECK(cs.owning_thread == std::uint64_t{0x7ec});
        CHECK(cs.entry_count == std::uint64_t{0});
        CHECK(cs.contention_count->value == 1);
        CHECK(cs.waiter_woken == false);
        CHECK(cs.locked);
        REQUIRE_FALSE(c.snapshots.empty());
        CHECK(c.snapshots[0].target == model::Target::user);
    }
    SUBCASE("!cs -l Key = value form") {
        auto const c = read_corpus("007.txt");
        CHECK(c.inputs[0].diagnostics.empty());
        auto const locks = all_locks(c);
        REQUIRE(locks.size() == 1);
        CHECK(locks[0].symbol == "ntdll!LdrpLoaderLock+0x0");
        CHECK(locks[0].locked);
        CHECK(locks[0].lock_count->value == 1);
        CHECK(locks[0].owning_thread == std::uint64_t{0x7ec});
    }
    SUBCASE("!cs and !cs -s: saved stacks and 'No stack trace saved' are read, not diagnosed") {
        auto const c = read_corpus("113.txt");
        CHECK(c.inputs[0].diagnostics.empty());
        auto const locks = all_locks(c);
        // corpus/locks/113.txt: three sections under !cs (lines 6, 16, 23), four under !cs -s
        REQUIRE(locks.size() == 7);
        CHECK(locks[0].symbol == "ntdll!RtlCriticalSectionLock+0x0");
        CHECK(locks[0].locked);
        CHECK(locks[0].owning_thread == std::uint64_t{0x460});
        CHECK_FALSE(locks[1].locked);
        CHECK(locks[3].address == 0xA8001C);  // line 37, "(+0xA8001C)": no symbol
        CHECK(locks[4].symbol == "ntdll!RtlpDphTargetDllsLock+0x0");  // line 46, before line 50's
        CHECK(locks[6].symbol == "KERNEL32!BaseDllRegistryCache+0x18");  // line 72, after a stack
        for (auto const& l : locks) {
            CHECK_FALSE(l.contention_count);  // `!cs` without -l prints no counts to judge
        }
    }
    SUBCASE("three sections, one without a symbol") {
        auto const c = read_corpus("013.txt");
        auto const locks = all_locks(c);
        REQUIRE(locks.size() == 3);
        CHECK(locks[0].symbol == "ftpsvc2!g_csServiceEntryLock+0");
        CHECK(locks[0].lock_count->value == 0);
        CHECK(locks[1].address == 0x68629100);
        CHECK(locks[1].owning_thread == std::uint64_t{0xa3});
        CHECK(locks[2].symbol == "+24e750");
        CHECK(locks[2].lock_count->value == 6);
        CHECK(locks[2].owning_thread == std::uint64_t{0xa9});
        CHECK(locks[2].contention_count->value == 6);
        for (auto const& d : c.inputs[0].diagnostics) {
            CHECK(d.line > 25);  // nothing in the !locks block itself
        }
    }
}

TEST_CASE("parse::locks NT4 resource time-out text") {
    auto const fed = feed("Resource @ fc664ee0                  // Here's the resource lock address\n"
                          " ActiveCount = 0001  Flags = IsOwnedExclusive ExclusiveWaiter\n"
                          " NumberOfExclusiveWaiters = 0001\n"
                          "  Thread = ffaf5410, Count = 01                // Here's the owning thread\n"
                          "  Thread = 00000000, Count = 00\n",
                          1);
    CHECK(fed.diagnostics.empty());
    REQUIRE(fed.snapshot.locks.size() == 1);
    auto const& lock = fed.snapshot.locks[0];
    CHECK(lock.exclusive);
    CHECK(lock.exclusive_waiters->value == 1);
    REQUIRE(lock.owners.size() == 1);
    CHECK(lock.owners[0].thread == 0xffaf5410);
}

TEST_CASE("parse::locks bad lines become diagnostics and the block goes on") {
    auto const fed = feed("Resource @ 0x85205ec8    Exclusively owned\n"
                          "    Contention Count = 7x\n"
                          "    NumberOfExclusiveWaiters = 7\n"
                          "     Threads: 88b9fcb0-01<*>\n",
                          3);
    REQUIRE(fed.diagnostics.size() == 1);
    CHECK(fed.diagnostics[0].line == 4);
    CHECK(fed.diagnostics[0].column == 4);
    REQUIRE(fed.snapshot.locks.size() == 1);
    CHECK(fed.snapshot.locks[0].exclusive_waiters->value == 7);
    CHECK(fed.snapshot.locks[0].owners.size() == 1);
    CHECK(fed.verdicts[1] == LineVerdict::not_understood);
}

TEST_CASE("parse::locks values before any lock header are diagnosed, not attached") {
    auto const fed = feed("    Contention Count = 7\n"
                          "    LockCount          1\n");
    CHECK(fed.diagnostics.size() == 2);
    CHECK(fed.snapshot.locks.empty());
}

TEST_CASE("parse::locks never crashes on garbage") {
    std::string junk = "Resource @ \nCritSec\nThreads: -01<*>\n*** Actual Thread\n";
    for (int i = 0; i < 4000; ++i) {
        junk.push_back(static_cast<char>((i * 7919) % 256));
        if (i % 97 == 0) {
            junk += "\nThreads: ";
        }
    }
    junk += std::string(100000, 'f') + "-01<*>\n";
    auto const fed = feed(junk);
    CHECK(fed.verdicts.size() > 4);
}

TEST_SUITE_END();
