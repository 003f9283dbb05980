// SPDX-License-Identifier: MIT
// handle-leak from `!htrace -diff` (and plain `!htrace`): the handles opened since the
// snapshot and still open, grouped by the function that opened them (the first frame past
// the handle-creating API, infer/attribution.cpp). HEURISTICS R18: group new handles by
// stack and call the result candidates, "there will be false positives".
#include "rules_list.hpp"
#include "breakpoint_caller.hpp"

#include "../attribution.hpp"
#include "../merge_finding.hpp"
#include "../text.hpp"
#include "../../format/format.hpp"

#include "../../format/compiled.hpp"
#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace dbgsift::infer::rules {
namespace {

// Sentences' formats as FMT_COMPILE("..."): parsed when compiled, not by fmt on every call (issue 14).

struct Group {
    std::string function;  // empty when only a module is known
    std::string module;
    std::vector<model::HandleTraceEntry const*> entries;
    model::Loc frame_loc;
    // Named from a `k` stack in the log that passes through the same API (see
    // breakpoint_caller), not from the entries' own stacks: one call, so weaker evidence.
    model::Frame const* api = nullptr;
    model::Loc stack_loc;
};

// Handles whose recorded stack ends at the API (nothing past it was recorded).
struct ApiGroup {
    model::Frame const* api = nullptr;  // the outermost recorded frame of the first entry
    std::vector<model::HandleTraceEntry const*> entries;
};

bool same_frame_name(model::Frame const& a, model::Frame const& b) {
    return !a.function.empty() && equals_ignoring_case(a.module, b.module) &&
           equals_ignoring_case(a.function, b.function);
}


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

// "1 handle", "20 handles"; with the debugger's own count when the paste kept fewer entries
// than it displayed (corpus/htrace/003.txt:35: "Displayed 0x17", one entry kept).
std::string handles_shown(model::HandleTrace const& t, std::size_t open) {
    std::string out = format::count(open) + (open == 1 ? " handle" : " handles");
    if (t.displayed && *t.displayed > open) {
        out += format::compiled(FMT_COMPILE(" (the debugger displayed {}, the transcript keeps {})"), format::count(*t.displayed),
                           format::count(open));
    }
    return out;
}

// Every open handle's stack ends at the API: the caller is not in the transcript. Say so and
// ask for the breakpoint that shows it, rather than blame the API.
void report_cut_stacks(model::HandleTrace const& t, std::size_t open, std::vector<ApiGroup const*> const& cut,
                       Report& report) {
    std::vector<ApiGroup const*> ranked(cut.begin(), cut.end());
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](auto const* a, auto const* b) { return a->entries.size() > b->entries.size(); });
    auto const* top = ranked.front();
    Finding f;
    f.pattern = Pattern::handle_leak;
    f.score = 0.3 * (t.diff ? 1.0 : 0.6);
    f.severity = t.diff && open >= 2 ? Severity::medium : Severity::low;
    f.summary = format::compiled(
        FMT_COMPILE("Handle leak candidates (!htrace{}): {} {}; {} of them were opened through {}, and "
                    "their recorded stacks end there: the trace keeps a fixed number of frames (when the kernel side of "
                    "the call is recorded unsymbolised, as for a 32-bit process under WOW64, it takes most of them), so "
                    "the function that opened them is not in the transcript. A breakpoint on the API and a stack when "
                    "it hits names it."),
        t.diff ? " -diff" : "", handles_shown(t, open),
        t.diff ? "opened since the previous snapshot and still open" : "whose newest recorded operation is an OPEN",
        format::count(top->entries.size()), top->api->name());
    for (auto const* a : ranked) {
        for (auto const* e : a->entries) {
            f.evidence.push_back(e->loc);
        }
        f.evidence.push_back(a->api->loc);
    }
    f.next_steps.push_back(format::compiled(FMT_COMPILE("bp {}   (then k when it hits: the first frame past the API is the caller)"),
                                       top->api->name()));
    f.next_steps.push_back(format::compiled(FMT_COMPILE("!handle {:x} f   (type and name of the first one)"),
                                       top->entries.front()->handle));
    add_or_merge_finding(report, std::move(f));
}

void read_trace(model::Case const& c, model::HandleTrace const& t, Report& report) {
    auto const open = still_open(t);
    std::map<std::string, Group> groups;
    std::map<std::string, ApiGroup> api_groups;
    std::size_t unattributed = 0, without_stack = 0;
    SkippedFramesOfRuns skipped_of(StackPurpose::handle_creation);  // a run of one leak's handles asks once
    for (auto const* e : open) {
        if (e->stack.frames.empty()) {
            ++without_stack;  // the paste cut it, or tracing recorded none
            continue;
        }
        auto const& skipped = skipped_of.of(e->stack);
        auto const* frame = attributed_frame(e->stack, skipped);
        if (frame == nullptr) {
            if (auto const* api = api_frame_at_end(e->stack, skipped)) {
                auto& a = api_groups[lower(api->name())];
                a.api = a.api != nullptr ? a.api : api;
                a.entries.push_back(e);
            } else {
                ++unattributed;
            }
            continue;
        }
        auto& g = groups[frame->name()];
        g.function = frame->function.empty() ? std::string() : frame->name();
        g.module = frame->module;
        g.frame_loc = frame->loc;
        g.entries.push_back(e);
    }
    std::vector<ApiGroup const*> unanswered;
    for (auto const& [name, a] : api_groups) {
        auto const answer = breakpoint_caller(c, a.entries.front()->stack);
        if (answer.caller == nullptr) {
            unanswered.push_back(&a);
            continue;
        }
        auto& g = groups[answer.caller->name()];
        g.function = answer.caller->function.empty() ? std::string() : answer.caller->name();
        g.module = answer.caller->module;
        g.frame_loc = answer.caller->loc;
        g.api = answer.api;
        g.stack_loc = answer.stack_loc;
        g.entries.insert(g.entries.end(), a.entries.begin(), a.entries.end());
    }
    if (groups.empty()) {
        if (!unanswered.empty()) {
            report_cut_stacks(t, open.size(), unanswered, report);
        }
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
        double const score = (0.4 + 0.4 * share) * (t.diff ? 1.0 : 0.6) * (g->entries.size() >= 2 ? 1.0 : 0.8) *
                             (g->api != nullptr ? 0.7 : 1.0);
        std::string const who = g->function.empty() ? g->module : g->function;
        std::string reason =
            g->api == nullptr
                ? format::compiled(FMT_COMPILE("!htrace{}: {} of the {} handles {} were opened by {} (first frame past the "
                                          "handle-creating API), handle {} first"),
                              t.diff ? " -diff" : "", format::count(g->entries.size()),
                              format::count(open.size()), what, who, format::hex(g->entries.front()->handle))
                : format::compiled(FMT_COMPILE("!htrace{}: {} of the {} handles {} have stacks that end at {} (the trace "
                                          "stops before the caller); the stack listed at line {} passes through {} and "
                                          "its first frame past the API is {}. That is one call of the API: it names "
                                          "the leak's opener if the same path opened these handles"),
                              t.diff ? " -diff" : "", format::count(g->entries.size()),
                              format::count(open.size()), what, g->entries.front()->stack.frames.back().name(),
                              g->stack_loc.line, g->api->name(), who);
        std::vector<model::Loc> evidence{g->entries.front()->loc, g->frame_loc};
        for (auto const* e : g->entries) {
            f.evidence.push_back(e->loc);
        }
        if (g->api != nullptr) {
            f.evidence.push_back(g->stack_loc);  // the `k` that names the caller
        }
        if (!g->function.empty()) {
            Culprit c{CulpritKind::function, g->function, score, {reason}, evidence};
            report.rankings.functions.push_back(c);
            f.culprits.push_back(std::move(c));
        }
        Culprit m{CulpritKind::module, g->module, score * 0.9,
                  {g->function.empty() ? reason : "opens handles through its function " + g->function + ": " + reason},
                  std::move(evidence)};
        if (g->function.empty()) {
            f.culprits.push_back(m);
        }
        report.rankings.modules.push_back(std::move(m));
    }
    auto const* top = ranked.front();
    double const top_share = static_cast<double>(top->entries.size()) / static_cast<double>(open.size());
    f.score = (0.4 + 0.4 * top_share) * (t.diff ? 1.0 : 0.6) * (top->api != nullptr ? 0.7 : 1.0);
    f.severity = t.diff && top->entries.size() >= 2 ? Severity::medium : Severity::low;
    f.summary = format::compiled(
        FMT_COMPILE("Handle leak candidates by opening stack (!htrace{}): {} {}; {} opened {} of them. "
                    "Not every handle in a diff is leaked: one opened just before the diff or a long-lived one "
                    "(a cache, a thread pool) looks the same; a stack whose count keeps growing over repeated "
                    "snapshot/diff rounds is the leak."),
        t.diff ? " -diff" : "", handles_shown(t, open.size()), what,
        top->function.empty() ? top->module : top->function, format::count(top->entries.size()));
    if (without_stack > 0) {
        f.summary += format::compiled(FMT_COMPILE(" {} more have no stack in the transcript."), format::count(without_stack));
    }
    if (unattributed > 0) {
        f.summary += format::compiled(FMT_COMPILE(" {} more have no symbol at the deciding frame (a handle duplicated "
                                             "in from another process shows so)."),
                                 format::count(unattributed));
    }
    for (auto const* a : unanswered) {
        f.summary += format::compiled(FMT_COMPILE(" {} more have stacks that end at {}, before the caller."),
                                 format::count(a->entries.size()), a->api->name());
    }
    f.next_steps.push_back(format::compiled(FMT_COMPILE("!handle {:x} f   (type and name of the first one)"),
                                       top->entries.front()->handle));
    if (t.diff) {
        f.next_steps.push_back("!htrace -snapshot, run the workload again, !htrace -diff   (does the count keep growing?)");
    }
    add_or_merge_finding(report, std::move(f));
}

} // namespace

// Each listed stack's first frame shared with the recorded one is looked for before its caller
// is worked out: most listed stacks share none, and the skip list is the dearer test (issue 14).
BreakpointCaller breakpoint_caller(model::Case const& c, model::Stack const& recorded) {
    auto const shared = [&recorded](model::Frame const& k) {
        return std::any_of(recorded.frames.begin(), recorded.frames.end(),
                           [&k](model::Frame const& r) { return same_frame_name(r, k); });
    };
    for (auto const& s : c.snapshots) {
        for (auto const& ts : s.thread_stacks) {
            auto const& frames = ts.stack.frames;
            auto const first_shared = std::find_if(frames.begin(), frames.end(), shared);
            if (first_shared == frames.end()) {
                continue;
            }
            auto const* caller = attributed_frame(ts.stack, StackPurpose::handle_creation);
            if (caller != nullptr && &*first_shared < caller) {
                return {caller, &*first_shared, ts.loc};  // the shared frame must be inner to the caller
            }
        }
    }
    return {};
}

BreakpointCaller breakpoint_caller_asking_every_caller(model::Case const& c, model::Stack const& recorded) {
    for (auto const& s : c.snapshots) {
        for (auto const& ts : s.thread_stacks) {
            auto const* caller = attributed_frame(ts.stack, StackPurpose::handle_creation);
            if (caller == nullptr) {
                continue;
            }
            for (auto const& k : ts.stack.frames) {
                if (&k == caller) {
                    break;  // the shared frame must be inner to the caller
                }
                auto const shared = std::find_if(recorded.frames.begin(), recorded.frames.end(),
                                                 [&](model::Frame const& r) { return same_frame_name(r, k); });
                if (shared != recorded.frames.end()) {
                    return {caller, &k, ts.loc};
                }
            }
        }
    }
    return {};
}

void handle_stacks(model::Case const& c, Options const& /*options*/, Report& report) {
    for (auto const& s : c.snapshots) {
        for (auto const& t : s.handle_traces) {
            read_trace(c, t, report);
        }
    }
}

} // namespace dbgsift::infer::rules
