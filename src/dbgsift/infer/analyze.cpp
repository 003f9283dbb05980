// SPDX-License-Identifier: MIT
// Runs the rules, then makes the rankings one list per kind: the same suspect named by
// several rules becomes one entry with every reason, ordered best suspect first.
#include "rules.hpp"
#include "rules/rules_list.hpp"
#include "text.hpp"

#include <algorithm>
#include <map>

namespace dbgsift::infer {

std::vector<RuleSpec> const& all_rules() {
    // Order matters: pool_tag_leak reads which pool pool_exhaustion found exhausted.
    static std::vector<RuleSpec> const rules{
        {"pool_exhaustion", rules::pool_exhaustion},
        {"pool_tag_leak", rules::pool_tag_leak},
        {"handle_leak", rules::handle_leak},
        {"process_memory_leak", rules::process_memory_leak},
        {"user_memory", rules::user_memory},
        {"high_contention", rules::high_contention},
        {"allocation_stacks", rules::allocation_stacks},
        {"handle_stacks", rules::handle_stacks},
        {"pool_blocks", rules::pool_blocks},
        {"answered_next_steps", rules::answered_next_steps},
    };
    return rules;
}

namespace {

void add_unique(std::vector<model::Loc>& into, std::vector<model::Loc> const& from) {
    for (auto const& loc : from) {
        if (std::find(into.begin(), into.end(), loc) == into.end()) {
            into.push_back(loc);
        }
    }
}

void add_unique(std::vector<std::string>& into, std::vector<std::string> const& from) {
    for (auto const& s : from) {
        if (std::find(into.begin(), into.end(), s) == into.end()) {
            into.push_back(s);
        }
    }
}

bool by_location(model::Loc const& a, model::Loc const& b) {
    return a.file != b.file ? a.file < b.file : a.line < b.line;
}

// In file and line order, each line once.
void tidy_evidence(std::vector<model::Loc>& evidence) {
    std::sort(evidence.begin(), evidence.end(), by_location);
    evidence.erase(std::unique(evidence.begin(), evidence.end()), evidence.end());
}

// Same (case-insensitive) name -> one entry: the highest score, a small bonus for each
// further rule that independently names it, all reasons and evidence.
void merge_ranking(std::vector<Culprit>& ranking) {
    std::vector<Culprit> merged;
    std::map<std::string, std::size_t> index;
    for (auto& c : ranking) {
        auto const key = lower(c.name);
        auto const it = index.find(key);
        if (it == index.end()) {
            index.emplace(key, merged.size());
            merged.push_back(std::move(c));
            continue;
        }
        auto& m = merged[it->second];
        double const high = std::max(m.score, c.score);
        double const low = std::min(m.score, c.score);
        m.score = std::min(1.0, high + 0.1 * low);
        add_unique(m.reasons, c.reasons);
        add_unique(m.evidence, c.evidence);
    }
    for (auto& m : merged) {
        tidy_evidence(m.evidence);
    }
    std::stable_sort(merged.begin(), merged.end(), [](Culprit const& a, Culprit const& b) {
        return a.score != b.score ? a.score > b.score : a.name < b.name;
    });
    ranking = std::move(merged);
}

} // namespace

Report analyze(model::Case const& c, Options const& options) {
    Report report;
    for (auto const& rule : all_rules()) {
        rule.run(c, options, report);
    }
    auto& r = report.rankings;
    for (auto* ranking : {&r.pooltags, &r.processes, &r.modules, &r.locks, &r.sessions, &r.heaps,
                          &r.regions, &r.handle_types, &r.functions}) {
        merge_ranking(*ranking);
    }
    for (auto& f : report.findings) {
        tidy_evidence(f.evidence);
        for (auto& k : f.culprits) {
            tidy_evidence(k.evidence);
        }
    }
    tidy_evidence(report.note_evidence);
    // Two rules may give the same caution; say it once.
    std::vector<std::string> notes;
    for (auto& note : report.notes) {
        if (std::find(notes.begin(), notes.end(), note) == notes.end()) {
            notes.push_back(std::move(note));
        }
    }
    report.notes = std::move(notes);
    std::stable_sort(report.findings.begin(), report.findings.end(),
                     [](Finding const& a, Finding const& b) {
                         if (a.severity != b.severity) {
                             return a.severity > b.severity;
                         }
                         return a.score > b.score;
                     });
    return report;
}

} // namespace dbgsift::infer
