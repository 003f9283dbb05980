// SPDX-License-Identifier: MIT
// stack-trace-database-growth: the [Stack Trace Database] regions of +ust, in one snapshot and
// growing while the heaps stay flat (seed 004: an instrumentation side effect, not a leak).
#include "user_memory_picture.hpp"

namespace dbgsift::infer::rules::user_mem {

// A Stack Trace Database that holds much of the committed memory in one snapshot.
void single_snapshot_stack_db(Picture const& p, Report& report, bool has_trend) {
    auto const it = p.region_classes.find(UsageClass::stack_trace_database);
    if (has_trend || it == p.region_classes.end()) {
        return;
    }
    auto const& use = it->second;
    bool const big = use.committed >= 256 * k_mb ||
                     (p.committed && use.committed * 2 >= p.committed->value && use.committed >= 16 * k_mb);
    if (!big) {
        return;
    }
    Culprit k{CulpritKind::region, "Stack Trace Database", 0.45, {}, {}};
    k.reasons.push_back("regions marked [Stack Trace Database] commit " + size_text(use.committed) +
                        " (" + size_text(use.bytes) + " with reserved): user-mode stack trace "
                        "logging (+ust) keeps a stack for every distinct allocation");
    add_evidence(k.evidence, use.evidence);
    Finding f;
    f.pattern = Pattern::stack_trace_database_growth;
    f.severity = Severity::low;
    f.score = k.score;
    f.summary = "The Stack Trace Database commits " + size_text(use.committed) +
                " in one snapshot; a second snapshot would show whether it is what grows.";
    f.culprits.push_back(k);
    f.next_steps = stack_trace_db_next_steps();
    f.evidence = k.evidence;
    report.rankings.regions.push_back(k);
    report.findings.push_back(std::move(f));
}

// Committed bytes of the [Stack Trace Database] regions, first against last.
void stack_db_trend(Picture const& a, Picture const& b, HeapTrend const& heaps, Report& report) {
    auto const ia = a.region_classes.find(UsageClass::stack_trace_database);
    auto const ib = b.region_classes.find(UsageClass::stack_trace_database);
    if (ia == a.region_classes.end() || ib == b.region_classes.end()) {
        return;
    }
    auto const before = ia->second.committed, after = ib->second.committed;
    if (!grew(before, after)) {
        return;
    }
    double const ratio = before > 0 ? static_cast<double>(after) / static_cast<double>(before) : 0.0;
    Culprit k{CulpritKind::region, "Stack Trace Database", 0, {}, {}};
    std::string reason = "regions marked [Stack Trace Database] grew from " + hex_text(before) + " (" +
                         size_text(before) + ") committed in " + moment(a) + " to " + hex_text(after) + " (" +
                         size_text(after) + ") in " + moment(b) +
                         (ratio > 0 ? " (" + times_text(ratio) + ")" : std::string());
    bool const flat = heaps.known && heaps.flat;
    if (flat) {
        reason += " while the heaps stayed flat (" + kb_text(heaps.before_kb) + " -> " + kb_text(heaps.after_kb) +
                  " commit in all" + (heaps.flat_words.empty() ? std::string() : "; " + heaps.flat_words) +
                  "): the growth is the stack trace logging itself, not a heap leak";
    } else if (heaps.known) {
        reason += "; the heaps grew too, so part of it follows real allocations";
    } else {
        reason += "; no !heap -s to compare the heaps with";
    }
    k.reasons.push_back(reason);
    add_evidence(k.evidence, ia->second.evidence, 4);
    add_evidence(k.evidence, ib->second.evidence, 4);
    k.score = flat ? clamp01(0.8 + 0.1 * std::min(1.0, ratio / 10.0)) : (heaps.known ? 0.5 : 0.65);
    if (a.stack_traces || b.stack_traces) {
        k.reasons.push_back("!heap -s says NtGlobalFlag enables stack back traces (+ust) for new heaps");
        k.evidence.push_back(b.stack_traces ? b.stack_traces_loc : a.stack_traces_loc);
    }
    Finding f;
    f.pattern = Pattern::stack_trace_database_growth;
    f.severity = Severity::medium;
    f.score = k.score;
    f.summary = "Stack Trace Database grew from " + size_text(before) + " to " + size_text(after) +
                " committed between " + moment(a) + " and " + moment(b) +
                (flat ? " while the heaps stayed at " + kb_text(heaps.after_kb) +
                            " commit: an instrumentation side effect of user-mode stack trace logging "
                            "(+ust), not a heap leak."
                      : ".");
    f.culprits.push_back(k);
    f.next_steps = stack_trace_db_next_steps();
    f.evidence = k.evidence;
    if (heaps.known) {
        add_evidence(f.evidence, heaps.evidence, 12);
    }
    report.rankings.regions.push_back(k);
    report.findings.push_back(std::move(f));
}

} // namespace dbgsift::infer::rules::user_mem
