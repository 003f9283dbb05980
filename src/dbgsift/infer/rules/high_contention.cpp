// SPDX-License-Identifier: MIT
// high-contention: kernel resources and critical sections that threads queue for.
// Locks are ranked by current waiters (an exclusive waiter weighs twice a shared one: it
// blocks everyone behind it), then by the cumulative contention count. A lock whose owner is
// itself waiting — for another listed lock, or in a `!locks -v` WAIT state — is a deadlock
// candidate; a held lock with a huge contention count and nobody waiting is a hot lock.
#include "lock_assessment.hpp"
#include "../growth.hpp"
#include "../image_names.hpp"
#include "../machine.hpp"
#include "../sort_once.hpp"
#include "../text.hpp"
#include "../../format/format.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <set>
#include <optional>

namespace dbgsift::infer::rules {

using namespace locks;  // this .cpp only: the assessment and the deadlock stage

namespace {

// A contention count above this with no waiters is a hot lock worth a mention.
constexpr std::uint64_t k_hot_contention = 100000;
// The kernel itself owning a contended lock is a symptom, not a culprit: keep it modest so a
// third-party driver implicated elsewhere (pool tags) stays ahead of it.
constexpr double k_core_module_cap = 0.3;
constexpr double k_third_party_share = 0.6;
constexpr std::size_t k_max_thread_steps = 3;
// Room for a lock's first reason past its name: ownership, waiters, count and line.
constexpr std::size_t k_first_reason_chars = 160;
// Room for a module's reason past the names: the waiters and the Windows-component remark.
constexpr std::size_t k_module_reason_chars = 160;

using format::bare_hex;
using format::hex;


// "ntdll!LdrpLoaderLock+0" -> "ntdll!LdrpLoaderLock"; a real displacement stays.
std::string_view without_zero_displacement(std::string_view symbol) {
    for (std::string_view const zero : {"+0x0", "+0"}) {
        if (symbol.size() > zero.size() && symbol.ends_with(zero)) {
            return symbol.substr(0, symbol.size() - zero.size());
        }
    }
    return symbol;
}

bool is_kernel_image(std::string_view module) {
    static constexpr std::array<std::string_view, 6> names{"nt", "ntoskrnl", "ntkrnlpa",
                                                            "ntkrnlmp", "ntkrpamp", "ntkrla57"};
    return equals_any_ignoring_case(module, names);
}

// Windows' own modules: a lock inside them points at a subsystem, not at a vendor.
bool is_core_module(std::string_view module) {
    static constexpr std::array<std::string_view, 44> names{
        "nt",       "hal",       "ntdll",    "kernel32", "kernelbase", "ntfs",     "fltmgr",
        "tcpip",    "ndis",      "netio",    "win32k",   "win32kbase", "win32kfull", "ci",
        "cng",      "ksecdd",    "clfs",     "fastfat",  "refs",       "volmgr",   "volsnap",
        "partmgr",  "disk",      "classpnp", "storport", "ataport",    "acpi",     "pci",
        "wdf01000", "mup",       "rdbss",    "mrxsmb",   "srv",        "srv2",     "srvnet",
        "afd",      "http",      "rpcrt4",   "combase",  "ole32",      "user32",   "gdi32",
        "advapi32", "msvcrt"};
    for (std::string_view const ext : {".sys", ".dll", ".exe"}) {
        if (ends_with_ignoring_case(module, ext)) {
            module.remove_suffix(ext.size());
        }
    }
    return is_kernel_image(module) || equals_any_ignoring_case(module, names);
}

struct Subsystem {
    std::string_view words;      // "the registry (configuration manager)"
    std::string_view stacks;     // filter for "!stacks 2 X"
};

// Well-known kernel and loader locks, by name without module and decoration.
std::optional<Subsystem> subsystem_of(std::string const& name) {
    struct Known {
        std::string_view name;
        Subsystem subsystem;
    };
    static constexpr std::array<Known, 28> exact{{
        {"CmpRegistryLock", {"the registry (configuration manager)", "Cm"}},
        {"CmpKcbLock", {"the registry (configuration manager)", "Cm"}},
        {"CmpHiveListHeadLock", {"the registry hive list", "Cm"}},
        {"CmpLoadHiveLock", {"registry hive loading", "Cm"}},
        {"CcMasterSpinLock", {"the cache manager", "Cc"}},
        {"CcVacbSpinLock", {"the cache manager's views (VACBs)", "Cc"}},
        {"PspActiveProcessMutex", {"the process list (process manager)", "Ps"}},
        {"PspActiveProcessLock", {"the process list (process manager)", "Ps"}},
        {"PspCreateProcessNotifyRoutine", {"process-creation callbacks (process manager)", "Ps"}},
        {"PspCreateThreadNotifyRoutine", {"thread-creation callbacks (process manager)", "Ps"}},
        {"PspLoadImageNotifyRoutine", {"image-load callbacks (process manager)", "Ps"}},
        {"MmSystemWsLock", {"the memory manager's system working set", "Mm"}},
        {"MmPfnLock", {"the memory manager's PFN database", "Mi"}},
        {"MmSystemLoadLock", {"driver image loading (memory manager)", "Mm"}},
        {"MmSectionCommitMutex", {"section commit (memory manager)", "Mm"}},
        {"IopDatabaseResource", {"the I/O manager's driver and device database", "Io"}},
        {"IopDriverLoadResource", {"driver loading (I/O manager)", "Io"}},
        {"IopDeviceTreeLock", {"the Plug and Play device tree", "Pnp"}},
        {"PiEngineLock", {"the Plug and Play engine", "Pi"}},
        {"PnpRegistryDeviceResource", {"Plug and Play registry data", "Pnp"}},
        {"ObpLock", {"the object manager", "Ob"}},
        {"ObpRootDirectoryMutex", {"the object manager's namespace", "Ob"}},
        {"ObpDeviceMapLock", {"the object manager's device maps", "Ob"}},
        {"NtfsData", {"NTFS (its global data)", "Ntfs"}},
        {"PopPolicyLock", {"the power manager", "Po"}},
        {"SepRmDbLock", {"the security reference monitor", "Se"}},
        {"LdrpLoaderLock", {"the user-mode loader lock (DLL loading and DllMain)", ""}},
        {"FastPebLock", {"the process environment block (PEB)", ""}},
    }};
    for (auto const& k : exact) {
        if (name == k.name) {
            return k.subsystem;
        }
    }
    return std::nullopt;
}


// The lock's symbol without a zero displacement; empty when it has none to name it by
// ("CritSec +24e750 at 24e750").
std::string_view symbol_name(model::Lock const& lock) {
    auto const symbol = without_zero_displacement(lock.symbol);
    return symbol.empty() || symbol.front() == '+' ? std::string_view{} : symbol;
}

std::string lock_name(model::Lock const& lock) {
    auto const symbol = symbol_name(lock);
    return symbol.empty() ? hex(lock.address) : std::string(symbol);
}

// One lock seen twice: "Resource @ fc664ee0" in a time-out break and
// "Resource @ nwrdr!_NwScavengerSpinLock (0xfc664ee0)" from !locks are the same object.
bool same_lock(model::Lock const& a, model::Lock const& b) {
    if (a.address != 0 && b.address != 0) {
        return a.address == b.address && a.kernel == b.kernel;
    }
    auto const x = symbol_name(a);
    auto const y = symbol_name(b);
    if (x.empty() || y.empty()) {
        return lock_name(a) == lock_name(b);  // one is named by its address: spell both
    }
    return x == y;  // what lock_name gives both, without the copies
}


Assessment assess(model::Lock const& lock, std::size_t snapshot) {
    Assessment a;
    a.snapshot = snapshot;
    a.lock = &lock;
    a.name = lock_name(lock);
    a.evidence.reserve(5 + lock.waiters.size());  // its line, three counters, each waiter, a trend
    a.evidence.push_back(lock.loc);
    if (lock.kernel) {
        std::uint64_t listed_x = 0;
        std::uint64_t listed_s = 0;
        for (auto const& w : lock.waiters) {
            (w.wants_exclusive ? listed_x : listed_s) += 1;
        }
        a.exclusive_waiters = std::max(lock.exclusive_waiters ? lock.exclusive_waiters->value : 0, listed_x);
        a.shared_waiters = std::max(lock.shared_waiters ? lock.shared_waiters->value : 0, listed_s);
        a.held = lock.exclusive || lock.shared_owners.value_or(0) > 0 || !lock.owners.empty();
        for (auto const* counter : {&lock.exclusive_waiters, &lock.shared_waiters}) {
            if (*counter) {
                a.evidence.push_back((*counter)->loc);
            }
        }
        for (auto const& w : lock.waiters) {
            if (std::find(a.evidence.begin(), a.evidence.end(), w.loc) == a.evidence.end()) {
                a.evidence.push_back(w.loc);
            }
        }
    } else {
        // LockCount: -1 free, 0 held with nobody waiting, N > 0: N threads waiting.
        auto const count = lock.lock_count ? lock.lock_count->value : -1;
        a.held = lock.locked || count >= 0;
        if (a.held && count > 0) {
            a.exclusive_waiters = static_cast<std::uint64_t>(count);
            a.evidence.push_back(lock.lock_count->loc);
        }
    }
    if (lock.contention_count) {
        a.contention = lock.contention_count->value;
        a.evidence.push_back(lock.contention_count->loc);
    }
    a.hot = a.waiters() == 0 && a.held && a.contention >= k_hot_contention;
    return a;
}


double contention_part(std::uint64_t contention) {
    return std::min(1.0, std::log10(1.0 + static_cast<double>(contention)) / 8.0);
}

double raw_score(Assessment const& a) {
    if (a.waiters() == 0) {
        double const hot = 0.15 + 0.25 * contention_part(a.contention);  // hot lock: at most 0.4
        double const now = a.orphaned.empty() ? hot : std::max(hot, 0.5);  // a hang waiting to happen
        return a.growth.empty() ? now : std::max(now, 0.6);  // still climbing between snapshots
    }
    auto const w = static_cast<double>(a.weighted());
    double s = 0.5 + 0.4 * w / (w + 20.0) + 0.1 * contention_part(a.contention);
    if (!a.deadlock.empty()) {
        s += 0.1;
    }
    if (!a.growth.empty()) {
        s += 0.1;
    }
    return std::min(1.0, s);
}

// Waiters first (exclusive weigh more), then the contention count.
bool ranks_before(Assessment const& a, Assessment const& b) {
    if (a.weighted() != b.weighted()) {
        return a.weighted() > b.weighted();
    }
    if (a.deadlock.empty() != b.deadlock.empty()) {
        return !a.deadlock.empty();
    }
    return a.contention > b.contention;
}

Severity severity_of(Assessment const& a) {
    auto const w = a.weighted();
    Severity s = w >= 1000 ? Severity::critical
                 : w >= 10 ? Severity::high
                 : w >= 1  ? Severity::medium
                           : Severity::low;
    if (!a.deadlock.empty() && s < Severity::high) {
        s = Severity::high;
    }
    if ((!a.growth.empty() || !a.orphaned.empty()) && s < Severity::medium) {
        s = Severity::medium;
    }
    if (!a.orphaned.empty() && a.waiters() > 0 && s < Severity::high) {
        s = Severity::high;  // its waiters can never get in
    }
    return s;
}

// n in decimal, as std::to_string writes it, appended to the sentence being built.
void append_decimal(std::string& out, std::uint64_t n) {
    std::array<char, 20> digits;
    auto const end = std::to_chars(digits.data(), digits.data() + digits.size(), n).ptr;
    out.append(digits.data(), end);
}

// "3 exclusive and 2 shared waiters", appended to the sentence that tells them: a string of
// its own, then joined, cost an allocation or two per lock (issue 14).
void append_waiters_words(std::string& out, Assessment const& a) {
    if (!a.lock->kernel) {
        append_decimal(out, a.exclusive_waiters);
        out += a.exclusive_waiters == 1 ? " thread" : " threads";
        out += " waiting (LockCount ";
        append_decimal(out, a.exclusive_waiters);
        out += ')';
        return;
    }
    if (a.exclusive_waiters > 0) {
        append_decimal(out, a.exclusive_waiters);
        out += " exclusive";
    }
    if (a.shared_waiters > 0) {
        if (a.exclusive_waiters > 0) {
            out += " and ";
        }
        append_decimal(out, a.shared_waiters);
        out += " shared";
    }
    out += a.waiters() == 1 ? " waiter" : " waiters";
}

std::string waiters_words(Assessment const& a) {
    std::string out;
    append_waiters_words(out, a);
    return out;
}

std::string ownership_words(model::Lock const& lock) {
    if (!lock.kernel) {
        return lock.owning_thread ? "owned by thread " + bare_hex(*lock.owning_thread) : "locked";
    }
    if (lock.exclusive) {
        return "exclusively owned";
    }
    if (lock.shared_owners) {
        return "shared by " + std::to_string(*lock.shared_owners) + " owning thread" +
               (*lock.shared_owners == 1 ? "" : "s");
    }
    return "held";
}

struct ModuleGuess {
    std::string name;
    std::string how;  // "by its symbol", "by its address inside ..."
};

// The module a lock lives in: its symbol's prefix, or the lm range its address falls in.
std::optional<ModuleGuess> module_of(model::Lock const& lock, model::Snapshot const& snap) {
    auto const& prefix = lock.module;  // split by the locks grammar
    if (!prefix.empty()) {
        if (is_kernel_image(prefix)) {
            return ModuleGuess{"nt", "its symbol names the kernel"};
        }
        for (auto const& m : snap.modules) {
            if (names_image(m.name, prefix)) {
                return ModuleGuess{m.name, "its symbol names " + m.name};
            }
        }
        return ModuleGuess{lock.kernel ? prefix + ".sys" : prefix, "its symbol names " + prefix};
    }
    for (auto const& m : snap.modules) {
        if (lock.address >= m.start && lock.address < m.end) {
            return ModuleGuess{m.name, "its address " + hex(lock.address) + " lies inside " + m.name +
                                           " (" + hex(m.start) + "-" + hex(m.end) + " in lm)"};
        }
    }
    return std::nullopt;
}

std::vector<std::string> next_steps_for(Assessment const& a) {
    std::vector<std::string> steps;
    auto const& lock = *a.lock;
    if (lock.kernel) {
        std::size_t n = 0;
        for (auto const& o : lock.owners) {
            if (n++ < k_max_thread_steps) {
                steps.push_back("!thread " + bare_hex(o.thread));
            }
        }
        steps.push_back("!locks -v " + hex(lock.address));
        if (!lock.waiters.empty()) {
            steps.push_back("!thread " + bare_hex(lock.waiters.front().thread));
        }
        steps.push_back("!running -t");
        if (auto sub = subsystem_of(lock.function); sub && !sub->stacks.empty()) {
            steps.push_back("!stacks 2 " + std::string(sub->stacks));
        }
    } else {
        if (lock.owning_thread && a.orphaned.empty()) {  // an exited owner has no stack to show
            steps.push_back("~~[" + bare_hex(*lock.owning_thread) + "]kb");
        }
        steps.push_back("!cs -o " + hex(lock.address));
        if (!a.orphaned.empty()) {
            steps.push_back("!cs -s " + hex(lock.address) + "   (where it was initialised; needs +ust)");
        }
        steps.push_back("~*kb");
    }
    return steps;
}

void add_unique(std::vector<std::string>& into, std::vector<std::string> const& from) {
    for (auto const& s : from) {
        if (std::find(into.begin(), into.end(), s) == into.end()) {
            into.push_back(s);
        }
    }
}

// The same, from a list of the caller's own: each string moved in, not copied.
void add_unique(std::vector<std::string>& into, std::vector<std::string>&& from) {
    for (auto& s : from) {
        if (std::find(into.begin(), into.end(), s) == into.end()) {
            into.push_back(std::move(s));
        }
    }
}

std::vector<std::string> reasons_for(Assessment const& a, model::Case const& c) {
    auto const& lock = *a.lock;
    std::vector<std::string> reasons;
    // The first sentence built in one string, reserved once (issue 14).
    std::string first;
    first.reserve(k_first_reason_chars + a.name.size());
    first += a.name;
    first += " is ";
    first += ownership_words(lock);
    if (a.waiters() > 0) {
        first += " with ";
        append_waiters_words(first, a);
        first += " right now";
    }
    if (lock.contention_count) {
        first += a.waiters() > 0 ? " and a contention count of " : " with a contention count of ";
        first += format::count(a.contention);
    }
    first += " (line ";
    append_decimal(first, lock.loc.line);
    first += ").";
    reasons.push_back(std::move(first));
    if (a.waiters() > 0 && lock.kernel && a.exclusive_waiters > 0 && a.shared_waiters > 0) {
        reasons.push_back("Exclusive waiters count double in the ranking: each one blocks every "
                          "later shared request behind it.");
    }
    if (a.hot) {
        reasons.push_back("Nobody waits for it now although it was contended " + format::count(a.contention) +
                          " times: a hot lock taken very often, not a deadlock.");
    }
    add_unique(reasons, a.deadlock);
    add_unique(reasons, a.deadlock_hints);
    add_unique(reasons, a.waiting_stacks);
    if (!a.orphaned.empty()) {
        reasons.push_back(a.orphaned);
    }
    if (auto sub = subsystem_of(lock.function)) {
        reasons.push_back("It guards " + std::string(sub->words) + ".");
    }
    for (auto const& o : lock.owners) {
        if (!o.process_image.empty()) {
            reasons.push_back("Owner thread " + bare_hex(o.thread) + " belongs to " + o.process_image +
                              (o.process ? " (process " + bare_hex(*o.process) + ")" : std::string()) +
                              (o.state.empty() ? std::string() : ", state " + o.state) + ".");
        }
    }
    // The same lock in an earlier snapshot: the contention count shows whether it still climbs.
    auto const& here = c.snapshots[a.snapshot];
    for (auto const& earlier_snapshot : c.snapshots) {
        if (earlier_snapshot.ordinal >= here.ordinal || !same_machine(earlier_snapshot, here)) {
            continue;
        }
        for (auto const& earlier : earlier_snapshot.locks) {
            if (!earlier.contention_count || !lock.contention_count || !same_lock(earlier, lock)) {
                continue;
            }
            auto const before = earlier.contention_count->value;
            auto const after = lock.contention_count->value;
            reasons.push_back("Its contention count went from " + std::to_string(before) + " (line " +
                              std::to_string(earlier.contention_count->loc.line) + ") to " +
                              std::to_string(after) + " (line " +
                              std::to_string(lock.contention_count->loc.line) + ") between snapshots" +
                              (after > before ? ": still contended." : ": no new contention."));
        }
    }
    return reasons;
}

// Each lock's contention count in its latest snapshot against its earliest one on the same
// machine, judged against the other locks' drift: a count that still climbs is contention now.
void judge_contention_growth(std::vector<Assessment>& all, model::Case const& c) {
    std::vector<Assessment*> now;
    std::vector<Assessment const*> then;
    std::vector<Change> changes;
    for (auto& a : all) {
        if (!a.lock->contention_count) {
            continue;
        }
        auto const& mine = c.snapshots[a.snapshot];
        Assessment const* first = nullptr;
        bool superseded = false;
        for (auto const& b : all) {
            // A lock of the same snapshot (ordinal) neither supersedes nor precedes this one:
            // skipped before same_lock, which may spell out both names, and same_machine.
            auto const& theirs = c.snapshots[b.snapshot];
            if (theirs.ordinal == mine.ordinal || !b.lock->contention_count || !same_lock(*a.lock, *b.lock) ||
                !same_machine(theirs, mine)) {
                continue;
            }
            superseded = superseded || theirs.ordinal > mine.ordinal;
            if (theirs.ordinal < mine.ordinal && (first == nullptr || theirs.ordinal < c.snapshots[first->snapshot].ordinal)) {
                first = &b;
            }
        }
        if (first != nullptr && !superseded) {
            now.push_back(&a);
            then.push_back(first);
            changes.push_back({static_cast<double>(first->contention), static_cast<double>(a.contention)});
        }
    }
    auto const verdicts = judge_growth(changes, norms::contention_growth_min.value);
    for (std::size_t i = 0; i < now.size(); ++i) {
        if (!verdicts[i].grew) {
            continue;
        }
        auto& a = *now[i];
        a.growth = "its contention count grew from " + std::to_string(then[i]->contention) + " (line " +
                   std::to_string(then[i]->lock->contention_count->loc.line) + ") to " + std::to_string(a.contention) +
                   " (line " + std::to_string(a.lock->contention_count->loc.line) + ") between snapshot " +
                   std::to_string(c.snapshots[then[i]->snapshot].ordinal + 1) + " and snapshot " +
                   std::to_string(c.snapshots[a.snapshot].ordinal + 1);
        a.evidence.push_back(then[i]->lock->contention_count->loc);
    }
}

// Each lock on its latest state (a lock seen in several snapshots: the earlier ones only feed
// the trend sentence), evidence in line order, ranked and scored in ranking order.
std::vector<Assessment> latest_ranked(std::vector<Assessment> all, model::Case const& c) {
    // A lock seen in several snapshots is judged on its latest state; the earlier ones only
    // feed the trend sentence.
    // Moved out, not copied: the tests below read only the lock and snapshot of the others,
    // which a move leaves in place.
    std::vector<Assessment> latest;
    latest.reserve(all.size());
    for (auto& a : all) {
        auto const& mine = c.snapshots[a.snapshot];
        bool const superseded = std::any_of(all.begin(), all.end(), [&](Assessment const& b) {
            auto const& theirs = c.snapshots[b.snapshot];
            return theirs.ordinal > mine.ordinal && theirs.target == mine.target && same_lock(*a.lock, *b.lock);
        });
        if (!superseded) {
            latest.push_back(std::move(a));
        }
    }
    all = std::move(latest);
    for (auto& a : all) {
        std::sort(a.evidence.begin(), a.evidence.end(), [](model::Loc const& x, model::Loc const& y) {
            return x.file != y.file ? x.file < y.file : x.line < y.line;
        });
        a.evidence.erase(std::unique(a.evidence.begin(), a.evidence.end()), a.evidence.end());
    }
    stable_sort_moving_once(all, ranks_before);
    // Scores follow the ranking order, so the lead's sort by score keeps it.
    double previous = 1.0;
    for (auto& a : all) {
        a.score = std::min(raw_score(a), previous);
        previous = std::max(0.01, a.score - 0.001);
    }
    return all;
}

// Every lock into the finding and rankings.locks; the module that owns each, into
// rankings.modules (a Windows component capped: it shows where threads pile up).
void credit_locks_and_owners(std::vector<Assessment> const& all, model::Case const& c, Finding& f, Report& report) {
    std::map<std::string, Culprit> modules;
    for (auto const& a : all) {
        Culprit lock;
        lock.kind = CulpritKind::lock;
        lock.name = a.name;
        lock.score = a.score;
        lock.reasons = reasons_for(a, c);
        lock.evidence = a.evidence;
        f.culprits.push_back(lock);
        report.rankings.locks.push_back(std::move(lock));
        add_unique(f.next_steps, next_steps_for(a));  // a list of its own: moved in
        f.evidence.insert(f.evidence.end(), a.evidence.begin(), a.evidence.end());

        auto const guess = module_of(*a.lock, c.snapshots[a.snapshot]);
        if (!guess) {
            continue;
        }
        bool const core = is_core_module(guess->name);
        double const share = core ? std::min(k_core_module_cap, k_core_module_cap * a.score)
                                  : k_third_party_share * a.score;
        auto& m = modules[guess->name];
        m.kind = CulpritKind::module;
        m.name = guess->name;
        m.score = std::max(m.score, share);
        // Built in one string, reserved once (issue 14).
        std::string why;
        why.reserve(k_module_reason_chars + guess->name.size() + a.name.size() + guess->how.size());
        why += guess->name;
        why += " owns ";
        why += a.name;
        why += " (";
        why += guess->how;
        why += "), which has ";
        if (a.waiters() > 0) {
            append_waiters_words(why, a);
        } else {
            why += "no waiters but a contention count of ";
            why += format::count(a.contention);
        }
        why += '.';
        if (core) {
            why += " A Windows component: it shows where threads pile up, not who is to blame.";
        }
        m.reasons.push_back(std::move(why));
        m.evidence.push_back(a.lock->loc);
    }
    for (auto& [name, m] : modules) {
        report.rankings.modules.push_back(std::move(m));
    }
}

// The finding's sentence: the top lock, what it guards, who owns it, its waiters or counts;
// then how many more locks are ranked, told apart: contended, or only orphaned.
std::string summary_of(std::vector<Assessment> const& ranked) {
    auto const& top = ranked.front();
    auto const subsystem = subsystem_of(top.lock->function);
    std::string summary = top.name;
    if (subsystem) {
        summary += ", which guards " + std::string(subsystem->words) + ",";
    }
    summary += " is " + ownership_words(*top.lock);
    if (top.waiters() > 0) {
        summary += " with " + waiters_words(top);
        if (top.lock->contention_count) {
            summary += " and a contention count of " + format::count(top.contention);
        }
        summary += !top.deadlock.empty() ? "; its owner is itself waiting: a deadlock candidate."
                   : !top.orphaned.empty() ? "; its owner thread has exited (an orphaned critical section): they can never get in."
                                           : ".";
    } else if (!top.orphaned.empty()) {
        summary += " and its owner thread has exited: an orphaned critical section, nobody waiting yet.";
    } else if (!top.growth.empty()) {
        summary += " with no current waiters, but " + top.growth + ": contended now, not only in the past.";
    } else {
        summary += " with a contention count of " + format::count(top.contention) +
                   " and no current waiters: a hot lock, not a deadlock.";
    }
    std::size_t contended = 0, orphaned = 0;
    for (std::size_t i = 1; i < ranked.size(); ++i) {
        auto const& a = ranked[i];
        bool const is_contended = a.waiters() > 0 || a.hot || !a.growth.empty();
        contended += is_contended ? 1 : 0;
        orphaned += !is_contended && !a.orphaned.empty() ? 1 : 0;
    }
    auto const more = [](std::size_t n) { return std::to_string(n) + " more lock" + (n > 1 ? "s" : ""); };
    if (contended > 0) {
        summary += " " + more(contended) + " contended.";
    }
    if (orphaned > 0) {
        summary += " " + more(orphaned) + " held by an exited thread, nobody waiting.";
    }
    return summary;
}

} // namespace

void high_contention(model::Case const& c, Options const& /*options*/, Report& report) {
    std::vector<Assessment> all;
    std::size_t locks_listed = 0;
    for (auto const& s : c.snapshots) {
        locks_listed += s.locks.size();
    }
    all.reserve(locks_listed);  // an assessment holds strings and vectors: grown once, not moved along
    bool any_lock = false;
    std::size_t snapshots_with_locks = 0;
    for (std::size_t i = 0; i < c.snapshots.size(); ++i) {
        snapshots_with_locks += c.snapshots[i].locks.empty() ? 0 : 1;
        for (auto const& lock : c.snapshots[i].locks) {
            any_lock = true;
            all.push_back(assess(lock, i));
        }
    }
    if (!any_lock) {
        return;
    }
    find_deadlock_candidates(all);
    hint_critical_section_cycles(all);
    auto const section_waits = critical_section_waits(all, c);
    auto const cycle = find_wait_cycle(all, section_waits);
    note_waiting_stacks(all, section_waits);
    note_orphaned_owners(all, c);
    if (cycle) {
        for (auto& a : all) {
            a.deadlock_hints.clear();  // the stacks proved what the hints could only suggest
        }
    }
    judge_contention_growth(all, c);
    std::erase_if(all, [](Assessment const& a) {
        return a.waiters() == 0 && !a.hot && a.growth.empty() && a.orphaned.empty();
    });
    all = latest_ranked(std::move(all), c);
    if (all.empty()) {
        return;
    }

    Finding f;
    f.pattern = Pattern::high_contention;
    auto const& top = all.front();
    f.severity = severity_of(top);
    f.score = top.score;
    credit_locks_and_owners(all, c, f, report);

    f.summary = summary_of(all);
    if (cycle) {
        report_deadlock(*cycle, report);  // the headline; contention stays below it as context
        f.severity = std::min(f.severity, Severity::high);
    }
    report.findings.push_back(std::move(f));

    if (snapshots_with_locks == 1) {
        report.notes.push_back("Only one !locks output: contention counts add up since boot; a second "
                               "!locks a little later would show whether they still climb.");
        report.note_evidence.push_back(top.lock->loc);
    }
}

} // namespace dbgsift::infer::rules
