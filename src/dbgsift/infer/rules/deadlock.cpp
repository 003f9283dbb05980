// SPDX-License-Identifier: MIT
// deadlock: a wait cycle between lock owners (thread A owns L1 and waits for L2, thread B owns
// L2 and waits for L1), and the softer signs of one: owners seen waiting, critical sections
// whose owners cannot be followed. high_contention.cpp runs these on its assessments.
#include "lock_assessment.hpp"
#include "../../format/format.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace dbgsift::infer::rules::locks {

using format::bare_hex;
using format::hex;

// Owners that are themselves waiting: for another listed lock, or in a -v WAIT state.
void find_deadlock_candidates(std::vector<Assessment>& all) {
    for (auto& a : all) {
        if (a.waiters() == 0) {
            continue;
        }
        for (auto const* owner : current_owners(*a.lock)) {
            for (auto const& b : all) {
                if (b.snapshot != a.snapshot || b.lock == a.lock) {
                    continue;
                }
                for (auto const& w : b.lock->waiters) {
                    if (w.thread != owner->thread) {
                        continue;
                    }
                    std::string sentence = "Owner thread " + bare_hex(owner->thread) + " of " + a.name +
                                           " is itself waiting for " + b.name;
                    bool cycle = false;
                    for (auto const* other : current_owners(*b.lock)) {
                        for (auto const& back : a.lock->waiters) {
                            cycle = cycle || back.thread == other->thread;
                        }
                    }
                    sentence += cycle ? ", whose owner waits for " + a.name + ": a deadlock."
                                      : ": a deadlock candidate if " + b.name +
                                            "'s owner needs something the waiters hold.";
                    a.deadlock.push_back(sentence);
                    a.evidence.push_back(w.loc);
                }
            }
            if (owner->state_id == model::ThreadState::wait && a.deadlock.empty()) {
                a.deadlock.push_back(
                    "Owner thread " + bare_hex(owner->thread) + " is itself in a wait (" +
                    (owner->wait_reason.empty() ? std::string("WAIT") : owner->wait_reason) +
                    ") while " + std::to_string(a.waiters()) +
                    " threads wait for the lock: a deadlock candidate; see what it waits for.");
                a.evidence.push_back(owner->loc);
            }
        }
    }
}

std::optional<WaitCycle> find_wait_cycle(std::vector<Assessment> const& all) {
    struct Edge {
        std::uint64_t to;
        Assessment const* lock;  // the lock `from` waits for, owned by `to`
        model::Loc loc;
    };
    std::map<std::pair<std::size_t, std::uint64_t>, std::vector<Edge>> waits;  // (snapshot, thread)
    for (auto const& a : all) {
        if (!a.lock->kernel) {
            continue;
        }
        for (auto const& w : a.lock->waiters) {
            for (auto const* o : current_owners(*a.lock)) {
                if (o->thread != w.thread) {
                    waits[{a.snapshot, w.thread}].push_back({o->thread, &a, w.loc});
                }
            }
        }
    }
    // Depth-first search with the path on a stack; the first back edge closes the cycle.
    for (auto const& entry : waits) {
        auto const& start = entry.first;  // (not a structured binding: clang 14 cannot capture one)
        std::vector<std::pair<std::uint64_t, Edge>> path;
        std::set<std::uint64_t> on_path{start.second};
        std::function<bool(std::uint64_t)> walk = [&](std::uint64_t thread) {
            auto const it = waits.find({start.first, thread});
            if (it == waits.end()) {
                return false;
            }
            for (auto const& e : it->second) {
                path.push_back({thread, e});
                if (e.to == start.second) {
                    return true;
                }
                if (on_path.insert(e.to).second && path.size() < 16 && walk(e.to)) {
                    return true;
                }
                path.pop_back();
            }
            return false;
        };
        if (!walk(start.second)) {
            continue;
        }
        WaitCycle cycle;
        for (std::size_t i = 0; i < path.size(); ++i) {
            auto const& [thread, edge] = path[i];
            // What this thread owns: the lock the previous thread of the cycle waits for.
            auto const& held = path[(i + path.size() - 1) % path.size()].second;
            cycle.steps.push_back("thread " + bare_hex(thread) + " owns " + held.lock->name + " and waits for " +
                                  edge.lock->name);
            cycle.evidence.push_back(edge.loc);
            cycle.evidence.push_back(edge.lock->lock->loc);
            cycle.locks.emplace_back(edge.lock->name, edge.lock->evidence);
        }
        return cycle;
    }
    return std::nullopt;
}

void report_deadlock(WaitCycle const& cycle, Report& report) {
    Finding f;
    f.pattern = Pattern::deadlock;
    f.severity = Severity::critical;
    f.score = 0.95;
    f.summary = "Deadlock: ";
    for (std::size_t i = 0; i < cycle.steps.size(); ++i) {
        f.summary += (i == 0 ? "" : "; ") + cycle.steps[i];
    }
    f.summary += ". None of them can go on until one is broken (a wait cycle, not contention).";
    for (auto const& [name, evidence] : cycle.locks) {
        Culprit k;
        k.kind = CulpritKind::lock;
        k.name = name;
        k.score = 0.95;
        k.reasons.push_back("part of a wait cycle: " + f.summary.substr(10));
        k.evidence = evidence;
        f.culprits.push_back(std::move(k));
    }
    f.evidence = cycle.evidence;
    f.next_steps = {"!locks -v", "!thread <each thread of the cycle>", "kv (on each of those threads)"};
    report.findings.push_back(std::move(f));
}

// Critical sections name no waiting threads, so a cycle cannot be seen; two sections with
// waiters and different owners are worth comparing stacks for.
void hint_critical_section_cycles(std::vector<Assessment>& all) {
    for (auto& a : all) {
        if (a.lock->kernel || a.waiters() == 0 || !a.lock->owning_thread) {
            continue;
        }
        for (auto const& b : all) {
            if (&a == &b || b.snapshot != a.snapshot || b.lock->kernel || b.waiters() == 0 ||
                !b.lock->owning_thread || *b.lock->owning_thread == *a.lock->owning_thread) {
                continue;
            }
            a.deadlock_hints.push_back(
                "Owner thread " + bare_hex(*a.lock->owning_thread) + " may itself be one of the waiters of " +
                b.name + " (owned by " + bare_hex(*b.lock->owning_thread) +
                ", also with waiters): if each owner waits for the other's section, it is a deadlock; "
                "compare their stacks.");
        }
    }
}

} // namespace dbgsift::infer::rules::locks
