// SPDX-License-Identifier: MIT
// handle-leak from `!htrace -diff` (and plain `!htrace`): the handles opened since the
// snapshot and still open, grouped by the function that opened them (the first frame past
// the handle-creating API, infer/attribution.cpp). HEURISTICS R18: group new handles by
// stack and call the result candidates, "there will be false positives".
#include "rules_list.hpp"

#include "../attribution.hpp"
#include "../merge_finding.hpp"
#include "../../format/format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace dbgsift::infer::rules {
namespace {

struct Group {
    std::string function;  // empty when only a module is known
    std::string module;
    std::vector<model::HandleTraceEntry const*> entries;
    model::Loc frame_loc;
};

// Entries still open: all OPENs of a -diff; in a plain listing (newest first), the handles
// whose newest recorded operation is an OPEN.
std::vector<model::HandleTraceEntry const*> still_open(model::HandleTrace const& t) {
    std::vector<model::HandleTraceEntry const*> out;
    std::set<std::uint64_t> seen;
    for (auto const& e : t.entries) {
        if (e.operation == model::HandleOperation::bad_reference) {
            continue;  // a use of an invalid handle, not an open or a close
        }
        if (!t.diff && !seen.insert(e.handle).second) {
            continue;  // an older operation on a handle value already decided
        }
        if (e.operation == model::HandleOperation::open) {
            out.push_back(&e);
        }
    }
    return out;
}

void read_trace(model::HandleTrace const& t, Report& report) {
    auto const open = still_open(t);
    std::map<std::string, Group> groups;
    std::size_t unattributed = 0, without_stack = 0;
    for (auto const* e : open) {
        if (e->stack.frames.empty()) {
            ++without_stack;  // the paste cut it, or tracing recorded none
            continue;
        }
        auto const* frame = attributed_frame(e->stack, StackPurpose::handle_creation);
        if (frame == nullptr) {
            ++unattributed;
            continue;
        }
        auto& g = groups[frame->name()];
        g.function = frame->function.empty() ? std::string() : frame->name();
        g.module = frame->module;
        g.frame_loc = frame->loc;
        g.entries.push_back(e);
    }
    if (groups.empty()) {
        return;
    }
    std::vector<Group const*> ranked;
    for (auto const& [name, g] : groups) {
        ranked.push_back(&g);
    }
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](auto const* a, auto const* b) { return a->entries.size() > b->entries.size(); });

    Finding f;
    f.pattern = Pattern::handle_leak;
    std::string const what = t.diff ? "opened since the previous snapshot and still open"
                                    : "whose newest recorded operation is an OPEN";
    for (auto const* g : ranked) {
        double const share = static_cast<double>(g->entries.size()) / static_cast<double>(open.size());
        double const score = (0.4 + 0.4 * share) * (t.diff ? 1.0 : 0.6) * (g->entries.size() >= 2 ? 1.0 : 0.8);
        std::string const who = g->function.empty() ? g->module : g->function;
        std::string reason = fmt::format(
            "!htrace{}: {} of the {} handles {} were opened by {} (first frame past the handle-"
            "creating API), handle {} first",
            t.diff ? " -diff" : "", format::count(g->entries.size()), format::count(open.size()), what, who,
            format::hex(g->entries.front()->handle));
        std::vector<model::Loc> evidence{g->entries.front()->loc, g->frame_loc};
        for (auto const* e : g->entries) {
            f.evidence.push_back(e->loc);
        }
        if (!g->function.empty()) {
            Culprit c{CulpritKind::function, g->function, score, {reason}, evidence};
            report.rankings.functions.push_back(c);
            f.culprits.push_back(std::move(c));
        }
        Culprit m{CulpritKind::module, g->module, score * 0.9,
                  {g->function.empty() ? reason : "opens handles through its function " + g->function + ": " + reason},
                  evidence};
        report.rankings.modules.push_back(m);
        if (g->function.empty()) {
            f.culprits.push_back(std::move(m));
        }
    }
    auto const* top = ranked.front();
    double const top_share = static_cast<double>(top->entries.size()) / static_cast<double>(open.size());
    f.score = (0.4 + 0.4 * top_share) * (t.diff ? 1.0 : 0.6);
    f.severity = t.diff && top->entries.size() >= 2 ? Severity::medium : Severity::low;
    f.summary = fmt::format(
        "Handle leak candidates by opening stack (!htrace{}): {} handles {}; {} opened {} of them. "
        "Not every handle in a diff is leaked: one opened just before the diff or a long-lived one "
        "(a cache, a thread pool) looks the same; a stack whose count keeps growing over repeated "
        "snapshot/diff rounds is the leak.",
        t.diff ? " -diff" : "", format::count(open.size()), what,
        top->function.empty() ? top->module : top->function, format::count(top->entries.size()));
    if (without_stack > 0) {
        f.summary += fmt::format(" {} more have no stack in the transcript.", format::count(without_stack));
    }
    if (unattributed > 0) {
        f.summary += fmt::format(" {} more have no symbol at the deciding frame (a handle duplicated "
                                 "in from another process shows so).",
                                 format::count(unattributed));
    }
    f.next_steps.push_back(fmt::format("!handle {:x} f   (type and name of the first one)",
                                       top->entries.front()->handle));
    if (t.diff) {
        f.next_steps.push_back("!htrace -snapshot, run the workload again, !htrace -diff   (does the count keep growing?)");
    }
    add_or_merge_finding(report, std::move(f));
}

} // namespace

void handle_stacks(model::Case const& c, Options const& /*options*/, Report& report) {
    for (auto const& s : c.snapshots) {
        for (auto const& t : s.handle_traces) {
            read_trace(t, report);
        }
    }
}

} // namespace dbgsift::infer::rules
