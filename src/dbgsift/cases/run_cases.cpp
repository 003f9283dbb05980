// SPDX-License-Identifier: MIT
#include "run_cases.hpp"

#include "../pipeline.hpp"
#include "../segment/reader.hpp"
#include "../work_queue.hpp"
#include "identity.hpp"

#include <algorithm>
#include <numeric>

namespace dbgsift::cases {
namespace {

// Whether the case keeps its model until its JSON document is written (Plan::stream_json_above_lines).
bool kept_for_delivery(model::Case const& c, Plan const& plan) {
    std::uint64_t lines = 0;
    for (auto const& in : c.inputs) {
        lines += in.lines;
    }
    return plan.layout == Layout::json && lines > plan.stream_json_above_lines;
}

Outcome outcome_of(model::Case&& c, infer::Report&& r, Join join, Plan const& plan) {
    Outcome out;
    for (auto const& in : c.inputs) {
        out.inputs.push_back(in.path);
        if (!in.error.empty()) {
            out.unreadable.emplace_back(in.path, in.error);
        } else {
            out.input_notes.push_back(
                in.path + ": " + std::to_string(in.lines) + " lines (" + in.encoding + "), " +
                std::to_string(in.blocks.size()) + " blocks, " +
                std::to_string(in.lines_understood) + " of " +
                std::to_string(in.lines_in_known_blocks) + " lines of known commands read, " +
                std::to_string(in.diagnostics.size() + in.diagnostics_omitted) + " diagnostics");
        }
    }
    out.findings = r.findings.size();
    if (!r.findings.empty()) {
        out.worst = r.findings.front().severity;
        out.headline = std::string(infer::to_string(r.findings.front().pattern));
        for (auto const& f : r.findings) {
            out.worst = std::max(*out.worst, f.severity);
            std::string const pattern(infer::to_string(f.pattern));
            if (std::find(out.patterns.begin(), out.patterns.end(), pattern) == out.patterns.end()) {
                out.patterns.push_back(pattern);
            }
        }
    }
    if (kept_for_delivery(c, plan)) {
        out.analysed = std::make_unique<Analysed>(Analysed{std::move(c), std::move(r), plan.render});
    } else if (plan.layout == Layout::ndjson || plan.layout == Layout::json) {
        out.line = render_case_line(c, r, join, plan.render);
    } else {
        out.rendered = render_case(plan.layout, c, r, join, plan.render);
    }
    out.join = std::move(join);
    return out;
}

// The inputs in session-time order when every one prints a time that reads, else as given.
// Standard input cannot be read twice, so a series holding it stays in the given order.
std::pair<std::vector<std::string>, std::string> time_order(
    std::vector<std::string> const& paths, std::vector<std::optional<std::int64_t>> const& times,
    std::string const& given_order_reason) {
    bool const all_timed = std::all_of(times.begin(), times.end(), [](auto const& t) { return t.has_value(); });
    bool const has_stdin = std::find(paths.begin(), paths.end(), "-") != paths.end();
    if (!all_timed || has_stdin) {
        return {paths, given_order_reason};
    }
    std::vector<std::size_t> order(paths.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return *times[a] < *times[b]; });
    std::vector<std::string> sorted;
    for (auto i : order) {
        sorted.push_back(paths[i]);
    }
    return {sorted, "ordered by the debug session time each log prints"};
}

Outcome analyse_joined(std::vector<std::string> const& ordered, std::string reason,
                       Plan const& plan) {
    auto c = read_all(ordered, plan.jobs);
    auto r = infer::analyze(c, plan.infer);
    return outcome_of(std::move(c), std::move(r), Join{ordered, std::move(reason)}, plan);
}

void run_series(std::vector<std::string> const& paths, Plan const& plan,
                std::function<void(Outcome&&)> const& deliver) {
    // First pass: the files in the given order, and the time each prints.
    model::Case whole;
    std::vector<std::optional<std::int64_t>> times;
    std::vector<std::string> computers;  // the distinct computer names the logs print
    run_ordered<model::Case>(
        paths.size(), plan.jobs,
        [&](std::size_t i) { return read_path(paths[i], static_cast<std::uint32_t>(i)); },
        [&](std::size_t i, model::Case&& part) {
            times.push_back(first_session_time(part));
            for (auto const& s : part.snapshots) {
                if (!s.machine.empty() &&
                    std::find(computers.begin(), computers.end(), s.machine) == computers.end()) {
                    computers.push_back(s.machine);
                }
            }
            segment::merge_case(whole, std::move(part));
            if (plan.progress) {
                plan.progress(i + 1, paths.size());
            }
        });
    auto [ordered, how] = time_order(paths, times, "in the order given");
    std::string reason = "--series says so, " + how;
    if (computers.size() > 1) {  // the user's word against the logs': say so, compare neither
        reason += "; but the logs name " + std::to_string(computers.size()) + " computers (";
        for (std::size_t i = 0; i < computers.size(); ++i) {
            reason += (i > 0 ? ", " : "") + computers[i];
        }
        reason += "), whose snapshots are not compared with each other";
    }
    if (ordered != paths) {
        whole = model::Case{};  // Locs name file indices: read again in time order
        whole = read_all(ordered, plan.jobs);
    }
    auto r = infer::analyze(whole, plan.infer);
    deliver(outcome_of(std::move(whole), std::move(r), paths.size() > 1 ? Join{ordered, reason} : Join{}, plan));
}

// One input read and analysed as its own case, with what it says about its machine.
struct Single {
    Outcome outcome;
    MachineIdentity machine;
    std::optional<std::int64_t> time;
};

// Consecutive inputs that prove one machine, held until a different one arrives.
class ProvenRun {
public:
    ProvenRun(Plan const& plan, std::function<void(Outcome&&)> const& deliver)
        : m_plan(plan), m_deliver(deliver) {}

    void add(Single&& s) {
        bool const joinable = m_plan.join_proven_machines && s.machine.complete() &&
                              s.outcome.inputs.size() == 1 && s.outcome.inputs.front() != "-";
        if (!m_held.empty() && (!joinable || !(s.machine == m_held.front().machine))) {
            flush();
        }
        if (joinable) {
            m_held.push_back(std::move(s));
        } else {
            m_deliver(std::move(s.outcome));
        }
    }

    void flush() {
        if (m_held.size() == 1) {
            m_deliver(std::move(m_held.front().outcome));
        } else if (m_held.size() > 1) {
            std::vector<std::string> paths;
            std::vector<std::optional<std::int64_t>> times;
            for (auto const& s : m_held) {
                paths.push_back(s.outcome.inputs.front());
                times.push_back(s.time);
            }
            auto [ordered, how] = time_order(paths, times, "in the order given");
            m_deliver(analyse_joined(ordered, "the logs prove one machine (" +
                                                  describe(m_held.front().machine) + "), " + how,
                                     m_plan));
        }
        m_held.clear();
    }

private:
    Plan const& m_plan;
    std::function<void(Outcome&&)> const& m_deliver;
    std::vector<Single> m_held;
};

} // namespace

void run_cases(std::vector<std::string> const& paths, Plan const& plan,
               std::function<void(Outcome&&)> const& deliver) {
    if (plan.joining == Joining::series) {
        run_series(paths, plan, deliver);
        return;
    }
    ProvenRun proven(plan, deliver);
    run_ordered<Single>(
        paths.size(), plan.jobs,
        [&](std::size_t i) {
            auto c = read_path(paths[i], 0);
            auto r = infer::analyze(c, plan.infer);
            Single s{{}, plan.join_proven_machines ? machine_identity(c) : MachineIdentity{},
                     first_session_time(c)};
            s.outcome = outcome_of(std::move(c), std::move(r), Join{}, plan);
            return s;
        },
        [&](std::size_t i, Single&& s) {
            proven.add(std::move(s));
            if (plan.progress) {
                plan.progress(i + 1, paths.size());
            }
        });
    proven.flush();
}

} // namespace dbgsift::cases
