// SPDX-License-Identifier: MIT
// pool-tag-leak: which !poolused tag holds the pool that matters, and which module owns it.
// Signals: bytes and share of that pool, outstanding allocations (Diff), retention against
// churn, unknown / third-party tags over core OS tags, and owner evidence (Binary:, the
// --pooltag file, a module name the tag prefixes, a memory-search hit inside a module).
#include "rules_list.hpp"
#include "pool_growth.hpp"
#include "../norms.hpp"
#include "../robust.hpp"
#include "../machine.hpp"
#include "../text.hpp"
#include "../../format/format.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <set>

namespace dbgsift::infer::rules {
namespace {

using model::PoolKind;

// ---- This rule's thresholds and weights, in one place ---------------------------------------
// Owner evidence strength (0..1): how sure one piece of evidence is about a tag's owner.
constexpr double k_owner_pooltag_txt = 0.6;    // the debugger's pooltag.txt "Binary:" column
constexpr double k_owner_pooltag_file = 0.7;   // the user's --pooltag file
constexpr double k_owner_search_hit = 0.9;     // a memory-search hit inside the module's image
constexpr double k_owner_prefix_loaded = 0.5;  // the tag prefixes a loaded module's name
constexpr double k_owner_prefix_unloaded = 0.6;  // ... an unloaded one
constexpr double k_owner_caught = 0.8;         // strong enough to name the owner alone
constexpr std::size_t k_prefix_min_tag_chars = 3;  // shorter tags prefix too many names
// Origin weight: unknown and third-party tags before core OS tags (load, not a leak).
constexpr double k_origin_unknown = 1.0;
constexpr double k_origin_binary = 0.9;
constexpr double k_origin_plain = 0.85;
constexpr double k_origin_described = 0.8;
constexpr double k_origin_core = 0.45;
// Score = origin x (weighted signals); the weights add up to 1.
constexpr double k_weight_magnitude = 0.5;
constexpr double k_weight_outstanding = 0.2;
constexpr double k_weight_retention = 0.1;
constexpr double k_weight_owner = 0.2;
constexpr double k_outstanding_full_log10 = 6.0;  // a million outstanding allocations = full signal
// Diff and retention (R2, R13): a verbose table's own evidence of what stays allocated.
constexpr std::uint64_t k_abnormal_diff_allocs = 50000;
constexpr double k_retention_min_kept = 0.25;       // Diff / Allocs
constexpr std::uint64_t k_retention_min_diff = 1000;
constexpr std::uint64_t k_retention_convincing_diff = 10000;
constexpr std::uint64_t k_churn_min_allocs = 1000000;
constexpr double k_churn_max_kept = 0.01;
// Convincing shares: of an exhausted pool, of the whole pool, with the owner caught.
constexpr double k_share_of_exhausted_pool = 0.3;
constexpr double k_share_of_whole_pool = 0.5;
constexpr double k_share_with_owner_caught = 0.05;
// Rankings: the input implicates a few tags, not the whole table.
constexpr std::size_t k_ranked_always = 5;
constexpr double k_ranked_min_score = 0.3;
constexpr std::size_t k_module_top_tags = 3;
constexpr double k_module_min_tag_score = 0.25;
constexpr std::size_t k_unloads_suspicious = 3;
// Series: growth lifts a tag above any that did not grow; flat or stable ones sink.
constexpr double k_grown_base_score = 0.75;
constexpr double k_grown_min_score = 0.7;
constexpr double k_not_grown_factor = 0.7;
constexpr double k_not_grown_cap = 0.6;
constexpr double k_huge_tag_min_score = 0.6;
constexpr double k_work_item_min_score = 0.65;

using pool::columns;
using pool::is_core_binary;
using pool::is_core_tag;
using pool::outstanding;


bool starts_with_nocase(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) {
        return false;
    }
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(text[i])) !=
            std::tolower(static_cast<unsigned char>(prefix[i]))) {
            return false;
        }
    }
    return true;
}

std::string grouped(std::uint64_t n) { return format::count(n); }
using format::percent;

char const* pool_words(PoolKind p) { return p == PoolKind::nonpaged ? "nonpaged pool" : "paged pool"; }

// The owner of a tag, as one piece of evidence says it.
struct Owner {
    std::string module;     // as the transcript (or the --pooltag file) names it
    double strength = 0;    // 0..1: how sure this evidence is
    std::string reason;
    std::vector<model::Loc> evidence;
};

struct Suspect {
    std::string tag;
    PoolKind pool = PoolKind::nonpaged;
    model::PoolTag const* row = nullptr;
    model::PoolUsedTable const* table = nullptr;
    double score = 0;
    bool convincing = false;
    bool core = false;
    bool huge = false;        // beyond the absolute norm for one tag (norms::pool_tag_huge_*)
    bool stable = false;      // a large consumer that stayed flat between two snapshots
    bool grew = false;        // grew between two snapshots: proof, not suspicion
    std::string chain;        // "grew in lockstep with ...": the chain this root heads
    std::vector<std::string> reasons;
    std::vector<model::Loc> evidence;
    std::vector<Owner> owners;
};

struct Exhaustion {
    std::set<PoolKind> pools;
    std::vector<model::Loc> evidence;
};

Exhaustion exhausted_pools(Report const& report) {
    Exhaustion e;
    for (auto const& f : report.findings) {
        if (f.pattern == Pattern::nonpaged_pool_exhaustion) {
            e.pools.insert(PoolKind::nonpaged);
        } else if (f.pattern == Pattern::paged_pool_exhaustion || f.pattern == Pattern::session_pool_exhaustion) {
            e.pools.insert(PoolKind::paged);
        } else {
            continue;
        }
        e.evidence.insert(e.evidence.end(), f.evidence.begin(), f.evidence.end());
    }
    return e;
}

bool table_has(model::PoolUsedTable const& t, PoolKind p) {
    return p == PoolKind::nonpaged ? t.has_nonpaged : t.has_paged;
}

// The pool a table speaks about: an exhausted one it shows, else its sort order, else the
// pool with more bytes in it.
PoolKind pool_for(model::PoolUsedTable const& t, Exhaustion const& ex) {
    std::optional<PoolKind> sorted = t.sorted_pool;
    if (sorted == PoolKind::session) {
        sorted = PoolKind::paged;
    }
    if (sorted && ex.pools.count(*sorted) != 0 && table_has(t, *sorted)) {
        return *sorted;
    }
    for (auto p : ex.pools) {
        if (table_has(t, p)) {
            return p;
        }
    }
    if (sorted && table_has(t, *sorted)) {
        return *sorted;
    }
    if (t.has_nonpaged != t.has_paged) {
        return t.has_nonpaged ? PoolKind::nonpaged : PoolKind::paged;
    }
    std::uint64_t np = 0, pp = 0;
    for (auto const& tag : t.tags) {
        np += tag.nonpaged.used.value_or(0);
        pp += tag.paged.used.value_or(0);
    }
    return pp > np ? PoolKind::paged : PoolKind::nonpaged;
}

struct ModuleIndex {
    std::vector<model::Module const*> loaded;
    std::vector<model::Module const*> unloaded;
    std::map<std::string, std::size_t> unload_count;  // lower-case name -> times unloaded
    std::map<std::string, std::vector<model::Loc>> unload_locs;
    std::vector<model::MemoryHit const*> hits;

    explicit ModuleIndex(model::Case const& c) {
        // The same module listed in every snapshot is one module: keep its first row, so
        // matching stays linear in distinct modules however many snapshots there are.
        std::set<std::pair<std::string, std::uint64_t>> seen_loaded, seen_unloaded;
        for (auto const& s : c.snapshots) {
            for (auto const& m : s.modules) {
                if (seen_loaded.insert({lower(m.name), m.start}).second) {
                    loaded.push_back(&m);
                }
            }
            for (auto const& m : s.unloaded_modules) {
                if (seen_unloaded.insert({lower(m.name), m.start}).second) {
                    unloaded.push_back(&m);
                }
                ++unload_count[lower(m.name)];
                unload_locs[lower(m.name)].push_back(m.loc);
            }
            for (auto const& h : s.memory_hits) {
                hits.push_back(&h);
            }
        }
    }
};

std::vector<Owner> owners_of(std::string const& tag, model::PoolTag const& row, bool core,
                             ModuleIndex const& mods, Options const& options) {
    std::vector<Owner> out;
    if (!row.binary.empty() && !is_core_binary(row.binary)) {
        out.push_back({row.binary, k_owner_pooltag_txt, "the debugger's pooltag.txt names " + row.binary + " as its owner",
                       {row.loc}});
    }
    if (options.pooltags != nullptr) {
        if (auto const* e = options.pooltags->find(tag); e != nullptr && !is_core_binary(e->binary) &&
                                                          e->binary != "<unknown>" && !e->binary.empty()) {
            out.push_back({e->binary, k_owner_pooltag_file,
                           "the --pooltag file names " + e->binary + " (its line " + std::to_string(e->line) + ")",
                           {}});
        }
    }
    // A memory-search hit for the tag inside a loaded module's image.
    std::map<std::string, std::pair<Owner, std::size_t>> by_hit;  // module -> owner, hit count
    for (auto const* h : mods.hits) {
        bool const about_tag = h->pattern == tag || h->text.find(tag) != std::string::npos;
        if (!about_tag) {
            continue;
        }
        for (auto const* m : mods.loaded) {
            if (h->address >= m->start && h->address < m->end) {
                auto& [o, hits] = by_hit[m->name];
                o.module = m->name;
                o.strength = k_owner_search_hit;
                ++hits;
                o.evidence.push_back(h->loc);
                if (std::find(o.evidence.begin(), o.evidence.end(), m->loc) == o.evidence.end()) {
                    o.evidence.push_back(m->loc);
                }
            }
        }
    }
    for (auto& [name, entry] : by_hit) {
        auto& [o, hits] = entry;
        o.reason = "a memory search for '" + tag + "' hit " + std::to_string(hits) +
                   (hits == 1 ? " address" : " addresses") + " inside " + name + " (" +
                   "its image spans the hit)";
        out.push_back(std::move(o));
    }
    // A tag that begins a module's name (MyAV -> MyAVDrv.sys). Short or core tags would match
    // too much ("CM" -> cmimcext), so they do not count.
    if (!core && tag.size() >= k_prefix_min_tag_chars) {
        std::set<std::string> seen;
        auto consider = [&](model::Module const& m, bool unloaded) {
            if (!starts_with_nocase(m.name, tag) || !seen.insert(lower(m.name)).second) {
                return;
            }
            Owner o{m.name, unloaded ? k_owner_prefix_unloaded : k_owner_prefix_loaded, "its name prefixes " + m.name, {m.loc}};
            auto const it = mods.unload_count.find(lower(m.name));
            if (it != mods.unload_count.end()) {
                auto const times = it->second;
                o.reason += times == 1 ? ", which was unloaded once"
                                       : ", which was unloaded " + std::to_string(times) + " times";
                if (times >= 2) {
                    o.strength = k_owner_search_hit;  // unloaded again and again: as sure as a hit
                }
                auto const& locs = mods.unload_locs.at(lower(m.name));
                o.evidence.insert(o.evidence.end(), locs.begin(), locs.end());
            }
            out.push_back(std::move(o));
        };
        for (auto const* m : mods.loaded) {
            consider(*m, false);
        }
        for (auto const* m : mods.unloaded) {
            consider(*m, true);
        }
    }
    std::stable_sort(out.begin(), out.end(), [](Owner const& a, Owner const& b) { return a.strength > b.strength; });
    return out;
}

// The denominator of a tag's share: TOTAL, else the pool in use per !vm, else the rows shown.
struct Denominator {
    double bytes = 0;
    std::string words;       // "of the TOTAL row"
    bool whole_pool = true;  // false: only the rows shown, which may be a cut list
};

Denominator denominator(model::Snapshot const& s, model::PoolUsedTable const& t, PoolKind p) {
    if (t.total) {
        if (auto const used = columns(*t.total, p).used; used && *used > 0) {
            return {static_cast<double>(*used), "of the TOTAL row"};
        }
    }
    if (s.vm) {
        auto const* c = s.vm->find(p == PoolKind::nonpaged ? model::VmCounterId::nonpaged_pool_usage : model::VmCounterId::paged_pool_usage);
        if (c != nullptr && c->kb > 0) {
            return {static_cast<double>(c->kb) * 1024.0, "of the " + std::string(pool_words(p)) + " in use per !vm"};
        }
    }
    double sum = 0;
    for (auto const& tag : t.tags) {
        sum += static_cast<double>(columns(tag, p).used.value_or(0));
    }
    return {sum, "of the rows shown", false};
}

// What every row of one table is measured against, worked out once per table.
struct TableTotals {
    Denominator bytes;
    double outstanding = 0;  // sum of the rows' outstanding allocations
};

TableTotals totals_of(model::Snapshot const& s, model::PoolUsedTable const& t, PoolKind p) {
    TableTotals out{denominator(s, t, p), 0};
    for (auto const& other : t.tags) {
        out.outstanding += static_cast<double>(outstanding(t, columns(other, p)).value_or(0));
    }
    return out;
}

Suspect assess(model::PoolUsedTable const& t, TableTotals const& totals, model::PoolTag const& row,
               PoolKind p, Exhaustion const& ex, ModuleIndex const& mods, Options const& options) {
    Suspect k;
    k.tag = row.tag;
    k.pool = p;
    k.row = &row;
    k.table = &t;
    k.evidence.push_back(row.loc);
    auto const& c = columns(row, p);
    bool const exhausted = ex.pools.count(p) != 0;
    std::string sentence;

    // Magnitude: share of the pool in bytes, or of the outstanding allocations when the
    // layout has no Used column (the Ddk case).
    double magnitude = 0;
    double share = 0;
    bool share_of_pool = false;
    auto const live = outstanding(t, c);
    if (c.used) {
        auto const& d = totals.bytes;
        share = d.bytes > 0 ? std::min(1.0, static_cast<double>(*c.used) / d.bytes) : 0;
        share_of_pool = d.whole_pool;
        sentence = format::bytes_cited(*c.used) + " of " + pool_words(p) + " (" + percent(share) + " " + d.words + ")";
    } else if (live) {
        double const sum = totals.outstanding;
        share = sum > 0 ? static_cast<double>(*live) / sum : 0;
        sentence = percent(share) + " of the outstanding " + pool_words(p) + " allocations listed (no Used column)";
    }
    magnitude = std::sqrt(share);
    if (live) {
        sentence += (sentence.empty() ? "" : ", ") + grouped(*live) +
                    (*live == 1 ? " allocation outstanding" : " allocations outstanding");
    }
    double const outstanding_signal =
        live ? std::clamp(std::log10(static_cast<double>(*live) + 1.0) / k_outstanding_full_log10, 0.0, 1.0) : 0.0;
    bool const abnormal_diff = c.diff && *c.diff >= k_abnormal_diff_allocs;

    // Retention against churn, when Frees are printed.
    double retention_signal = 0;
    bool retention = false;
    if (c.allocs && c.diff && *c.allocs > 0) {
        double const kept = static_cast<double>(*c.diff) / static_cast<double>(*c.allocs);
        if (kept >= k_retention_min_kept && *c.diff >= k_retention_min_diff) {
            retention = true;
            retention_signal = std::min(1.0, kept);
            sentence += "; keeps " + percent(kept) + " of its " + grouped(*c.allocs) + " allocations (retention)";
        } else if (*c.allocs >= k_churn_min_allocs && kept < k_churn_max_kept) {
            sentence += "; " + grouped(c.frees.value_or(0)) + " of " + grouped(*c.allocs) +
                        " allocations freed again (churn, not retention)";
        } else if (abnormal_diff) {
            sentence += "; " + grouped(*c.allocs) + " allocations against " + grouped(c.frees.value_or(0)) +
                        " frees leaves an abnormal difference";
        }
    }
    k.reasons.push_back(sentence);

    // Origin: unknown and third-party tags before core OS tags.
    k.core = is_core_tag(row.tag) || (!row.binary.empty() && is_core_binary(row.binary));
    double origin = k_origin_plain;
    if (row.unknown) {
        origin = k_origin_unknown;
        k.reasons.push_back("unknown to the debugger's pooltag.txt");
    } else if (k.core) {
        origin = k_origin_core;
        k.reasons.push_back(row.binary.empty() ? "a core Windows tag, usually load rather than a leak of its own"
                                               : "a core Windows tag (Binary: " + row.binary +
                                                     "), usually load rather than a leak of its own");
    } else if (!row.binary.empty()) {
        origin = k_origin_binary;
    } else if (!row.description.empty()) {
        origin = k_origin_described;
    } else {
        k.reasons.push_back("printed without a description");
    }

    k.owners = owners_of(row.tag, row, k.core, mods, options);
    double owner_signal = 0;
    for (auto const& o : k.owners) {
        owner_signal = std::max(owner_signal, o.strength);
        k.reasons.push_back(o.reason);
    }

    k.score = std::clamp(origin * (k_weight_magnitude * magnitude + k_weight_outstanding * outstanding_signal +
                                   k_weight_retention * retention_signal + k_weight_owner * owner_signal),
                         0.0, 1.0);

    // A convincing suspect: a big share of an exhausted pool, an abnormal Diff or retention,
    // or an owner caught red-handed while its pool ran out.
    if (!k.core) {
        bool const big_in_exhausted = exhausted && share >= k_share_of_exhausted_pool;
        bool const big_in_pool = share_of_pool && share >= k_share_of_whole_pool;
        bool const retains = retention && c.diff && *c.diff >= k_retention_convincing_diff;
        bool const caught = exhausted && owner_signal >= k_owner_caught && share >= k_share_with_owner_caught;
        k.convincing = big_in_exhausted || big_in_pool || abnormal_diff || retains || caught;
    }
    // Absolute magnitude: one driver's or unknown tag holding this much needs no share to judge.
    double const huge_bytes = p == PoolKind::nonpaged ? norms::pool_tag_huge_nonpaged_bytes.value
                                                      : norms::pool_tag_huge_paged_bytes.value;
    bool const huge = !k.core && ((c.used && static_cast<double>(*c.used) >= huge_bytes) ||
                                  (live && static_cast<double>(*live) >= norms::pool_tag_huge_outstanding.value));
    if (huge) {
        k.huge = true;
        k.convincing = true;
        k.score = std::max(k.score, k_huge_tag_min_score);
        k.reasons.push_back("more " + std::string(pool_words(p)) + " than one driver's tag normally holds (" +
                            grouped(static_cast<std::uint64_t>(huge_bytes)) + " bytes or " +
                            grouped(static_cast<std::uint64_t>(norms::pool_tag_huge_outstanding.value)) +
                            " outstanding allocations)");
    }
    if (k.convincing && exhausted) {
        k.reasons.push_back(std::string("the ") + pool_words(p) + " is exhausted");
    }
    return k;
}

std::string poolfind(Suspect const& k) {
    return "!poolfind " + k.tag + (k.pool == PoolKind::nonpaged ? " 0" : " 1");
}

Suspect* find_suspect(std::vector<Suspect>& suspects, std::string_view tag) {
    auto const it = std::find_if(suspects.begin(), suspects.end(), [&](Suspect const& k) { return k.tag == tag; });
    return it == suspects.end() ? nullptr : &*it;
}

std::string ratio_text(double r) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", r);
    return buf;
}

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
        auto* k = find_suspect(suspects, g.tag);
        if (k == nullptr || g.grew || i >= k_large_consumers || !g.stable) {
            continue;
        }
        k->reasons.push_back("large but stable: " + grouped(static_cast<std::uint64_t>(g.bytes->before)) + " -> " +
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
        auto* k = find_suspect(suspects, g.tag);
        if (k == nullptr || !g.grew) {
            continue;
        }
        auto const& v = g.bytes ? g.bytes_verdict : g.count_verdict;
        k->grew = true;
        k->convincing = true;
        k->pool = g.pool;
        k->score = std::clamp(k_grown_base_score + 0.05 * std::log2(std::max(1.0, v.factor)) - (k->core ? 0.05 : 0.0),
                              k_grown_min_score, 1.0);
        k->reasons.insert(k->reasons.begin(), "leak: " + pool::growth_words(g, series));
        if (auto const churn = pool::churn_words(g); !churn.empty()) {
            k->reasons.insert(k->reasons.begin() + 1, churn);
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
                k->reasons.insert(k->reasons.begin(), "grows in lockstep with " + root.tag +
                                  ": one object chain, whose likely root is " + root.tag);
                k->score = std::min(k->score, r->score - 0.01);
                k->convincing = false;
                r->evidence.push_back(m.after->loc);
            }
        }
        r->chain = "grew in lockstep with " + with + ": one object chain, " + root.tag + " its likely root";
        r->reasons.insert(r->reasons.begin() + 1, r->chain);
        r->score = std::min(1.0, r->score + 0.05);
    }
}

// Stage (R3), one snapshot: tags whose outstanding counts sit at a fixed ratio (1:1, 2:1) to
// the best suspect's, in the same table and in the tens of thousands, are one object chain:
// reported once, under the tag most likely to be its root (a driver's or unknown tag above
// core ones, then the one that frees least). The tolerance is tight (0.5%): in one snapshot
// a chance match is likelier than between two.
void weigh_fixed_ratios(std::vector<Suspect>& suspects) {
    constexpr double k_min_count = 10000;
    constexpr double k_tolerance = 0.005;
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
        k->reasons.insert(k->reasons.begin(), "its outstanding count moves with " + root->tag +
                                                  "'s at a fixed ratio: one object chain, whose likely root is " + root->tag);
        k->convincing = false;
        k->score = std::min(k->score, best);
        root->evidence.push_back(k->row->loc);
    }
    root->chain = "outstanding counts at a fixed ratio with " + with + ": one object chain, " + root->tag +
                  " its likely root";
    root->reasons.push_back(root->chain);
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
                    auto* k = find_suspect(suspects, row.tag);
                    if (k == nullptr || ratio > norms::pinned_free_ratio_max.value) {
                        continue;
                    }
                    k->reasons.push_back("frees " + grouped(*col.frees) + " of " + grouped(*col.allocs) + " allocations (" +
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
                if (k == nullptr || k->chain.rfind("IoWI", 0) == 0) {
                    continue;
                }
                k->convincing = true;
                k->score = std::max(k->score, k_work_item_min_score);
                k->chain = "IoWI holds " + grouped(twin.iowi_count) + " work items outstanding, the same count as " +
                           twin.tag->tag + "'s " + grouped(twin.count) + ": its driver is leaking work items";
                k->reasons.push_back(k->chain);
                k->evidence.push_back(twin.iowi->loc);
            }
        }
    }
}

} // namespace

void pool_tag_leak(model::Case const& c, Options const& options, Report& report) {
    auto const ex = exhausted_pools(report);
    ModuleIndex const mods(c);

    // Assess every tag of every table in the pool that matters; keep each tag's best reading.
    std::map<std::string, Suspect> best;
    for (auto const& s : c.snapshots) {
        for (auto const& t : s.pool) {
            auto const p = pool_for(t, ex);
            if (!table_has(t, p)) {
                continue;
            }
            auto const totals = totals_of(s, t, p);
            for (auto const& row : t.tags) {
                auto k = assess(t, totals, row, p, ex, mods, options);
                auto const it = best.find(k.tag);
                if (it == best.end() || k.score > it->second.score) {
                    best[k.tag] = std::move(k);
                }
            }
        }
    }
    std::vector<Suspect> suspects;
    for (auto& [tag, k] : best) {
        suspects.push_back(std::move(k));
    }
    auto const series = pool::pool_series(c);
    bool const trend = series.trend;
    weigh_growth(suspects, series);
    weigh_work_items(suspects, c);
    weigh_free_ratio(suspects, c);
    std::stable_sort(suspects.begin(), suspects.end(),
                     [](Suspect const& a, Suspect const& b) { return a.score > b.score; });
    weigh_fixed_ratios(suspects);
    std::stable_sort(suspects.begin(), suspects.end(),
                     [](Suspect const& a, Suspect const& b) { return a.score > b.score; });

    // Rankings: the tags the input implicates, and the modules that own the suspects.
    std::vector<Culprit> tag_culprits;
    std::vector<Culprit> module_culprits;
    for (std::size_t i = 0; i < suspects.size(); ++i) {
        auto const& k = suspects[i];
        if (i >= k_ranked_always && k.score < k_ranked_min_score) {  // the input implicates a few tags, not the whole table
            break;
        }
        Culprit t{CulpritKind::pooltag, k.tag, k.score, k.reasons, k.evidence};
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
    report.rankings.pooltags.insert(report.rankings.pooltags.end(), tag_culprits.begin(), tag_culprits.end());
    report.rankings.modules.insert(report.rankings.modules.end(), module_culprits.begin(), module_culprits.end());

    // The finding: only when a tag is a convincing suspect.
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

} // namespace dbgsift::infer::rules
