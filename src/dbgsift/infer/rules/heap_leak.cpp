// SPDX-License-Identifier: MIT
// heap-leak: a heap that dwarfs the others or many identical heaps in one snapshot; heap
// commit growth between two snapshots (heaps matched by address, else position and flags).
#include "user_memory_picture.hpp"
#include "../growth.hpp"

namespace dbgsift::infer::rules::user_mem {

// The heap that dwarfs the others, and groups of identical heaps (created, never destroyed).
void single_snapshot_heaps(Picture const& p, Report& report, bool has_trend) {
    if (p.heaps.empty() || has_trend) {
        return;
    }
    std::vector<model::Heap const*> sorted = p.heaps;
    std::stable_sort(sorted.begin(), sorted.end(), [](auto const* a, auto const* b) {
        return a->commit_kb > b->commit_kb;
    });
    auto const* top = sorted.front();
    std::uint64_t const next = sorted.size() > 1 ? sorted[1]->commit_kb : 0;
    double const ratio = next > 0 ? static_cast<double>(top->commit_kb) / static_cast<double>(next) : 1e9;
    if (top->commit_kb >= k_dwarf_min_kb && ratio >= k_dwarf_ratio) {
        Culprit k{CulpritKind::heap, top->address_text, 0, {}, {top->loc}};
        k.score = clamp01(0.35 + 0.1 * std::min(1.0, std::log10(std::min(ratio, 1e6)) / 3.0) +
                          0.1 * std::min(1.0, static_cast<double>(top->commit_kb) / (1024.0 * 1024.0)));
        std::string reason = "heap " + top->address_text + " commits " + kb_text(top->commit_kb) +
                             " (reserve " + kb_text(top->reserve_kb) + ")";
        if (sorted.size() > 1) {
            reason += ", " + format::fixed(ratio, 1) + " times the next heap " + sorted[1]->address_text + " (" +
                      kb_text(next) + ")";
        }
        reason += ": one heap holding most of the committed heap memory is where a heap leak shows, "
                  "but one snapshot cannot tell a leak from a large working set";
        k.reasons.push_back(reason);
        if (p.committed && p.committed->value > 0) {
            double const share = 100.0 * static_cast<double>(top->commit_kb * k_kb) /
                                 static_cast<double>(p.committed->value);
            k.reasons.push_back("that is " + percent_text(share) + " of the " +
                                size_text(p.committed->value) + " the process has committed");
            k.evidence.push_back(p.committed->loc);
        }
        Finding f;
        f.pattern = Pattern::heap_leak;
        f.severity = Severity::low;
        f.score = k.score;
        f.summary = "Suspected heap leak (one snapshot): heap " + top->address_text + " commits " +
                    kb_text(top->commit_kb) + ", " +
                    (sorted.size() > 1 ? format::fixed(ratio, 1) + " times the next largest heap" : "the only heap") +
                    "; take a second !heap -s later to confirm growth.";
        f.culprits.push_back(k);
        f.next_steps = heap_next_steps(top->address_text);
        f.evidence = k.evidence;
        report.rankings.heaps.push_back(k);
        report.findings.push_back(std::move(f));
    }

    // Many heaps with the same flags and the same commit: a component creating heaps.
    std::map<std::tuple<std::uint64_t, std::uint64_t, std::uint64_t>, std::vector<model::Heap const*>> groups;
    for (auto const* h : p.heaps) {
        if (!h->segment_heap && h->commit_kb >= 1024) {
            groups[{h->flags, h->reserve_kb, h->commit_kb}].push_back(h);
        }
    }
    for (auto const& [key, members] : groups) {
        if (members.size() < 8) {
            continue;
        }
        auto const* first = members.front();
        std::uint64_t const total_kb = first->commit_kb * members.size();
        Culprit k{CulpritKind::heap, first->address_text, 0, {}, {}};
        k.score = clamp01(0.4 + 0.02 * static_cast<double>(members.size()));
        k.score = std::min(k.score, 0.7);
        k.reasons.push_back(std::to_string(members.size()) + " heaps with flags " +
                            hex_text(std::get<0>(key)) + " each reserve " + kb_text(std::get<1>(key)) +
                            " and commit " + kb_text(std::get<2>(key)) + " (" + size_text(total_kb * k_kb) +
                            " together), starting with " + first->address_text +
                            ": identical heaps in such numbers are usually created by one component "
                            "and never destroyed");
        for (auto const* h : members) {
            if (k.evidence.size() < 10) {
                k.evidence.push_back(h->loc);
            }
        }
        Finding f;
        f.pattern = Pattern::heap_leak;
        f.severity = Severity::medium;
        f.score = k.score;
        f.summary = "Suspected heap leak (one snapshot): " + std::to_string(members.size()) +
                    " identical heaps of " + kb_text(std::get<2>(key)) + " commit (" +
                    size_text(total_kb * k_kb) + " in all), flags " + hex_text(std::get<0>(key)) +
                    "; find who calls HeapCreate.";
        f.culprits.push_back(k);
        f.next_steps = {"!heap -stat -h " + first->address_text,
                        "!heap -h " + first->address_text,
                        "bp kernel32!HeapCreate \"k; g\"   (who creates them)",
                        "!address -summary"};
        f.evidence = k.evidence;
        report.rankings.heaps.push_back(k);
        report.findings.push_back(std::move(f));
    }
}


// "heap 00510000 commit grew from 1,024 KB in snapshot 1 to 8,192 KB in snapshot 2 (+7,168 KB, x8.0)"
std::string growth_words(HeapMatch const& m, Picture const& a, Picture const& b) {
    auto const before = m.before->commit_kb;
    auto const after = m.after->commit_kb;
    std::string reason = "heap " + m.after->address_text + " commit grew from " + kb_text(before) + " in " +
                         moment(a) + " to " + kb_text(after) + " in " + moment(b) + " (+" +
                         kb_text(after - before) +
                         (before > 0 ? ", " + times_text(static_cast<double>(after) / static_cast<double>(before))
                                     : std::string()) +
                         ")";
    if (m.by_position) {
        reason += "; matched with " + m.before->address_text +
                  " by position and flags, its address changed between the dumps";
    }
    return reason;
}

// A heap whose commit is mostly free blocks says so (R15).
void add_fragmentation(Culprit& k, model::Heap const& h) {
    if (h.external_fragmentation_percent &&
        static_cast<double>(*h.external_fragmentation_percent) >= norms::heap_fragmentation_high_percent.value) {
        k.reasons.push_back("its external fragmentation is " + std::to_string(*h.external_fragmentation_percent) +
                            " %: much of the commit is free blocks");
        k.evidence.push_back(h.fragmentation_loc);
    }
}

// The largest heap that did not grow, in words for the stack trace database rule.
std::string stayed_flat_words(HeapMatch const& m) {
    auto const* h = m.after;
    std::string const name = m.by_position ? m.before->address_text + " / " + h->address_text : h->address_text;
    return "heap " + name + " stayed at " + kb_text(m.before->commit_kb) + " -> " + kb_text(h->commit_kb) +
           " commit (reserve " + kb_text(h->reserve_kb) + ", free " +
           (h->free_kb ? kb_text(*h->free_kb) : std::string("?")) + ")";
}

void note_moved_heaps(std::vector<std::string> const& moved, Picture const& b, Report& report) {
    if (moved.empty()) {
        return;
    }
    report.notes.push_back("Heap addresses differ between snapshots (" + moved.front() +
                           (moved.size() > 1 ? " and " + std::to_string(moved.size() - 1) + " more" : "") +
                           "): the dumps come from different runs or the heap was re-created; heaps "
                           "were matched by position and flags.");
    report.note_evidence.push_back(b.heaps.front()->loc);
}

HeapTrend heap_trend(Picture const& a, Picture const& b, Report& report) {
    HeapTrend t;
    if (a.heaps.empty() || b.heaps.empty()) {
        return t;
    }
    t.known = true;
    t.before_kb = a.heap_commit_kb();
    t.after_kb = b.heap_commit_kb();
    auto const matches = match_heaps(a, b);
    // A smaller heap that grows far out of the other heaps' drift counts too (peers judged by
    // robust z with a lower floor), so a mid-sized heap growing 4x is not lost under 1 MB.
    std::vector<Change> changes;
    for (auto const& m : matches) {
        changes.push_back({m.before != nullptr ? static_cast<double>(m.before->commit_kb * k_kb) : 0.0,
                           static_cast<double>(m.after->commit_kb * k_kb)});
    }
    auto const verdicts = judge_growth(changes, norms::heap_peer_growth_min_bytes.value);
    auto stands_out = [&](HeapMatch const& m) {
        auto const i = static_cast<std::size_t>(&m - matches.data());
        return m.before != nullptr && matches.size() >= 5 && verdicts[i].grew && verdicts[i].z > 0;
    };
    Finding f;
    f.pattern = Pattern::heap_leak;
    std::vector<std::string> moved;
    HeapMatch const* largest_flat = nullptr;
    // (flags, commit) of new heaps -> (index of their culprit, how many)
    std::map<std::pair<std::uint64_t, std::uint64_t>, std::pair<std::size_t, std::size_t>> new_alike;
    for (auto const& m : matches) {
        auto const before = m.before != nullptr ? m.before->commit_kb : 0;
        auto const after = m.after->commit_kb;
        if (m.by_position) {
            moved.push_back(m.before->address_text + " -> " + m.after->address_text);
        }
        if (!grew(before * k_kb, after * k_kb) && !stands_out(m)) {
            if (m.before != nullptr && (largest_flat == nullptr || after > largest_flat->after->commit_kb)) {
                largest_flat = &m;
            }
            continue;
        }
        Culprit k{CulpritKind::heap, m.after->address_text, 0, {}, {}};
        double const delta_mb = static_cast<double>(after - before) / 1024.0;
        k.score = clamp01(0.6 + 0.3 * std::min(1.0, delta_mb / 100.0) + (before > 0 && after >= 2 * before ? 0.05 : 0));
        if (m.before == nullptr) {
            k.score *= 0.7;  // a new heap: growth, but not the same heap growing
            // Many new heaps alike are one finding, named by the first of them.
            auto const key = std::pair{m.after->flags, after};
            if (auto const it = new_alike.find(key); it != new_alike.end()) {
                auto& first = f.culprits[it->second.first];
                ++it->second.second;
                first.reasons.front() = std::to_string(it->second.second) + " heaps with flags " +
                                        hex_text(m.after->flags) + " and " + kb_text(after) +
                                        " commit each are new in " + moment(b) + ", starting with " +
                                        first.name;
                if (first.evidence.size() < 10) {
                    first.evidence.push_back(m.after->loc);
                }
                continue;
            }
            new_alike.emplace(key, std::pair{f.culprits.size(), std::size_t{1}});
            k.reasons.push_back("heap " + m.after->address_text + " is new in " + moment(b) + " with " +
                                kb_text(after) + " commit");
        } else {
            k.reasons.push_back(growth_words(m, a, b));
            k.evidence.push_back(m.before->loc);
        }
        add_fragmentation(k, *m.after);
        k.evidence.push_back(m.after->loc);
        f.culprits.push_back(std::move(k));
    }
    std::stable_sort(f.culprits.begin(), f.culprits.end(),
                     [](Culprit const& x, Culprit const& y) { return x.score > y.score; });
    for (auto const& m : matches) {
        if (m.before != nullptr) {
            t.evidence.push_back(m.before->loc);
        }
        t.evidence.push_back(m.after->loc);
    }
    t.flat = f.culprits.empty() && !grew(t.before_kb * k_kb, t.after_kb * k_kb);
    if (largest_flat != nullptr) {
        t.flat_words = stayed_flat_words(*largest_flat);
    }
    note_moved_heaps(moved, b, report);
    if (f.culprits.empty()) {
        return t;
    }
    auto const& top = f.culprits.front();
    f.score = top.score;
    f.severity = t.after_kb - std::min(t.after_kb, t.before_kb) >= 256 * 1024 ? Severity::high : Severity::medium;
    f.summary = "Heap leak: total heap commit grew from " + kb_text(t.before_kb) + " to " + kb_text(t.after_kb) +
                " between " + moment(a) + " and " + moment(b) +
                per_hour(a.snapshot, b.snapshot, (t.after_kb - std::min(t.after_kb, t.before_kb)) * 1024) +
                "; heap " + top.name + " grew most.";
    f.next_steps = heap_next_steps(top.name);
    for (auto const& k : f.culprits) {
        f.evidence.insert(f.evidence.end(), k.evidence.begin(), k.evidence.end());
        report.rankings.heaps.push_back(k);
    }
    report.findings.push_back(std::move(f));
    return t;
}


// Fragmentation and lock contention figures worth a word, from the latest !heap -s.
void heap_figures(Picture const& p, Report& report) {
    for (auto const* h : p.heaps) {
        if (h->external_fragmentation_percent && static_cast<double>(*h->external_fragmentation_percent) >= norms::heap_fragmentation_high_percent.value &&
            h->commit_kb >= 1024 && h->free_kb && *h->free_kb * 2 >= h->commit_kb) {
            report.notes.push_back("Heap " + h->address_text + ": external fragmentation " +
                                   std::to_string(*h->external_fragmentation_percent) + " %, " +
                                   kb_text(*h->free_kb) + " of its " + kb_text(h->commit_kb) +
                                   " commit is free blocks.");
            report.note_evidence.push_back(h->fragmentation_loc.line != 0 ? h->fragmentation_loc : h->loc);
        }
        if (h->lock_contention && *h->lock_contention >= 1000) {
            report.notes.push_back("Heap " + h->address_text + ": lock contention " +
                                   std::to_string(*h->lock_contention) +
                                   " (threads waited on this heap's lock).");
            report.note_evidence.push_back(h->loc);
        }
    }
}

} // namespace dbgsift::infer::rules::user_mem
