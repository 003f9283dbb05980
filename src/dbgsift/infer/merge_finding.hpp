// SPDX-License-Identifier: MIT
// Rules that read follow-up commands add to the finding an earlier rule made for the same
// pattern (the growing heap, the process whose handles grow) instead of a second one.
#pragma once
#include "finding.hpp"

#include <algorithm>
#include <iterator>

namespace dbgsift::infer {

inline void add_or_merge_finding(Report& report, Finding&& part) {
    auto existing = std::find_if(report.findings.begin(), report.findings.end(),
                                 [&](Finding const& x) { return x.pattern == part.pattern; });
    if (existing == report.findings.end()) {
        report.findings.push_back(std::move(part));
        return;
    }
    existing->summary += " " + part.summary;
    existing->score = std::max(existing->score, part.score);
    existing->severity = std::max(existing->severity, part.severity);
    // The part is given up: its culprits and steps are moved, not copied.
    existing->culprits.insert(existing->culprits.end(), std::make_move_iterator(part.culprits.begin()),
                              std::make_move_iterator(part.culprits.end()));
    existing->evidence.insert(existing->evidence.end(), part.evidence.begin(), part.evidence.end());
    existing->next_steps.insert(existing->next_steps.end(), std::make_move_iterator(part.next_steps.begin()),
                                std::make_move_iterator(part.next_steps.end()));
}

} // namespace dbgsift::infer
