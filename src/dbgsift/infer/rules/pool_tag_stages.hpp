// SPDX-License-Identifier: MIT
// pool-tag-leak in stages, each testable alone: assess every tag of every table
// (pool_tag_suspects.cpp), weigh them against the series and each other
// (pool_tag_weighing.cpp), then rank them and write the finding (pool_tag_leak.cpp).
// This rule's thresholds and weights live here, in one place.
#pragma once
#include "rules_list.hpp"
#include "pool_growth.hpp"
#include "../norms.hpp"
#include "../robust.hpp"
#include "../machine.hpp"
#include "../text.hpp"
#include "../../text/quick_hash.hpp"
#include "../../format/format.hpp"

#include <algorithm>
#include <bit>
#include <tuple>
#include <array>
#include <cmath>
#include <cstdio>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace dbgsift::infer::rules::pooltag {

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
// One-snapshot chains (R3): counts in the tens of thousands, at 1:1, 2:1 or 1:2 within 0.5%
// (tight: in one snapshot a chance match is likelier than between two).
constexpr double k_chain_min_outstanding = 10000;
constexpr double k_chain_ratio_tolerance = 0.005;

using pool::columns;
using pool::is_core_binary;
using pool::is_core_tag;
using pool::outstanding;

inline std::string grouped(std::uint64_t n) { return format::count(n); }
using format::percent;

inline char const* pool_words(PoolKind p) { return p == PoolKind::nonpaged ? "nonpaged pool" : "paged pool"; }

// The owner of a tag, as one piece of evidence says it.
struct Owner {
    std::string module;     // as the transcript (or the --pooltag file) names it
    double strength = 0;    // 0..1: how sure this evidence is
    std::string reason;
    std::vector<model::Loc> evidence;
};

// One row of a !poolused table as stage 1 scored it (score_row). A tag's best Reading is all
// assess_tables keeps of it, and its Suspect is made from that Reading as it is: what scoring
// finds is added here, never copied field by field.
struct Reading {
    model::PoolTag const* row = nullptr;
    model::PoolUsedTable const* table = nullptr;
    std::size_t totals = 0;   // the TableTotals of its table, in the order assess_tables read them
    PoolKind pool = PoolKind::nonpaged;
    double score = 0;
    bool convincing = false;
    bool core = false;
    bool huge = false;        // beyond the absolute norm for one tag (norms::pool_tag_huge_*)
};

// A tag's best Reading, weighed against the others by stage 2 (its score and convincing) and
// put into words by stage 3.
struct Suspect : Reading {
    std::string tag{};
    std::size_t tag_owners = 0;  // its tag's TagOwners, in Assessed::owners
    bool stable = false;      // a large consumer that stayed flat between two snapshots
    bool grew = false;        // grew between two snapshots: proof, not suspicion
    std::string chain{};      // "grew in lockstep with ...": the chain this root heads
    bool leaks_work_items = false;  // its count equals IoWI's (weigh_work_items said so once)
    // Reasons in the order reported: stage 2's proof first (`leads`, each put in front), then
    // stage 1's assessment (`reasons`, in words only once described), then stage 2's remarks
    // (`trailing`); describe_reported() joins them. Each member is initialized here (`{}`),
    // so an initializer may leave it out without a warning.
    std::vector<std::string> leads{};
    std::vector<std::string> reasons{};
    std::vector<std::string> trailing{};
    std::vector<model::Loc> evidence{};
    std::vector<Owner> owners{};
};

struct Exhaustion {
    std::set<PoolKind> pools;
    std::vector<model::Loc> evidence;
};

struct ModuleIndex {
    std::vector<model::Module const*> loaded;
    std::vector<model::Module const*> unloaded;
    // By lower-case name; found by a view of one (std::less<>), not a copy.
    std::map<std::string, std::size_t, std::less<>> unload_count;  // times unloaded
    std::map<std::string, std::vector<model::Loc>, std::less<>> unload_locs;
    std::vector<model::MemoryHit const*> hits;

    explicit ModuleIndex(model::Case const& c) {
        std::size_t rows = 0;
        for (auto const& s : c.snapshots) {
            rows += s.modules.size() + s.unloaded_modules.size();
        }
        // No room made for every row: a transcript of a thousand snapshots lists the same
        // modules in each, and rows-sized lists here were its report's peak memory (issue 14).
        // The same module listed in every snapshot is one module: keep its first row, so
        // matching stays linear in distinct modules however many snapshots there are. A
        // loaded row is kept when its (lowered name, start) is new to a hash set: cheaper than
        // sorting every row by that key to find the first of each (issue 14).
        // The loaded rows kept, as places in by_name, by the start alone (a module's start
        // tells most rows apart): a std::unordered_set made a node per row and hashed every
        // name's bytes, a third of this index's making (issue 14).
        text::PlaceTable seen_loaded(rows);
        std::set<std::pair<std::string, std::uint64_t>> seen_unloaded;
        std::vector<std::string_view> unloaded_lower;
        for (auto const& s : c.snapshots) {
            for (auto const& m : s.modules) {
                m_scratch.assign(m.name);
                std::transform(m_scratch.begin(), m_scratch.end(), m_scratch.begin(), ascii_lower);
                auto const first = seen_loaded.find_or_add(m.start, by_name.size(), [&](std::uint32_t at) {
                    return by_name[at].module->start == m.start && by_name[at].lower == m_scratch;
                }).second;
                if (first) {
                    by_name.push_back({m_lowered.emplace_back(m_scratch), &m, false});
                    loaded.push_back(&m);
                }
            }
            for (auto const& m : s.unloaded_modules) {
                auto const& name = keep_lowered(m.name);
                if (seen_unloaded.insert({name, m.start}).second) {
                    unloaded.push_back(&m);
                    unloaded_lower.push_back(name);
                }
                ++unload_count[name];
                unload_locs[name].push_back(m.loc);
            }
            for (auto const& h : s.memory_hits) {
                hits.push_back(&h);
                note_hit_pairs(h.text);
                note_hit_pairs(std::string_view(h.pattern).substr(0, 2));
            }
        }
        for (std::size_t i = 0; i < unloaded.size(); ++i) {
            by_name.push_back({unloaded_lower[i], unloaded[i], true});
        }
        // Each name chained under the hash slot of its first k_head_chars bytes, in listing
        // order (chained from the last name back): sorting (head, place) numbers cost a
        // tenth of this index (issue 14).
        m_head_slots = text::HashSlots(by_name.size());
        m_first_in_slot.assign(m_head_slots.count(), k_no_name);
        m_next_in_slot.assign(by_name.size(), k_no_name);
        for (auto i = by_name.size(); i-- > 0;) {
            if (by_name[i].lower.size() >= k_head_chars) {
                auto& first = m_first_in_slot[m_head_slots.of(head_of(by_name[i].lower))];
                m_next_in_slot[i] = first;
                first = static_cast<std::uint32_t>(i);
            }
        }
    }
    // The index views its own lower-case names: a copy would view the original's.
    ModuleIndex(ModuleIndex const&) = delete;
    ModuleIndex& operator=(ModuleIndex const&) = delete;

    struct Named {
        std::string_view lower;
        model::Module const* module = nullptr;
        bool unloaded = false;
    };
    // False when no hit can be about `tag` (hit_is_about in pool_tag_suspects.cpp): a hit is
    // about a tag that is its pattern or is found in its text, and either way the tag's first
    // two bytes are a pair met in that hit. Most tags of a case meet none (issue 14).
    bool may_be_about_a_hit(std::string_view tag) const {
        if (tag.size() < 2) {
            return !hits.empty();
        }
        return !m_hit_pairs.empty() && m_hit_pairs[pair_at(tag, 0)];
    }
    // The modules whose name starts with `prefix` (any case), loaded ones first, each in the
    // order listed: what a walk over `loaded` then `unloaded` testing each name would find,
    // found among the names that share the prefix's first bytes (pool tags ask it once per
    // tag, and again for each tag put into words). A shorter prefix walks every name.
    std::vector<Named const*> named_from(std::string_view prefix) const {
        auto const key = lower(prefix);
        std::vector<Named const*> out;
        if (key.size() < k_head_chars) {
            for (auto const& n : by_name) {
                if (n.lower.starts_with(key)) {
                    out.push_back(&n);
                }
            }
            return out;
        }
        // A slot may chain names of another head too: starts_with tells them apart.
        for (auto i = m_first_in_slot[m_head_slots.of(head_of(key))]; i != k_no_name; i = m_next_in_slot[i]) {
            auto const& n = by_name[i];
            if (n.lower.starts_with(key)) {
                out.push_back(&n);
            }
        }
        return out;
    }

private:
    // A row's name in lower case, kept in m_lowered: lowered in place there rather than in a
    // copy that is then moved in (two strings a row, before).
    std::string const& keep_lowered(std::string const& name) {
        auto& out = m_lowered.emplace_back(name);
        std::transform(out.begin(), out.end(), out.begin(), ascii_lower);
        return out;
    }
    static std::size_t pair_at(std::string_view text, std::size_t i) {
        return static_cast<unsigned char>(text[i]) << 8 | static_cast<unsigned char>(text[i + 1]);
    }
    void note_hit_pairs(std::string_view text) {
        if (m_hit_pairs.empty()) {
            m_hit_pairs.resize(1u << 16);  // made for a case with hits only: most have none
        }
        for (std::size_t i = 0; i + 1 < text.size(); ++i) {
            m_hit_pairs[pair_at(text, i)] = true;
        }
    }

    static constexpr std::size_t k_head_chars = k_prefix_min_tag_chars;  // the shortest tag that may prefix a name
    // The first k_head_chars bytes of a name at least that long, as one number.
    static std::uint64_t head_of(std::string_view name) {
        std::uint64_t out = 0;
        for (std::size_t i = 0; i < k_head_chars; ++i) {
            out = out << 8 | static_cast<unsigned char>(name[i]);
        }
        return out;
    }

    // Each kept row's name in lower case, made once; a deque, so the views in by_name stay.
    std::deque<std::string> m_lowered;
    std::string m_scratch;  // a loaded row's name lowered, kept only for a module new to the index
    std::vector<Named> by_name;          // loaded modules, then unloaded ones, each as listed
    static constexpr std::uint32_t k_no_name = UINT32_MAX;
    text::HashSlots m_head_slots{0};              // at least twice the names
    std::vector<std::uint32_t> m_first_in_slot;  // by slot: the first name (in by_name) whose head hashes there
    std::vector<std::uint32_t> m_next_in_slot;   // by name: the next one in its slot's chain
    std::vector<bool> m_hit_pairs;  // byte pairs met in the hits; empty without a hit
};

// The denominator of a tag's share: TOTAL, else the pool in use per !vm, else the rows shown.
struct Denominator {
    double bytes = 0;
    std::string words;       // "of the TOTAL row"
    bool whole_pool = true;  // false: only the rows shown, which may be a cut list
};

// What every row of one table is measured against, worked out once per table.
struct TableTotals {
    Denominator bytes;
    double outstanding = 0;  // sum of the rows' outstanding allocations
    PoolKind pool = PoolKind::nonpaged;  // the pool the table was read for
    bool exhausted = false;  // that pool ran out: asked of the Exhaustion once, not per row
};

// What a row's owner signal and origin ask about its tag alone, asked once per tag while
// assess_tables scores every row, and kept for describe_reported: a tag is listed once per
// snapshot, and each of its rows asked again (issue 14).
class TagOwners {
public:
    TagOwners(std::string const& tag, ModuleIndex const& mods, Options const& options);
    // A row of this tag is core when the tag is or its Binary column names a core binary
    // (core_binary: a non-empty Binary that is_core_binary, asked once a row by the caller).
    bool core(bool core_binary) const { return m_core_tag || core_binary; }
    // The strength of owners_of(tag, row, core(core_binary), ...)'s strongest owner (0 without
    // one), found without the owners: all a row that is only scored needs (a case's tables
    // have some hundred rows, and only those reported are put into words).
    double strongest(model::PoolTag const& row, bool core_binary) const;
    bool core_tag() const { return m_core_tag; }  // is_core_tag(tag)

private:
    bool m_core_tag = false;
    bool m_prefixes = false;  // may name an owner by prefixing its name: long, and not a core tag
    double m_named = 0;       // the strongest owner the --pooltag file or a memory-search hit names
    double m_prefixed = 0;    // the strongest owner whose name the tag prefixes (when m_prefixes)
};

// Stage 1's suspects, scored but not yet in words, the totals of the tables they come from
// and the owners of their tags.
struct Assessed {
    std::vector<Suspect> suspects;
    std::vector<TableTotals> totals;
    std::vector<TagOwners> owners;  // by Suspect::tag_owners
};

// Stage 1, a tag's owners: the modules its row, the --pooltag file, memory-search hits and
// module names it prefixes name, each with its strength, reasons and evidence, strongest first.
std::vector<Owner> owners_of(std::string const& tag, model::PoolTag const& row, bool core, ModuleIndex const& mods,
                             Options const& options);
// Stage 1: the exhausted pools the exhaustion rule found (it runs first).
Exhaustion exhausted_pools(Report const& report);
// True when no suspect scores above one before it and no score is NaN: a stable sort best
// first would leave them as they are (stage 2 often changes no score, or none out of order).
inline bool in_score_order(std::vector<Suspect> const& suspects) {
    return std::adjacent_find(suspects.begin(), suspects.end(), [](Suspect const& a, Suspect const& b) {
               return b.score > a.score || std::isnan(a.score) || std::isnan(b.score);
           }) == suspects.end() &&
           (suspects.empty() || !std::isnan(suspects.front().score));
}
// Stage 1: every tag of every table in the pool that matters, each tag's best reading once,
// scored; its reasons are put into words only if it is reported (describe_reported).
Assessed assess_tables(model::Case const& c, Options const& options, Exhaustion const& ex, ModuleIndex const& mods);
// Stage 3, on suspects sorted best first: the assessment in words (reasons, owners' reasons
// and evidence) of every suspect stage 4 can report (ranked or convincing), joined with
// stage 2's; the rest of a table's hundred rows are never worded (issue 14).
// Their rows are scored again with assess_tables' totals and owners (Assessed).
void describe_reported(std::vector<Suspect>& suspects, std::vector<TableTotals> const& totals,
                       std::vector<TagOwners> const& owners, ModuleIndex const& mods, Options const& options);
// Stage 2, two snapshots of one machine: growth against the peers' drift (weigh_growth);
// a tag whose count equals IoWI's (weigh_work_items); a tag that frees almost nothing
// (weigh_free_ratio); tags at fixed ratios to the best suspect, one chain (weigh_fixed_ratios,
// on suspects sorted best first).
void weigh_growth(std::vector<Suspect>& suspects, pool::PoolSeries const& series);
void weigh_work_items(std::vector<Suspect>& suspects, model::Case const& c);
void weigh_free_ratio(std::vector<Suspect>& suspects, model::Case const& c);
void weigh_fixed_ratios(std::vector<Suspect>& suspects);

} // namespace dbgsift::infer::rules::pooltag
