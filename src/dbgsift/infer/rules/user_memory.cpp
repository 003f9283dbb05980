// SPDX-License-Identifier: MIT
// User-mode memory: `!heap -s` and `!address` read together.
//  - one snapshot: which usage class holds the address space, how the NT heaps compare with
//    it, a heap that dwarfs the others, many identical heaps -> suspected heap-leak /
//    virtual-memory-leak, with lower confidence;
//  - several snapshots of the same target: growth per heap (matched by address, or by
//    position and flags when a new run moved it), per usage class, and of the
//    [Stack Trace Database] regions -> heap-leak, virtual-memory-leak,
//    stack-trace-database-growth (the instrumentation side effect of +ust, seed 004).
#include "user_memory_picture.hpp"

namespace dbgsift::infer::rules {

using namespace user_mem;

void user_memory(model::Case const& c, Options const& /*options*/, Report& report) {
    // Snapshots of one target in time order; each with what its heap/address blocks show.
    std::map<model::Target, std::vector<Picture>> by_target;
    for (auto const& s : c.snapshots) {
        if (s.heaps.empty() && s.address.empty()) {
            continue;
        }
        auto& list = by_target[s.target];
        list.push_back(picture_of(s, list.size() + 1));
    }
    for (auto const& [target, pictures] : by_target) {
        // The first and last snapshots that have each kind of data make the trend.
        Picture const* first_heaps = nullptr;
        Picture const* last_heaps = nullptr;
        Picture const* first_space = nullptr;
        Picture const* last_space = nullptr;
        for (auto const& p : pictures) {
            if (!p.heaps.empty()) {
                first_heaps = first_heaps != nullptr ? first_heaps : &p;
                last_heaps = &p;
            }
            if (p.has_summary || p.has_regions) {
                first_space = first_space != nullptr ? first_space : &p;
                last_space = &p;
            }
        }
        bool const heap_trend_possible = first_heaps != nullptr && first_heaps != last_heaps;
        bool const space_trend_possible = first_space != nullptr && first_space != last_space;

        HeapTrend heaps;
        if (heap_trend_possible) {
            heaps = heap_trend(*first_heaps, *last_heaps, report);
        }
        if (space_trend_possible) {
            stack_db_trend(*first_space, *last_space, heaps, report);
            class_trend(*first_space, *last_space, heaps.known, report);
        }
        auto const& latest = pictures.back();
        if (last_heaps != nullptr) {
            single_snapshot_heaps(*last_heaps, report, heap_trend_possible);
            heap_figures(*last_heaps, report);
        }
        if (last_space != nullptr) {
            single_snapshot_classes(*last_space, report, space_trend_possible);
            single_snapshot_stack_db(*last_space, report, space_trend_possible);
        }
        bool const has_data = last_heaps != nullptr || last_space != nullptr;
        if (has_data && !heap_trend_possible && !space_trend_possible) {
            report.notes.push_back("One snapshot of user-mode memory only: a second !heap -s and "
                                   "!address -summary later would turn suspicion into proof of growth.");
            report.note_evidence.push_back(latest.snapshot->loc);
        }
    }
}

} // namespace dbgsift::infer::rules
