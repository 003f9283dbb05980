// SPDX-License-Identifier: MIT
// deadlock: a wait cycle between lock owners (thread A owns L1 and waits for L2, thread B owns
// L2 and waits for L1), and the softer signs of one: owners seen waiting, critical sections
// whose owners cannot be followed. high_contention.cpp runs these on its assessments.
#include "lock_assessment.hpp"
#include "../../format/format.hpp"

#include <algorithm>
#include <array>
#include <iterator>
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

namespace {

// The frames a thread sits in while it waits to enter a critical section; RtlEnterCriticalSection's
// first argument is the section (MS docs, "Debugging a Deadlock": the kb of each waiting thread
// shows it; Advanced Windows Debugging, ch. 7). Newer ntdll waits in the Contended helper.
constexpr std::array<std::string_view, 3> k_section_wait_frames{
    "RtlEnterCriticalSection", "RtlpWaitForCriticalSection", "RtlpEnterCriticalSectionContended"};

bool is_section_wait(model::Frame const& f) {
    return f.module == "ntdll" &&
           std::find(k_section_wait_frames.begin(), k_section_wait_frames.end(), f.function) !=
               k_section_wait_frames.end();
}

// The thread id a stack belongs to: from its thread line, its "~~[id]" command, or the `~` line
// of the thread number its "~N kb" command named.
std::optional<std::uint64_t> thread_of(model::ThreadStack const& t, model::Snapshot const& s) {
    if (t.thread_id) {
        return t.thread_id;
    }
    if (t.number) {
        for (auto const& listed : s.threads) {
            if (listed.number == *t.number) {
                return listed.thread_id;
            }
        }
    }
    return std::nullopt;
}

// The stacks of one snapshot that wait for one of `sections`.
std::vector<SectionWait> waits_in(model::Snapshot const& s, std::set<std::uint64_t> const& sections) {
    std::vector<SectionWait> out;
    for (auto const& t : s.thread_stacks) {
        auto const thread = thread_of(t, s);
        auto const& frames = t.stack.frames;
        // The outermost entering frame; the frames inside it are the wait (RtlpWaitOnAddress...).
        auto const last = std::find_if(frames.rbegin(), frames.rend(), is_section_wait);
        if ((!thread && !t.number) || last == frames.rend()) {
            continue;
        }
        // From that frame inwards, the first argument that is a listed section: on x86 it is
        // RtlEnterCriticalSection's first; on x64 kb prints home slots, where the wait code
        // spilled the section's address (a value must equal a listed section to count).
        std::optional<std::uint64_t> section;
        for (auto f = last; f != frames.rend() && !section; ++f) {
            for (auto const arg : f->args) {
                if (sections.count(arg) != 0) {
                    section = arg;
                    break;
                }
            }
        }
        if (!section) {
            continue;
        }
        SectionWait w{thread, t.number, *section, last->loc, {}};
        if (last != frames.rbegin()) {
            w.caller = std::prev(last)->name();  // the frame that called RtlEnterCriticalSection
        }
        out.push_back(std::move(w));
    }
    return out;
}

// The addresses of the critical sections one snapshot lists.
std::set<std::uint64_t> sections_of(std::vector<Assessment> const& all, std::size_t snapshot) {
    std::set<std::uint64_t> sections;
    for (auto const& b : all) {
        if (b.snapshot == snapshot && !b.lock->kernel) {
            sections.insert(b.lock->address);
        }
    }
    return sections;
}

} // namespace

SectionWaits critical_section_waits(std::vector<Assessment> const& all, model::Case const& c) {
    SectionWaits out;
    for (auto const& a : all) {
        if (!a.lock->kernel && out.count(a.snapshot) == 0) {
            out[a.snapshot] = waits_in(c.snapshots[a.snapshot], sections_of(all, a.snapshot));
        }
    }
    return out;
}

// The owner of a critical section is a thread id; `~` (or MEX's `!mex.lt`) lists every thread of
// the process. A held section whose owner is not listed was left locked by a thread that exited
// (an orphaned critical section: Application Verifier's "thread terminating while owning a lock"
// stop; Advanced Windows Debugging, ch. 7): nobody will leave it, and the next thread to enter it
// hangs.
void note_orphaned_owners(std::vector<Assessment>& all, model::Case const& c) {
    for (auto& a : all) {
        auto const& threads = c.snapshots[a.snapshot].threads;
        if (a.lock->kernel || !a.held || !a.lock->owning_thread || threads.empty()) {
            continue;
        }
        bool const listed = std::any_of(threads.begin(), threads.end(), [&](model::ListedThread const& t) {
            return !t.thread_id || *t.thread_id == *a.lock->owning_thread;  // an unread id proves nothing
        });
        if (listed) {
            continue;
        }
        a.orphaned = "Its owner, thread " + bare_hex(*a.lock->owning_thread) + ", is not among the " +
                     std::to_string(threads.size()) + " threads the thread listing shows (line " +
                     std::to_string(threads.front().loc.line) +
                     "): it ended while holding the section (an orphaned critical section), so nobody will "
                     "leave it and the next thread to enter it hangs.";
        a.evidence.push_back(threads.front().loc);
    }
}

void note_waiting_stacks(std::vector<Assessment>& all, SectionWaits const& waits) {
    for (auto& a : all) {
        auto const it = waits.find(a.snapshot);
        if (a.lock->kernel || it == waits.end()) {
            continue;
        }
        for (auto const& w : it->second) {
            if (w.section != a.lock->address) {
                continue;
            }
            std::string const who = w.thread ? "thread " + bare_hex(*w.thread)
                                             : "thread ~" + std::to_string(*w.number);
            a.waiting_stacks.push_back(who + "'s stack waits for it in RtlEnterCriticalSection (line " +
                                       std::to_string(w.loc.line) + ")" +
                                       (w.caller.empty() ? std::string() : ", entering from " + w.caller) +
                                       ": the owner's stack says why it does not leave.");
            a.evidence.push_back(w.loc);
        }
    }
}

std::optional<WaitCycle> find_wait_cycle(std::vector<Assessment> const& all, SectionWaits const& section_waits) {
    struct Edge {
        std::uint64_t to;
        Assessment const* lock;  // the lock `from` waits for, owned by `to`
        model::Loc loc;
        std::string caller;  // the function that waits, when a stack says it
    };
    std::map<std::pair<std::size_t, std::uint64_t>, std::vector<Edge>> waits;  // (snapshot, thread)
    for (auto const& a : all) {
        if (!a.lock->kernel) {
            // A critical section names no waiters; a waiting thread's stack names the section.
            auto const it = section_waits.find(a.snapshot);
            if (!a.held || !a.lock->owning_thread || it == section_waits.end()) {
                continue;
            }
            for (auto const& w : it->second) {
                if (w.thread && w.section == a.lock->address && *w.thread != *a.lock->owning_thread) {
                    waits[{a.snapshot, *w.thread}].push_back({*a.lock->owning_thread, &a, w.loc, w.caller});
                }
            }
            continue;
        }
        for (auto const& w : a.lock->waiters) {
            for (auto const* o : current_owners(*a.lock)) {
                if (o->thread != w.thread) {
                    waits[{a.snapshot, w.thread}].push_back({o->thread, &a, w.loc, {}});
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
                                  edge.lock->name +
                                  (edge.caller.empty() ? std::string()
                                                       : " (its stack enters it from " + edge.caller + ", line " +
                                                             std::to_string(edge.loc.line) + ")"));
            if (!edge.caller.empty()) {
                cycle.callers.push_back({edge.caller,
                                         "enters " + edge.lock->name + " while its thread holds " + held.lock->name +
                                             ": one side of a lock-order inversion",
                                         edge.loc});
            }
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
    for (auto const& caller : cycle.callers) {
        Culprit fn{CulpritKind::function, caller.function, 0.9, {caller.reason}, {caller.loc}};
        report.rankings.functions.push_back(fn);
        f.culprits.push_back(std::move(fn));
    }
    f.evidence = cycle.evidence;
    f.next_steps = cycle.callers.empty()
                       ? std::vector<std::string>{"!locks -v", "!thread <each thread of the cycle>",
                                                  "kv (on each of those threads)"}
                       // The stacks are in the log; what is left is the code: who takes the two
                       // sections in the other order, and where each was initialised (+ust).
                       : std::vector<std::string>{"~*kb (other threads queued behind the cycle)",
                                                  "!cs -s <each section of the cycle>   (needs +ust)"};
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
