// SPDX-License-Identifier: MIT
// pool-tag-leak, stage 2: suspects weighed against each other and the series: growth,
// fixed-ratio chains, free ratios, work items.
#include "pool_tag_stages.hpp"

namespace dbgsift::infer::rules::pooltag {
namespace {

Suspect* find_suspect(std::vector<Suspect>& suspects, std::string_view tag) {
    auto const it = std::find_if(suspects.begin(), suspects.end(), [&](Suspect const& k) { return k.tag == tag; });
    return it == suspects.end() ? nullptr : &*it;
}

std::string ratio_text(double r) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", r);
    return buf;
}

} // namespace

// Stage: two snapshots of one machine. A tag that grew against its peers' drift is the leak,
// proved; a big tag that stayed flat is named as such; tags growing at fixed ratios are one
// chain reported under its root.
void weigh_growth(std::vector<Suspect>& suspects, pool::PoolSeries const& series) {
    if (!series.trend) {
        return;
    }
    // The largest consumers by the last reading, to name the flat ones.
    std::vector<pool::TagGrowth const*> by_size;
    for (auto const& g : series.tags) {
        if (g.bytes) {
            by_size.push_back(&g);
        }
    }
    std::stable_sort(by_size.begin(), by_size.end(),
                     [](auto const* a, auto const* b) { return a->bytes->after > b->bytes->after; });
    constexpr std::size_t k_large_consumers = 5;
    for (std::size_t i = 0; i < by_size.size(); ++i) {
        auto const& g = *by_size[i];
        if (g.grew || i >= k_large_consumers || !g.stable) {
            continue;
        }
        auto* k = find_suspect(suspects, g.tag);
        if (k == nullptr) {
            continue;
        }
        k->trailing.push_back("large but stable: " + grouped(static_cast<std::uint64_t>(g.bytes->before)) + " -> " +
                             grouped(static_cast<std::uint64_t>(g.bytes->after)) + " bytes between snapshot " +
                             std::to_string(series.first_moment) + " and snapshot " +
                             std::to_string(series.last_moment) + " (load, not a leak)");
        k->evidence.push_back(g.before->loc);
        k->stable = true;
    }
    for (auto& k : suspects) {
        k.score = std::min(k.score * k_not_grown_factor, k_not_grown_cap);  // in a series, not growing weighs against a leak
        k.convincing = k.convincing && !k.stable;
    }
    for (auto const& g : series.tags) {
        auto* k = g.grew ? find_suspect(suspects, g.tag) : nullptr;  // a linear search: only for a tag that grew
        if (k == nullptr) {
            continue;
        }
        auto const& v = g.bytes ? g.bytes_verdict : g.count_verdict;
        k->grew = true;
        k->convincing = true;
        k->pool = g.pool;
        k->score = std::clamp(k_grown_base_score + 0.05 * std::log2(std::max(1.0, v.factor)) - (k->core ? 0.05 : 0.0),
                              k_grown_min_score, 1.0);
        k->leads.insert(k->leads.begin(), "leak: " + pool::growth_words(g, series));
        if (auto const churn = pool::churn_words(g); !churn.empty()) {
            k->leads.insert(k->leads.begin() + 1, churn);
        }
        k->evidence.push_back(g.before->loc);
        k->evidence.push_back(g.after->loc);
    }
    for (auto const& chain : pool::lockstep_chains(series)) {
        auto const& root = series.tags[chain.members.front()];
        auto* r = find_suspect(suspects, root.tag);
        if (r == nullptr) {
            continue;
        }
        std::string with;
        for (std::size_t i = 1; i < chain.members.size(); ++i) {
            auto const& m = series.tags[chain.members[i]];
            with += (i == 1 ? "" : ", ") + m.tag + " (ratio " + ratio_text(chain.ratios[i]) + ")";
            if (auto* k = find_suspect(suspects, m.tag)) {
                k->leads.insert(k->leads.begin(), "grows in lockstep with " + root.tag +
                                  ": one object chain, whose likely root is " + root.tag);
                k->score = std::min(k->score, r->score - 0.01);
                k->convincing = false;
                r->evidence.push_back(m.after->loc);
            }
        }
        r->chain = "grew in lockstep with " + with + ": one object chain, " + root.tag + " its likely root";
        // After its "leak:" line: a chain is made of grown tags only (pool::lockstep_chains),
        // so the loop above gave the root one; never past the end if that ever changes.
        r->leads.insert(r->leads.begin() + std::min<std::ptrdiff_t>(1, std::ssize(r->leads)), r->chain);
        r->score = std::min(1.0, r->score + 0.05);
    }
}

// Stage (R3), one snapshot: tags whose outstanding counts sit at a fixed ratio (1:1, 2:1) to
// the best suspect's, in the same table and in the tens of thousands, are one object chain:
// reported once, under the tag most likely to be its root (a driver's or unknown tag above
// core ones, then the one that frees least). The tolerance is tight (0.5%): in one snapshot
// a chance match is likelier than between two.
void weigh_fixed_ratios(std::vector<Suspect>& suspects) {
    constexpr double k_min_count = k_chain_min_outstanding;
    constexpr double k_tolerance = k_chain_ratio_tolerance;
    auto live = [](Suspect const& k) -> double {
        auto const n = outstanding(*k.table, columns(*k.row, k.pool));
        return n ? static_cast<double>(*n) : 0;
    };
    auto const top = std::find_if(suspects.begin(), suspects.end(), [](Suspect const& k) { return k.convincing; });
    if (top == suspects.end() || top->grew || !top->chain.empty() || live(*top) < k_min_count) {
        return;
    }
    std::vector<Suspect*> chain{&*top};
    std::vector<double> ratios{1.0};
    for (auto& k : suspects) {
        if (&k == &*top || k.table != top->table || k.pool != top->pool || live(k) < k_min_count) {
            continue;
        }
        double const r = live(k) / live(*top);
        for (double fixed : {1.0, 2.0, 0.5}) {
            if (std::fabs(r - fixed) <= k_tolerance * fixed) {
                chain.push_back(&k);
                ratios.push_back(r);
                break;
            }
        }
    }
    if (chain.size() < 2) {
        return;
    }
    auto free_ratio = [](Suspect const* k) {
        auto const& c = columns(*k->row, k->pool);
        return c.allocs && c.frees && *c.allocs > 0 ? static_cast<double>(*c.frees) / static_cast<double>(*c.allocs) : 1.0;
    };
    auto* root = *std::min_element(chain.begin(), chain.end(), [&](Suspect const* a, Suspect const* b) {
        if (a->core != b->core) {
            return !a->core;
        }
        if (a->row->unknown != b->row->unknown) {
            return a->row->unknown;
        }
        return free_ratio(a) < free_ratio(b);
    });
    std::string with;
    for (std::size_t i = 0; i < chain.size(); ++i) {
        if (chain[i] == root) {
            continue;
        }
        with += (with.empty() ? "" : ", ") + chain[i]->tag + " (" + grouped(static_cast<std::uint64_t>(live(*chain[i]))) +
                " outstanding)";
    }
    double const best = top->score;
    for (auto* k : chain) {
        if (k == root) {
            continue;
        }
        k->leads.insert(k->leads.begin(), "its outstanding count moves with " + root->tag +
                                                  "'s at a fixed ratio: one object chain, whose likely root is " + root->tag);
        k->convincing = false;
        k->score = std::min(k->score, best);
        root->evidence.push_back(k->row->loc);
    }
    root->chain = "outstanding counts at a fixed ratio with " + with + ": one object chain, " + root->tag +
                  " its likely root";
    root->trailing.push_back(root->chain);
    root->convincing = true;
    root->score = std::min(1.0, best + 0.01);
}

// Stage (R2): in a table that prints Frees, a tag that frees almost nothing of many
// allocations while the other tags free nearly all of theirs is pinned or leaked. Only a hint
// (a driver may allocate a fixed pool once, seed002-vista-np's RaRS 1000/0 on a healthy
// machine): it adds the reason, not the finding.
void weigh_free_ratio(std::vector<Suspect>& suspects, model::Case const& c) {
    for (auto const& s : c.snapshots) {
        for (auto const& t : s.pool) {
            if (!t.has_frees) {
                continue;
            }
            for (auto const p : {PoolKind::nonpaged, PoolKind::paged}) {
                std::vector<double> ratios;
                for (auto const& row : t.tags) {
                    auto const& col = columns(row, p);
                    if (col.allocs && col.frees && static_cast<double>(*col.allocs) >= norms::pinned_min_allocs.value) {
                        ratios.push_back(static_cast<double>(*col.frees) / static_cast<double>(*col.allocs));
                    }
                }
                if (ratios.size() < 3) {
                    continue;  // no siblings to compare with
                }
                double const siblings = median_of(ratios);
                if (siblings < norms::siblings_free_ratio_min.value) {
                    continue;
                }
                for (auto const& row : t.tags) {
                    auto const& col = columns(row, p);
                    if (!col.allocs || !col.frees || static_cast<double>(*col.allocs) < norms::pinned_min_allocs.value) {
                        continue;
                    }
                    double const ratio = static_cast<double>(*col.frees) / static_cast<double>(*col.allocs);
                    if (ratio > norms::pinned_free_ratio_max.value) {
                        continue;  // frees like its siblings: no need to look for its suspect
                    }
                    auto* k = find_suspect(suspects, row.tag);
                    if (k == nullptr) {
                        continue;
                    }
                    k->trailing.push_back("frees " + grouped(*col.frees) + " of " + grouped(*col.allocs) + " allocations (" +
                                         percent(ratio) + ") while the other tags free a median " + percent(siblings) +
                                         " of theirs: pinned or leaked, or allocated once for good (a hint: "
                                         "a second snapshot tells which)");
                    k->evidence.push_back(row.loc);
                }
            }
        }
    }
}

// Stage: a driver's tag whose outstanding count equals IoWI's is leaking work items (R4).
void weigh_work_items(std::vector<Suspect>& suspects, model::Case const& c) {
    for (auto const& s : c.snapshots) {
        for (auto const& t : s.pool) {
            for (auto const& twin : pool::work_item_twins(t)) {
                auto* k = find_suspect(suspects, twin.tag->tag);
                if (k == nullptr || k->leaks_work_items) {
                    continue;
                }
                k->leaks_work_items = true;
                k->convincing = true;
                k->score = std::max(k->score, k_work_item_min_score);
                k->chain = "IoWI holds " + grouped(twin.iowi_count) + " work items outstanding, the same count as " +
                           twin.tag->tag + "'s " + grouped(twin.count) + ": its driver is leaking work items";
                k->trailing.push_back(k->chain);
                k->evidence.push_back(twin.iowi->loc);
            }
        }
    }
}

} // namespace dbgsift::infer::rules::pooltag
