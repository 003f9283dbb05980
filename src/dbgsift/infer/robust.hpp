// SPDX-License-Identifier: MIT
// Median and median absolute deviation: outliers among processes without letting the
// outlier itself drag the yardstick (a mean and standard deviation would).
#pragma once
#include <algorithm>
#include <optional>
#include <vector>

namespace dbgsift::infer {

// The median of `values`, which it reorders.
inline double median_in_place(std::vector<double>& values) {
    if (values.empty()) {
        return 0;
    }
    auto const mid = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
    std::nth_element(values.begin(), mid, values.end());
    double const upper = *mid;
    if (values.size() % 2 == 1) {
        return upper;
    }
    return (upper + *std::max_element(values.begin(), mid)) / 2;
}

inline double median_of(std::vector<double> values) { return median_in_place(values); }

struct RobustSpread {
    double median = 0;
    double mad = 0;  // median absolute deviation

    // Deviations from the median in units of a standard deviation (1.4826 * MAD); a zero MAD
    // (most values equal) falls back to a tenth of the median so one big value still stands out.
    double z(double x) const {
        double scale = 1.4826 * mad;
        if (scale <= 0) {
            scale = std::max(1.0, median / 10);
        }
        return (x - median) / scale;
    }
};

// Robust statistics need a few values to mean anything; below `minimum` there are none.
// The values are taken by value and become their deviations in place: a caller done with
// them moves them in, and no second vector is made.
inline std::optional<RobustSpread> robust_spread(std::vector<double> values, std::size_t minimum = 5) {
    if (values.size() < minimum) {
        return std::nullopt;
    }
    RobustSpread r;
    r.median = median_in_place(values);
    for (double& v : values) {
        v = v > r.median ? v - r.median : r.median - v;
    }
    r.mad = median_in_place(values);
    return r;
}

} // namespace dbgsift::infer
