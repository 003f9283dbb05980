// SPDX-License-Identifier: MIT
// virtual-memory-leak: a usage class that holds an exhausted or large address space in one
// snapshot; a usage class that grows against the others between two snapshots.
#include "user_memory_picture.hpp"
#include "../growth.hpp"

namespace dbgsift::infer::rules::user_mem {

// A usage class that holds most of a large or nearly exhausted address space.
void single_snapshot_classes(Picture const& p, Report& report, bool has_trend) {
    if (!p.has_summary || has_trend) {
        return;
    }
    bool exhausted = false;
    std::string space;
    if (p.busy && p.total && p.total->value > 0) {
        double const used = 100.0 * static_cast<double>(p.busy->value) / static_cast<double>(p.total->value);
        exhausted = used >= k_exhausted_percent;
        space = size_text(p.busy->value) + " busy of a " + size_text(p.total->value) +
                " address space (" + percent_text(used) + ")";
    }
    // A 32-bit address space (R16) is exhausted by little free space in total, or by no free
    // region large enough for the next heap segment.
    bool const small_space = p.total && p.total->value > 0 &&
                             static_cast<double>(p.total->value) <= norms::address_space_32bit_max_bytes.value;
    if (small_space) {
        auto const free_it = p.summary_classes.find(UsageClass::free);
        if (free_it != p.summary_classes.end()) {
            double const free_share = static_cast<double>(free_it->second.bytes) / static_cast<double>(p.total->value);
            if (free_share <= norms::address_free_share_exhausted.value) {
                exhausted = true;
                space += (space.empty() ? "" : ", ") + std::string("only ") + size_text(free_it->second.bytes) + " free";
            }
        }
        if (p.largest_free && static_cast<double>(p.largest_free->value) < norms::address_largest_free_small_bytes.value) {
            exhausted = true;
            space += (space.empty() ? "" : ", ") + std::string("largest free region ") +
                     size_text(p.largest_free->value) + " (the next heap segment needs more)";
        }
    }
    bool const large = p.busy && p.busy->value >= k_large_busy_bytes;
    bool const sizable =
        p.busy && static_cast<double>(p.busy->value) >= norms::heap_dominant_min_busy_bytes.value;
    if (!exhausted && !large && !sizable) {
        return;
    }
    // Rank every class worth naming; the dominant one makes the finding. In an exhausted
    // space the biggest busy class is the suspect whatever its share.
    std::vector<std::pair<double, UsageClass>> shares;
    for (auto const& [cls, use] : p.summary_classes) {
        if (is_fixed_class(cls)) {
            continue;
        }
        if (auto const share = busy_share(p, cls, use)) {
            shares.emplace_back(*share, cls);
        }
    }
    std::sort(shares.rbegin(), shares.rend());
    if (shares.empty() || (!exhausted && shares.front().first < k_dominant_percent)) {
        return;
    }
    Finding f;
    auto const dominant = shares.front().second;
    bool const heap_class = dominant == UsageClass::heap;
    f.pattern = heap_class ? Pattern::heap_leak : Pattern::virtual_memory_leak;
    f.severity = exhausted ? Severity::medium : Severity::low;
    for (auto const& [share, cls] : shares) {
        if (share < 10.0) {
            break;
        }
        auto const& use = p.summary_classes.at(cls);
        Culprit k{CulpritKind::region, class_name(cls), 0, {}, {}};
        k.score = clamp01(0.3 + 0.3 * share / 100.0 + (exhausted ? 0.1 : 0.0));
        std::string reason = class_name(cls) + " holds " + size_text(use.bytes) + ", " + percent_text(share) +
                             " of busy memory";
        if (!space.empty()) {
            reason += "; " + space;
        }
        if (cls == dominant) {
            reason += exhausted ? ": it is what exhausted the address space" : ": it dominates the process";
            if (p.committed) {
                reason += " (the whole process has " + size_text(p.committed->value) +
                          " committed: Total Size counts reserved memory too)";
                k.evidence.push_back(p.committed->loc);
            }
        }
        k.reasons.push_back(reason);
        add_evidence(k.evidence, use.evidence, 2);
        if (p.busy) {
            k.evidence.push_back(p.busy->loc);
        }
        f.culprits.push_back(std::move(k));
    }
    if (f.culprits.empty()) {
        return;  // an exhausted space whose biggest busy class holds under 10%: no one to name
    }
    auto const& top = f.culprits.front();
    if (!p.heaps.empty()) {
        std::uint64_t const heap_kb = p.heap_commit_kb();
        f.culprits.front().reasons.push_back(
            "the " + std::to_string(p.heaps.size()) + " heaps of !heap -s commit " + kb_text(heap_kb) +
            (p.committed ? " of " + size_text(p.committed->value) + " committed" : std::string()));
    }
    if (p.largest_free) {
        report.notes.push_back("The largest free region is only " + size_text(p.largest_free->value) +
                               ": allocations larger than that fail even with memory free.");
        report.note_evidence.push_back(p.largest_free->loc);
    }
    f.score = top.score;
    f.summary = std::string("Suspected ") + (heap_class ? "heap" : "virtual memory") + " leak (one snapshot): " +
                class_name(dominant) + " holds " + percent_text(shares.front().first) + " of busy memory" +
                (space.empty() ? std::string() : " (" + space + ")") +
                "; a second snapshot later would show whether it grows.";
    f.next_steps = virtual_next_steps(dominant);
    for (auto const& k : f.culprits) {
        f.evidence.insert(f.evidence.end(), k.evidence.begin(), k.evidence.end());
        report.rankings.regions.push_back(k);
    }
    report.findings.push_back(std::move(f));
}


// Non-heap private memory per usage class: the usage tables when both snapshots have
// one, else the listed regions (committed bytes).
void class_trend(Picture const& a, Picture const& b, bool heap_trend_known, Report& report) {
    bool const tables = a.has_summary && b.has_summary;
    if (!tables && !(a.has_regions && b.has_regions)) {
        return;
    }
    auto const& before_map = tables ? a.summary_classes : a.region_classes;
    auto const& after_map = tables ? b.summary_classes : b.region_classes;
    // Every busy class is a peer of the others: a class grew when its change stands out of
    // their drift by a real amount. Heap counts here only when no !heap -s pair speaks for it.
    struct Row {
        UsageClass cls;
        ClassUse const* before;
        ClassUse const* after;
        std::uint64_t from, to;
    };
    std::vector<Row> rows;
    std::vector<Change> changes;
    for (auto const& [cls, use] : after_map) {
        if (is_fixed_class(cls)) {
            continue;
        }
        auto const it = before_map.find(cls);
        std::uint64_t const before = it == before_map.end() ? 0 : (tables ? it->second.bytes : it->second.committed);
        std::uint64_t const after = tables ? use.bytes : use.committed;
        rows.push_back({cls, it == before_map.end() ? nullptr : &it->second, &use, before, after});
        changes.push_back({static_cast<double>(before), static_cast<double>(after)});
    }
    auto const verdicts = judge_growth(changes, norms::heap_growth_min_bytes.value);
    Finding f;
    f.pattern = Pattern::virtual_memory_leak;
    std::uint64_t total_growth = 0;
    bool heap_grew = false;
    std::vector<UsageClass> classes;  // of each culprit, in the order pushed
    for (std::size_t i = 0; i < rows.size(); ++i) {
        auto const& [cls, before_use, use, before, after] = rows[i];
        bool const counts = is_virtual_alloc_class(cls) || (cls == UsageClass::heap && !heap_trend_known);
        if (!counts || !verdicts[i].grew || !grew(before, after)) {
            continue;
        }
        heap_grew = heap_grew || cls == UsageClass::heap;
        total_growth += after - before;
        Culprit k{CulpritKind::region, class_name(cls), 0, {}, {}};
        double const delta_mb = static_cast<double>(after - before) / static_cast<double>(k_mb);
        k.score = clamp01(0.55 + 0.3 * std::min(1.0, delta_mb / 512.0));
        k.reasons.push_back(class_name(cls) + (tables ? " memory" : " committed memory") + " grew from " + size_text(before) +
                            " in " + moment(a) + " to " + size_text(after) + " in " + moment(b) + " (+" +
                            size_text(after - before) + ")" + per_hour(a.snapshot, b.snapshot, after - before) +
                            (cls == UsageClass::heap ? ": heap memory (no !heap -s pair to name the heap)"
                                           : ": private memory outside the heaps"));
        if (before_use != nullptr) {
            add_evidence(k.evidence, before_use->evidence, 2);
        }
        add_evidence(k.evidence, use->evidence, 2);
        f.culprits.push_back(std::move(k));
        classes.push_back(cls);
    }
    if (f.culprits.empty()) {
        return;
    }
    // The class of the best culprit: the first of the highest score, as a stable sort puts it.
    std::size_t best = 0;
    for (std::size_t i = 1; i < f.culprits.size(); ++i) {
        if (f.culprits[i].score > f.culprits[best].score) {
            best = i;
        }
    }
    UsageClass const top_class = classes[best];
    std::stable_sort(f.culprits.begin(), f.culprits.end(),
                     [](Culprit const& x, Culprit const& y) { return x.score > y.score; });
    auto const& top = f.culprits.front();
    f.score = top.score;
    f.severity = total_growth >= 512 * k_mb ? Severity::high : Severity::medium;
    if (top_class == UsageClass::heap) {
        f.pattern = Pattern::heap_leak;
    }
    f.summary = (top_class == UsageClass::heap ? "Heap leak: heap memory grew by " : "Virtual memory leak: non-heap private memory grew by ") +
                size_text(total_growth) + " between " + moment(a) + " and " + moment(b) + "; " + top.name +
                " grew most.";
    f.next_steps = virtual_next_steps(top_class);
    for (auto const& k : f.culprits) {
        f.evidence.insert(f.evidence.end(), k.evidence.begin(), k.evidence.end());
        report.rankings.regions.push_back(k);
    }
    report.findings.push_back(std::move(f));
}

} // namespace dbgsift::infer::rules::user_mem
