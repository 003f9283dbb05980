// SPDX-License-Identifier: MIT
// The inference stage: every rule looks at the whole case and adds findings and rankings.
#pragma once
#include "../model/case.hpp"
#include "finding.hpp"
#include "pooltag_db.hpp"

namespace dbgsift::infer {

struct Options {
    PoolTagDb const* pooltags = nullptr;  // from --pooltag FILE; may be null
};

// One rule: named after the pattern it detects; reads the case, appends to the report.
using Rule = void (*)(model::Case const&, Options const&, Report&);

struct RuleSpec {
    std::string_view name;
    Rule run;
};

// Every rule, in the order they run (rules.cpp). Later rules may read earlier findings.
std::vector<RuleSpec> const& all_rules();

// Runs every rule, then merges and orders the rankings and findings.
Report analyze(model::Case const& c, Options const& options);

// analyze()'s step after merging the rankings: findings' culprits take their ranked scores,
// and suspects under the noise floor that no finding names are moved aside; the findings'
// names looked up through an index of each ranking (`indexed`, for findings that name many)
// or by reading the rankings whole. For the test that compares both.
void align_scores_and_apply_noise_floor_for_testing(Report& report, bool indexed);

} // namespace dbgsift::infer
