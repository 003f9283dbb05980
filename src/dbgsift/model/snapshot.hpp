// SPDX-License-Identifier: MIT
// One moment of one machine (or one process): everything parsed for it.
#pragma once
#include "address.hpp"
#include "handle.hpp"
#include "heap.hpp"
#include "heap_detail.hpp"
#include "heap_failure.hpp"
#include "htrace.hpp"
#include "pool_blocks.hpp"
#include "pool_corruption.hpp"
#include "lock.hpp"
#include "module.hpp"
#include "pool.hpp"
#include "process.hpp"
#include "source.hpp"
#include "vm.hpp"
#include <optional>
#include <string>
#include <vector>

namespace dbgsift::model {

enum class Target { unknown, kernel, user };

struct Snapshot {
    Target target = Target::unknown;
    std::uint32_t ordinal = 0;  // 0, 1, 2 ... in time order for this target
    std::string time;           // "Debug session time:" text, when present
    std::optional<double> seconds;  // that time in seconds since 1970 UTC: for rates per hour
    std::string os;             // "Windows 10 Kernel Version ..." text, when present
    std::string machine;        // the dump's "Machine Name:", quotes trimmed, when present
    Loc loc;                    // first line that contributed to it

    std::optional<VmStats> vm;
    std::vector<PoolUsedTable> pool;
    std::vector<Process> processes;
    std::vector<HandleSummary> handles;
    std::vector<AddressSummary> address;
    std::vector<HeapSummary> heaps;
    std::vector<HeapStat> heap_stats;        // !heap -stat -h
    std::vector<HeapFilter> heap_filters;    // !heap -flt s
    std::vector<HeapBlock> heap_blocks;      // !heap -p -a
    std::vector<HeapLeakScan> heap_leaks;    // !heap -l
    std::vector<HeapFailure> heap_failures;  // heap corruption the process reported
    std::vector<HeapUsage> heap_usage;       // !heap -stat (all heaps)
    std::vector<ThreadStack> thread_stacks;  // k, kb, kn, ~N kb
    std::vector<ListedThread> threads;       // ~
    std::vector<UmdhComparison> umdh;        // UMDH log comparisons
    std::vector<HandleTrace> handle_traces;  // !htrace, !htrace -diff
    std::vector<PoolFind> pool_finds;        // !poolfind TAG
    std::vector<PoolPage> pool_pages;        // !pool ADDR
    std::vector<PoolValidation> pool_validations;  // !poolval ADDR
    std::vector<BugCheck> bugchecks;         // !analyze's bugcheck summary
    std::vector<Lock> locks;
    std::optional<LockTotals> lock_totals;  // the latest `!locks` summary line
    std::vector<Module> modules;
    std::vector<Module> unloaded_modules;  // repeats kept: six unloads matter
    std::vector<MemoryHit> memory_hits;

    // Calls f on every list above (name each new one here): empty() and the reader's
    // shrink_to_fit walk the same lists.
    template <typename F>
    void for_each_list(F&& f) { each_list(*this, f); }
    template <typename F>
    void for_each_list(F&& f) const { each_list(*this, f); }

    // Nothing was parsed into it (such snapshots are dropped).
    bool empty() const {
        bool any = vm.has_value();
        for_each_list([&](auto const& list) { any = any || !list.empty(); });
        return !any;
    }

private:
    template <typename Self, typename F>
    static void each_list(Self& s, F& f) {
        f(s.pool); f(s.processes); f(s.handles); f(s.address); f(s.heaps); f(s.heap_stats);
        f(s.heap_filters); f(s.heap_blocks); f(s.heap_leaks); f(s.heap_failures); f(s.heap_usage);
        f(s.thread_stacks); f(s.threads); f(s.umdh); f(s.handle_traces); f(s.pool_finds);
        f(s.pool_pages); f(s.pool_validations); f(s.bugchecks); f(s.locks); f(s.modules);
        f(s.unloaded_modules); f(s.memory_hits);
    }
};

} // namespace dbgsift::model
