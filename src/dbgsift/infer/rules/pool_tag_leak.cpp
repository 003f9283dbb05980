// SPDX-License-Identifier: MIT
// pool-tag-leak: which !poolused tag holds the pool that matters, and which module owns it.
// Signals: bytes and share of that pool, outstanding allocations (Diff), retention against
// churn, unknown / third-party tags over core OS tags, and owner evidence (Binary:, the
// --pooltag file, a module name the tag prefixes, a memory-search hit inside a module).
// The stages are in pool_tag_stages.hpp; this file ranks the suspects and writes the finding.
#include "pool_tag_stages.hpp"
#include "../sort_once.hpp"

namespace dbgsift::infer::rules {

using namespace pooltag;  // this .cpp only: the stages and their thresholds

namespace {

// Best score first, ties in their order; a suspect holds strings and vectors, so each is
// moved once (stable_sort_moving_once).
void sort_by_score(std::vector<Suspect>& suspects) {
    if (in_score_order(suspects)) {
        return;
    }
    stable_sort_moving_once(suspects, [](Suspect const& a, Suspect const& b) { return a.score > b.score; });
}

std::string poolfind(Suspect const& k) {
    return "!poolfind " + k.tag + (k.pool == PoolKind::nonpaged ? " 0" : " 1");
}

// Stage 3: the tags the input implicates, the modules that own the suspects, and drivers
// unloaded again and again, into the rankings. Runs last: a ranked tag takes its suspect's
// reasons and evidence rather than a copy.
void rank_suspects(std::vector<Suspect>& suspects, ModuleIndex const& mods, Report& report) {
    // Rankings: the tags the input implicates, and the modules that own the suspects.
    std::vector<Culprit> tag_culprits;
    std::vector<Culprit> module_culprits;
    for (std::size_t i = 0; i < suspects.size(); ++i) {
        auto& k = suspects[i];
        if (i >= k_ranked_always && k.score < k_ranked_min_score) {  // the input implicates a few tags, not the whole table
            break;
        }
        Culprit t{CulpritKind::pooltag, k.tag, k.score, std::move(k.reasons), std::move(k.evidence)};
        for (auto const& o : k.owners) {
            t.evidence.insert(t.evidence.end(), o.evidence.begin(), o.evidence.end());
        }
        tag_culprits.push_back(std::move(t));
        bool const suspect = k.convincing || (i < k_module_top_tags && k.score >= k_module_min_tag_score);
        if (!suspect) {
            continue;
        }
        for (auto const& o : k.owners) {
            Culprit m{CulpritKind::module, o.module, std::clamp(o.strength * (0.5 + 0.5 * k.score), 0.0, 1.0), {}, o.evidence};
            // No score here: the tag's own row gives it, after every rule has spoken.
            m.reasons.push_back("owns pool tag " + k.tag + ": " + o.reason);
            m.evidence.push_back(k.row->loc);
            module_culprits.push_back(std::move(m));
        }
    }
    // A driver unloaded again and again is suspicious on its own: unloads that forget to
    // free their pool leave allocations no one owns.
    for (auto const& [name, times] : mods.unload_count) {
        if (times < k_unloads_suspicious) {
            continue;
        }
        auto const& locs = mods.unload_locs.at(name);
        auto const* first = std::find_if(mods.unloaded.begin(), mods.unloaded.end(),
                                         [&, &name = name](auto const* m) { return lower(m->name) == name; })[0];
        module_culprits.push_back({CulpritKind::module, first->name, std::min(0.6, 0.25 + 0.03 * static_cast<double>(times)),
                                   {"unloaded " + std::to_string(times) +
                                    " times: a driver that does not free its pool on unload leaks on every cycle"},
                                   locs});
    }
    report.rankings.pooltags.insert(report.rankings.pooltags.end(), std::make_move_iterator(tag_culprits.begin()),
                                    std::make_move_iterator(tag_culprits.end()));
    report.rankings.modules.insert(report.rankings.modules.end(), std::make_move_iterator(module_culprits.begin()),
                                   std::make_move_iterator(module_culprits.end()));

}

// Stage 4: the finding, only when a tag is a convincing suspect; with its next steps, and a
// note when one snapshot could not prove it.
void report_finding(std::vector<Suspect> const& suspects, Exhaustion const& ex, ModuleIndex const& mods,
                    bool trend, Report& report) {
    std::vector<Suspect const*> convincing;
    for (auto const& k : suspects) {
        if (k.convincing) {
            convincing.push_back(&k);
        }
    }
    if (convincing.empty()) {
        return;
    }
    auto const& top = *convincing.front();
    Finding f;
    f.pattern = Pattern::pool_tag_leak;
    f.score = top.score;
    bool const exhausted = ex.pools.count(top.pool) != 0;
    f.severity = top.grew || top.huge || (exhausted && top.score >= 0.6) ? Severity::high : Severity::medium;
    f.summary = top.grew ? "Pool tag " + top.tag + " leaks " + pool_words(top.pool) + ": " + top.reasons.front().substr(6)
                         : "Pool tag " + top.tag + " is the suspected leak in " + pool_words(top.pool) + ": " +
                               top.reasons.front();
    if (!top.chain.empty()) {
        f.summary += "; " + top.chain;
    }
    if (top.huge && !top.grew) {
        f.summary += "; more than one driver's tag normally holds";
    }
    if (!top.owners.empty()) {
        f.summary += "; owner " + top.owners.front().module;
    }
    f.summary += ".";
    for (auto const* k : convincing) {
        Culprit cul{CulpritKind::pooltag, k->tag, k->score, k->reasons, k->evidence};
        f.culprits.push_back(std::move(cul));
        f.evidence.insert(f.evidence.end(), k->evidence.begin(), k->evidence.end());
    }
    for (auto const& o : top.owners) {
        f.culprits.push_back({CulpritKind::module, o.module, std::clamp(o.strength * (0.5 + 0.5 * top.score), 0.0, 1.0),
                              {o.reason}, o.evidence});
        f.evidence.insert(f.evidence.end(), o.evidence.begin(), o.evidence.end());
    }
    f.evidence.insert(f.evidence.end(), ex.evidence.begin(), ex.evidence.end());

    f.next_steps.push_back(poolfind(top));
    auto const& t = *top.table;
    bool const nonpaged = top.pool == PoolKind::nonpaged;
    if (!t.has_used || t.sorted_pool != top.pool) {
        f.next_steps.push_back(nonpaged ? "!poolused 2" : "!poolused 4");
    }
    if (!t.has_diff) {
        f.next_steps.push_back(nonpaged ? "!poolused 3" : "!poolused 5");
    }
    bool owner_loaded = false;
    for (auto const& o : top.owners) {
        for (auto const* m : mods.loaded) {
            if (lower(m->name) == lower(o.module)) {
                owner_loaded = true;
                f.next_steps.push_back("lmv m " + m->name);
                break;
            }
        }
        if (owner_loaded) {
            break;
        }
    }
    if (top.owners.empty() || top.owners.front().strength < k_owner_caught) {
        f.next_steps.push_back("!for_each_module s -a @#Base @#End \"" + top.tag + "\"");
    }
    if (!owner_loaded && !top.owners.empty()) {
        f.next_steps.push_back("lm t n");  // when was the owner loaded, and is it still
    }
    report.findings.push_back(std::move(f));

    if (!trend) {
        report.notes.push_back("Only one snapshot of pool usage: a second !poolused taken later would turn the "
                               "suspicion about " + top.tag + " into proof (growth per tag).");
        report.note_evidence.push_back(top.table->loc);
    }
}

} // namespace

void pool_tag_leak(model::Case const& c, Options const& options, Report& report) {
    auto const ex = exhausted_pools(report);
    ModuleIndex const mods(c);
    auto assessed = assess_tables(c, options, ex, mods);
    auto& suspects = assessed.suspects;
    auto const series = pool::pool_series(c);
    bool const trend = series.trend;
    weigh_growth(suspects, series);
    weigh_work_items(suspects, c);
    weigh_free_ratio(suspects, c);
    sort_by_score(suspects);
    weigh_fixed_ratios(suspects);
    sort_by_score(suspects);
    describe_reported(suspects, assessed.totals, assessed.owners, mods, options);
    report_finding(suspects, ex, mods, trend, report);
    rank_suspects(suspects, mods, report);
}

} // namespace dbgsift::infer::rules
