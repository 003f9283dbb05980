// SPDX-License-Identifier: MIT
// process-memory-leak: a process whose commit stands out, from the per-process commit list of
// a full `!vm` (matched to `!process` records by pid / image) or from `!process` CommitCharge.
// Outliers are judged on log(commit) by median/MAD, since commit spans orders of magnitude;
// growth of the same process between snapshots is the strongest evidence.
#include "../robust.hpp"
#include "rules_list.hpp"
#include "../../format/format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace dbgsift::infer::rules {
namespace {

constexpr std::uint64_t k_notable_kb = 512 * 1024;  // below this no single process is a leak
constexpr double k_outlier_z = 3.5;

struct Committed {
    std::optional<std::uint64_t> pid;
    std::string image;
    std::uint64_t kb = 0;
    std::vector<model::Loc> evidence;
    model::Process const* process = nullptr;
};

std::string mb(std::uint64_t kb) { return format::size(kb * 1024); }
std::string fixed(double v) { return format::fixed(v, 1); }
using format::hex;

bool by_design(std::string_view image) {
    // Caches that take memory on purpose: a high commit is their normal state.
    return image == "sqlservr.exe" || image == "store.exe" || image == "MsExchangeTransport.exe";
}

std::vector<Committed> commits_of(model::Snapshot const& s) {
    std::vector<Committed> out;
    if (s.vm) {
        for (auto const& row : s.vm->process_commits) {
            Committed c;
            c.pid = row.pid;
            c.image = row.image;
            c.kb = row.commit_kb;
            c.evidence.push_back(row.loc);
            out.push_back(std::move(c));
        }
    }
    for (auto const& p : s.processes) {
        auto it = std::find_if(out.begin(), out.end(), [&](Committed const& c) {
            return (p.cid && c.pid == p.cid) && (c.image.empty() || p.image.empty() ||
                                                 c.image == p.image);
        });
        if (it != out.end()) {
            it->process = &p;
            it->evidence.push_back(p.loc);
            continue;
        }
        if (!p.commit_charge_kb) {
            continue;
        }
        Committed c;
        c.pid = p.cid;
        c.image = p.image;
        c.kb = p.commit_charge_kb->value;
        c.process = &p;
        c.evidence.push_back(p.commit_charge_kb->loc);
        c.evidence.push_back(p.loc);
        out.push_back(std::move(c));
    }
    return out;
}

std::optional<Committed> earlier_self(model::Case const& c, model::Snapshot const& now,
                                      Committed const& x) {
    std::optional<Committed> found;
    for (auto const& s : c.snapshots) {
        if (&s == &now || s.target != now.target || s.ordinal >= now.ordinal) {
            continue;
        }
        for (auto const& y : commits_of(s)) {
            if (y.pid == x.pid && y.image == x.image) {
                found = y;
            }
        }
    }
    return found;
}

} // namespace

void process_memory_leak(model::Case const& c, Options const& /*options*/, Report& report) {
    for (auto const& snap : c.snapshots) {
        auto const all = commits_of(snap);
        if (all.empty()) {
            continue;
        }
        std::vector<double> logs;
        logs.reserve(all.size());
        std::uint64_t total = 0;
        for (auto const& x : all) {
            logs.push_back(std::log10(static_cast<double>(x.kb) + 1));
            total += x.kb;
        }
        auto const spread = robust_spread(std::move(logs));  // not read again
        Finding f;
        f.pattern = Pattern::process_memory_leak;
        for (auto const& x : all) {
            if (x.kb < k_notable_kb) {
                continue;
            }
            double const share = total > 0 ? static_cast<double>(x.kb) / static_cast<double>(total) : 0;
            double const z = spread ? spread->z(std::log10(static_cast<double>(x.kb) + 1)) : 0;
            auto const before = earlier_self(c, snap, x);
            bool const grew = before && x.kb > before->kb + before->kb / 4 &&
                              x.kb - before->kb >= k_notable_kb / 2;
            bool const outlier = spread && z >= k_outlier_z;
            bool const dominant = all.size() >= 3 && share >= 0.5;
            if (!outlier && !grew && !dominant) {
                continue;
            }
            Culprit k;
            k.kind = CulpritKind::process;
            k.name = x.image.empty() ? "pid " + hex(x.pid.value_or(0), 4) : x.image;
            double score = 0.35;
            k.reasons.push_back(k.name + " has " + mb(x.kb) + " committed (" +
                                std::to_string(x.kb) + " Kb, line " +
                                std::to_string(x.evidence.front().line) + "), " + fixed(100 * share) +
                                "% of the " + std::to_string(all.size()) + " processes' commit listed.");
            if (outlier) {
                score += std::min(0.25, 0.1 + 0.03 * (z - k_outlier_z));
                k.reasons.push_back("On a log scale it is " + fixed(z) +
                                    " robust deviations above the median process (" +
                                    mb(static_cast<std::uint64_t>(std::pow(10.0, spread->median))) + ").");
            }
            if (dominant) {
                score += 0.1;
            }
            if (grew) {
                score += 0.25;
                k.reasons.push_back("It grew from " + std::to_string(before->kb) + " Kb (line " +
                                    std::to_string(before->evidence.front().line) + ") to " +
                                    std::to_string(x.kb) + " Kb between snapshots.");
                k.evidence.insert(k.evidence.end(), before->evidence.begin(), before->evidence.end());
            }
            if (by_design(x.image)) {
                score *= 0.5;
                k.reasons.push_back(x.image + " caches memory by design; a high commit is its normal state "
                                              "unless it keeps growing.");
            }
            k.score = std::min(0.9, score);
            k.evidence.insert(k.evidence.end(), x.evidence.begin(), x.evidence.end());
            if (f.next_steps.empty() && x.process != nullptr) {
                f.next_steps.push_back(".process /r /p " + hex(x.process->address, 8));
                f.next_steps.push_back("!address -summary");
                f.next_steps.push_back("!heap -s");
                if (x.pid) {
                    f.next_steps.push_back("!process " + hex(*x.pid, 4) + " 1");
                }
            }
            f.evidence.insert(f.evidence.end(), x.evidence.begin(), x.evidence.end());
            f.culprits.push_back(std::move(k));
        }
        if (f.culprits.empty()) {
            continue;
        }
        std::stable_sort(f.culprits.begin(), f.culprits.end(),
                         [](auto const& a, auto const& b) { return a.score > b.score; });
        auto const& top = f.culprits.front();
        f.score = top.score;
        f.severity = top.score >= 0.6 ? Severity::high : Severity::medium;
        f.summary = top.reasons.front();
        if (f.next_steps.empty()) {
            f.next_steps = {"!vm", "!process 0 1"};
        }
        for (auto const& k : f.culprits) {
            report.rankings.processes.push_back(k);
        }
        report.findings.push_back(std::move(f));
    }
}

} // namespace dbgsift::infer::rules
