// SPDX-License-Identifier: MIT
// One lock as the contention and deadlock rules judge it, and the deadlock stage's functions
// (deadlock.cpp), shared with high_contention.cpp which runs them.
#pragma once
#include "rules_list.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace dbgsift::infer::rules::locks {

struct Assessment {
    std::size_t snapshot = 0;
    model::Lock const* lock = nullptr;
    std::string name;
    std::uint64_t exclusive_waiters = 0;
    std::uint64_t shared_waiters = 0;
    std::uint64_t contention = 0;
    bool held = false;
    bool hot = false;  // held, huge contention count, nobody waiting now
    std::string growth;  // "contention count grew from 23 to 92 ..." against the other locks' drift
    std::vector<std::string> deadlock;  // sentences, empty when no owner is seen waiting
    std::vector<std::string> deadlock_hints;  // possible cycles dbgsift cannot confirm
    std::vector<std::string> waiting_stacks;  // "thread 14's kb waits for it ..." (a waiter seen)
    std::string orphaned;  // the owner thread is not in the `~` listing: it exited holding the lock
    double score = 0;
    std::vector<model::Loc> evidence;

    std::uint64_t waiters() const { return exclusive_waiters + shared_waiters; }
    std::uint64_t weighted() const { return 2 * exclusive_waiters + shared_waiters; }
};

inline std::vector<model::LockThread const*> current_owners(model::Lock const& lock) {
    std::vector<model::LockThread const*> owners;
    for (auto const& t : lock.owners) {
        owners.push_back(&t);
    }
    return owners;
}

// A wait cycle (thread A owns L1 and waits for L2, thread B owns L2 and waits for L1, or
// longer): the threads of one snapshot wait for each other and none can ever go on. Edges run
// from a waiting thread to each owner of the lock it waits for.
struct WaitCycle {
    std::vector<std::string> steps;  // "thread 8a4cb530 owns A and waits for B"
    std::vector<model::Loc> evidence;
    std::vector<std::pair<std::string, std::vector<model::Loc>>> locks;  // name, evidence
    struct Caller {
        std::string function;  // "ftpsvc2!DereferenceUserDataAndKill"
        std::string reason;
        model::Loc loc;
    };
    std::vector<Caller> callers;  // where the waiting stacks enter the locks, when they say
};

// Owners that are themselves waiting: for another listed lock, or in a -v WAIT state.
void find_deadlock_candidates(std::vector<Assessment>& all);
// A thread whose kb stack waits in RtlEnterCriticalSection, and the section it waits for.
struct SectionWait {
    std::optional<std::uint64_t> thread;   // its id, when a thread line or `~` says it
    std::optional<std::uint32_t> number;   // the debugger's number ("~14s ; kb")
    std::uint64_t section = 0;
    model::Loc loc;      // the RtlEnterCriticalSection frame
    std::string caller;  // the frame that called it, "ftpsvc2!DereferenceUserDataAndKill"
};
// The kb stacks of each snapshot (by index) that wait for one of its listed critical sections:
// only the sections !locks / !cs listed are looked for among the wait frames' arguments.
using SectionWaits = std::map<std::size_t, std::vector<SectionWait>>;
SectionWaits critical_section_waits(std::vector<Assessment> const& all, model::Case const& c);

// A held critical section whose owner thread the snapshot's `~` listing does not show.
void note_orphaned_owners(std::vector<Assessment>& all, model::Case const& c);

// Each critical section's waiters that a kb stack shows, as sentences on its assessment.
void note_waiting_stacks(std::vector<Assessment>& all, SectionWaits const& waits);

// The first wait cycle among the owners and waiters of one snapshot, if any: kernel locks list
// their waiters; a critical section's waiters are the threads whose kb stacks wait for it.
std::optional<WaitCycle> find_wait_cycle(std::vector<Assessment> const& all, SectionWaits const& waits);
// The deadlock finding: the cycle's steps, its locks as culprits.
void report_deadlock(WaitCycle const& cycle, Report& report);
// Critical sections with waiters and different owners: worth comparing stacks (a hint).
void hint_critical_section_cycles(std::vector<Assessment>& all);

} // namespace dbgsift::infer::rules::locks
