// SPDX-License-Identifier: MIT
// Growth between two snapshots, judged the way PoolMon is read: a value grew when its change
// stands out from the drift of its peers (robust z of the log ratio, median/MAD) by a real
// amount (a minimum absolute change and factor). A big value drifting 1.4% did not "grow".
#pragma once
#include "norms.hpp"
#include "robust.hpp"

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace dbgsift::infer {

struct Change {
    double before = 0;
    double after = 0;
};

struct GrowthVerdict {
    bool grew = false;
    bool stable = false;  // within norms::stable_max_factor either way
    double z = 0;         // against the peers' drift; 0 when there were too few peers
    double factor = 1;    // after / before (before 0: after / min_abs)
    double delta = 0;     // after - before
};

// The log ratio of one change, damped by `min_abs` so tiny values cannot make huge ratios.
inline double log_change(Change const& c, double min_abs) {
    return std::log((c.after + min_abs) / (c.before + min_abs));
}

// Judges every change against all of them (the peers). With fewer than five peers there is no
// spread to judge by: then the factor and the minimum change decide alone.
inline std::vector<GrowthVerdict> judge_growth(std::vector<Change> const& changes, double min_abs) {
    std::vector<double> logs;
    logs.reserve(changes.size());
    for (auto const& c : changes) {
        logs.push_back(log_change(c, min_abs));
    }
    auto const spread = robust_spread(logs);
    double const scale = spread ? std::max(1.4826 * spread->mad, norms::growth_drift_floor_log.value)
                                : norms::growth_drift_floor_log.value;
    std::vector<GrowthVerdict> out;
    out.reserve(changes.size());
    for (std::size_t i = 0; i < changes.size(); ++i) {
        auto const& c = changes[i];
        GrowthVerdict v;
        v.delta = c.after - c.before;
        v.factor = c.before > 0 ? c.after / c.before : (c.after > 0 ? c.after / min_abs : 1);
        v.z = spread ? (logs[i] - spread->median) / scale : 0;
        bool const real = v.delta >= min_abs && v.factor >= norms::growth_min_factor.value;
        v.grew = real && (!spread || v.z >= norms::growth_min_robust_z.value);
        double const f = c.before > 0 ? c.after / c.before : 0;
        v.stable = c.before > 0 && f <= norms::stable_max_factor.value && f >= 1 / norms::stable_max_factor.value;
        out.push_back(v);
    }
    return out;
}

} // namespace dbgsift::infer
