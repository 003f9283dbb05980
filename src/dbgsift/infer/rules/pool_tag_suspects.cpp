// SPDX-License-Identifier: MIT
// pool-tag-leak, stage 1: each row of each !poolused table read as a suspect: its share of the
// pool that matters, outstanding allocations, retention, origin and owner evidence.
#include "pool_tag_stages.hpp"

namespace dbgsift::infer::rules::pooltag {
namespace {

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

// The pieces of owner evidence, each asked by owners_of and by TagOwners.
bool binary_is_core(model::PoolTag const& row) {
    return !row.binary.empty() && is_core_binary(row.binary);
}

// core_binary: binary_is_core(row), when the caller asked it already.
bool binary_names_owner(model::PoolTag const& row, bool core_binary) {
    return !row.binary.empty() && !core_binary;
}

bool binary_names_owner(model::PoolTag const& row) {
    return binary_names_owner(row, binary_is_core(row));
}

PoolTagEntry const* pooltag_file_owner(std::string const& tag, Options const& options) {
    if (options.pooltags == nullptr) {
        return nullptr;
    }
    auto const* e = options.pooltags->find(tag);
    bool const names_owner = e != nullptr && !is_core_binary(e->binary) && e->binary != "<unknown>" && !e->binary.empty();
    return names_owner ? e : nullptr;
}

bool hit_is_about(model::MemoryHit const& h, std::string const& tag) {
    return h.pattern == tag || h.text.find(tag) != std::string::npos;
}

// Short or core tags would prefix too much ("CM" -> cmimcext): they name no owner that way.
bool prefix_may_name_owner(std::string const& tag, bool core) {
    return !core && tag.size() >= k_prefix_min_tag_chars;
}

double prefix_strength(bool unloaded, std::size_t times_unloaded) {
    if (times_unloaded >= 2) {
        return k_owner_search_hit;  // unloaded again and again: as sure as a hit
    }
    return unloaded ? k_owner_prefix_unloaded : k_owner_prefix_loaded;
}

std::size_t times_unloaded(ModuleIndex const& mods, std::string_view lower_name) {
    auto const it = mods.unload_count.find(lower_name);
    return it == mods.unload_count.end() ? 0 : it->second;
}

} // namespace

std::vector<Owner> owners_of(std::string const& tag, model::PoolTag const& row, bool core,
                             ModuleIndex const& mods, Options const& options) {
    std::vector<Owner> out;
    if (binary_names_owner(row)) {
        out.push_back({row.binary, k_owner_pooltag_txt, "the debugger's pooltag.txt names " + row.binary + " as its owner",
                       {row.loc}});
    }
    if (auto const* e = pooltag_file_owner(tag, options); e != nullptr) {
        out.push_back({e->binary, k_owner_pooltag_file,
                       "the --pooltag file names " + e->binary + " (its line " + std::to_string(e->line) + ")", {}});
    }
    // A memory-search hit for the tag inside a loaded module's image.
    std::map<std::string, std::pair<Owner, std::size_t>> by_hit;  // module -> owner, hit count
    for (auto const* h : mods.hits) {
        if (!hit_is_about(*h, tag)) {
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
                   (hits == 1 ? " address" : " addresses") + " inside " + name + " (" + "its image spans the hit)";
        out.push_back(std::move(o));
    }
    // A tag that begins a module's name (MyAV -> MyAVDrv.sys).
    if (prefix_may_name_owner(tag, core)) {
        std::set<std::string> seen;
        for (auto const* named : mods.named_from(tag)) {
            auto const& m = *named->module;
            if (!seen.insert(lower(m.name)).second) {
                continue;
            }
            auto const times = times_unloaded(mods, lower(m.name));
            Owner o{m.name, prefix_strength(named->unloaded, times), "its name prefixes " + m.name, {m.loc}};
            if (times > 0) {
                o.reason += times == 1 ? ", which was unloaded once"
                                       : ", which was unloaded " + std::to_string(times) + " times";
                auto const& locs = mods.unload_locs.at(lower(m.name));
                o.evidence.insert(o.evidence.end(), locs.begin(), locs.end());
            }
            out.push_back(std::move(o));
        }
    }
    std::stable_sort(out.begin(), out.end(), [](Owner const& a, Owner const& b) { return a.strength > b.strength; });
    return out;
}

namespace {

// The pieces of TagOwners: what the --pooltag file and memory-search hits name, and the
// modules whose name the tag prefixes.
double owner_named_by_tag(std::string const& tag, ModuleIndex const& mods, Options const& options) {
    double best = pooltag_file_owner(tag, options) != nullptr ? k_owner_pooltag_file : 0.0;
    for (auto const* h : mods.hits) {
        if (best < k_owner_search_hit && mods.may_be_about_a_hit(tag) && hit_is_about(*h, tag) &&
            std::any_of(mods.loaded.begin(), mods.loaded.end(),
                        [h](auto const* m) { return h->address >= m->start && h->address < m->end; })) {
            best = k_owner_search_hit;
        }
    }
    return best;
}

double owner_prefixed_by_tag(std::string const& tag, ModuleIndex const& mods) {
    double best = 0;
    std::vector<std::string_view> seen;  // a tag prefixes a few names at most
    for (auto const* named : mods.named_from(tag)) {
        if (std::find(seen.begin(), seen.end(), named->lower) != seen.end()) {
            continue;
        }
        seen.push_back(named->lower);
        best = std::max(best, prefix_strength(named->unloaded, times_unloaded(mods, named->lower)));
    }
    return best;
}

} // namespace

// Every piece is one of a few constants and the strongest is their maximum, so the pieces may
// be asked in any order and the tag's own asked once for all its rows.
TagOwners::TagOwners(std::string const& tag, ModuleIndex const& mods, Options const& options)
    : m_core_tag(is_core_tag(tag)),
      // A core tag's rows are all core (core()): none asks for the modules the tag prefixes.
      m_prefixes(prefix_may_name_owner(tag, m_core_tag)),
      m_named(owner_named_by_tag(tag, mods, options)),
      m_prefixed(m_prefixes ? owner_prefixed_by_tag(tag, mods) : 0.0) {}

double TagOwners::strongest(model::PoolTag const& row, bool core_binary) const {
    double const best = std::max(binary_names_owner(row, core_binary) ? k_owner_pooltag_txt : 0.0, m_named);
    return m_prefixes && !core(core_binary) ? std::max(best, m_prefixed) : best;
}

namespace {

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

TableTotals totals_of(model::Snapshot const& s, model::PoolUsedTable const& t, PoolKind p, Exhaustion const& ex) {
    TableTotals out{denominator(s, t, p), 0, p, ex.pools.count(p) != 0};
    for (auto const& other : t.tags) {
        out.outstanding += static_cast<double>(outstanding(t, columns(other, p)).value_or(0));
    }
    return out;
}

// A row's numbers against its table: what its score weighs and its words cite.
struct Measures {
    model::PoolColumns const& c;
    std::optional<std::uint64_t> live{};  // outstanding allocations
    // Share of the pool in bytes, or of the outstanding allocations when the layout has no
    // Used column (the Ddk case).
    double share = 0;
    bool share_of_pool = false;   // of the whole pool, not only of the rows shown
    std::optional<double> kept{};  // Diff / Allocs, when Frees are printed
    bool retention = false;       // keeps enough of enough allocations
    bool abnormal_diff = false;
    bool exhausted = false;       // its pool ran out
};

Measures measure(model::PoolUsedTable const& t, TableTotals const& totals, model::PoolTag const& row) {
    auto const p = totals.pool;
    Measures m{columns(row, p)};
    auto const& c = m.c;
    m.live = outstanding(t, c);
    if (c.used) {
        auto const& d = totals.bytes;
        m.share = d.bytes > 0 ? std::min(1.0, static_cast<double>(*c.used) / d.bytes) : 0;
        m.share_of_pool = d.whole_pool;
    } else if (m.live) {
        double const sum = totals.outstanding;
        m.share = sum > 0 ? static_cast<double>(*m.live) / sum : 0;
    }
    m.abnormal_diff = c.diff && *c.diff >= k_abnormal_diff_allocs;
    if (c.allocs && c.diff && *c.allocs > 0) {
        m.kept = static_cast<double>(*c.diff) / static_cast<double>(*c.allocs);
        m.retention = *m.kept >= k_retention_min_kept && *c.diff >= k_retention_min_diff;
    }
    m.exhausted = totals.exhausted;
    return m;
}

// Where a tag comes from, as its row tells: unknown and third-party tags weigh more than
// core OS tags (load, not a leak).
enum class Origin { unknown, core, binary, described, plain };

Origin origin_of(model::PoolTag const& row, bool core) {
    if (row.unknown) {
        return Origin::unknown;
    }
    if (core) {
        return Origin::core;
    }
    if (!row.binary.empty()) {
        return Origin::binary;
    }
    return row.description.empty() ? Origin::plain : Origin::described;
}

double origin_weight(Origin o) {
    switch (o) {
    case Origin::unknown: return k_origin_unknown;
    case Origin::core: return k_origin_core;
    case Origin::binary: return k_origin_binary;
    case Origin::described: return k_origin_described;
    case Origin::plain: break;
    }
    return k_origin_plain;
}

double huge_bytes_in(PoolKind p) {
    return p == PoolKind::nonpaged ? norms::pool_tag_huge_nonpaged_bytes.value : norms::pool_tag_huge_paged_bytes.value;
}

// Stage 1's scoring of one row of table t, whose totals are totals[at]; every row of a case's
// tables is scored, and only the few reported are put into words (words_for; issue 14).
Reading score_row(model::PoolTag const& row, model::PoolUsedTable const& t, std::vector<TableTotals> const& totals,
                  std::size_t at, TagOwners const& owners) {
    auto const m = measure(t, totals[at], row);
    auto const& c = m.c;
    Reading r{.row = &row, .table = &t, .totals = at, .pool = totals[at].pool};
    bool const core_binary = binary_is_core(row);  // asked once a row
    r.core = owners.core(core_binary);
    double const magnitude = std::sqrt(m.share);
    double const outstanding_signal =
        m.live ? std::clamp(std::log10(static_cast<double>(*m.live) + 1.0) / k_outstanding_full_log10, 0.0, 1.0) : 0.0;
    double const retention_signal = m.retention ? std::min(1.0, *m.kept) : 0.0;
    double const owner_signal = owners.strongest(row, core_binary);
    r.score = std::clamp(origin_weight(origin_of(row, r.core)) *
                             (k_weight_magnitude * magnitude + k_weight_outstanding * outstanding_signal +
                              k_weight_retention * retention_signal + k_weight_owner * owner_signal),
                         0.0, 1.0);

    // A convincing suspect: a big share of an exhausted pool, an abnormal Diff or retention,
    // or an owner caught red-handed while its pool ran out.
    if (!r.core) {
        bool const big_in_exhausted = m.exhausted && m.share >= k_share_of_exhausted_pool;
        bool const big_in_pool = m.share_of_pool && m.share >= k_share_of_whole_pool;
        bool const retains = m.retention && *c.diff >= k_retention_convincing_diff;
        bool const caught = m.exhausted && owner_signal >= k_owner_caught && m.share >= k_share_with_owner_caught;
        r.convincing = big_in_exhausted || big_in_pool || m.abnormal_diff || retains || caught;
    }
    // Absolute magnitude: one driver's or unknown tag holding this much needs no share to judge.
    r.huge = !r.core && ((c.used && static_cast<double>(*c.used) >= huge_bytes_in(r.pool)) ||
                         (m.live && static_cast<double>(*m.live) >= norms::pool_tag_huge_outstanding.value));
    if (r.huge) {
        r.convincing = true;
        r.score = std::max(r.score, k_huge_tag_min_score);
    }
    return r;
}

// A row's assessment in words: its reasons, and its owners (strongest first).
struct Words {
    std::vector<std::string> reasons;
    std::vector<Owner> owners;
};

// The words for a row as score_row read it: `scored` must come from score_row, not be a
// Suspect that stage 2 has weighed since (its convincing may have changed).
Words words_for(Reading const& scored, std::vector<TableTotals> const& totals, ModuleIndex const& mods,
                Options const& options) {
    auto const& row = *scored.row;
    auto const p = scored.pool;
    auto const& d = totals[scored.totals].bytes;
    auto const m = measure(*scored.table, totals[scored.totals], row);
    auto const& c = m.c;
    Words out;

    std::string sentence;
    if (c.used) {
        sentence = format::bytes_cited(*c.used) + " of " + pool_words(p) + " (" + percent(m.share) + " " + d.words + ")";
    } else if (m.live) {
        sentence = percent(m.share) + " of the outstanding " + pool_words(p) + " allocations listed (no Used column)";
    }
    if (m.live) {
        sentence += (sentence.empty() ? "" : ", ") + grouped(*m.live) +
                    (*m.live == 1 ? " allocation outstanding" : " allocations outstanding");
    }
    // Retention against churn, when Frees are printed.
    if (m.retention) {
        sentence += "; keeps " + percent(*m.kept) + " of its " + grouped(*c.allocs) + " allocations (retention)";
    } else if (m.kept && *c.allocs >= k_churn_min_allocs && *m.kept < k_churn_max_kept) {
        sentence += "; " + grouped(c.frees.value_or(0)) + " of " + grouped(*c.allocs) +
                    " allocations freed again (churn, not retention)";
    } else if (m.kept && m.abnormal_diff) {
        sentence += "; " + grouped(*c.allocs) + " allocations against " + grouped(c.frees.value_or(0)) +
                    " frees leaves an abnormal difference";
    }
    out.reasons.push_back(sentence);

    switch (origin_of(row, scored.core)) {
    case Origin::unknown: out.reasons.push_back("unknown to the debugger's pooltag.txt"); break;
    case Origin::core:
        out.reasons.push_back(row.binary.empty() ? "a core Windows tag, usually load rather than a leak of its own"
                                                 : "a core Windows tag (Binary: " + row.binary +
                                                       "), usually load rather than a leak of its own");
        break;
    case Origin::plain: out.reasons.push_back("printed without a description"); break;
    case Origin::binary:
    case Origin::described: break;
    }

    out.owners = owners_of(row.tag, row, scored.core, mods, options);
    for (auto const& o : out.owners) {
        out.reasons.push_back(o.reason);
    }
    if (scored.huge) {
        out.reasons.push_back("more " + std::string(pool_words(p)) + " than one driver's tag normally holds (" +
                              grouped(static_cast<std::uint64_t>(huge_bytes_in(p))) + " bytes or " +
                              grouped(static_cast<std::uint64_t>(norms::pool_tag_huge_outstanding.value)) +
                              " outstanding allocations)");
    }
    if (scored.convincing && m.exhausted) {
        out.reasons.push_back(std::string("the ") + pool_words(p) + " is exhausted");
    }
    return out;
}

} // namespace

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

namespace {

// A tag's Suspect, made once its best row is known: a Suspect (strings and vectors) per row,
// moved along as better rows came, cost more than the scoring itself (issue 14). Made in
// place: a Suspect moved into the list, then destroyed, cost a third of making it.
void add_suspect(std::vector<Suspect>& suspects, Reading const& best, std::size_t tag_owners) {
    auto& k = suspects.emplace_back();
    static_cast<Reading&>(k) = best;
    k.tag_owners = tag_owners;
    k.tag = best.row->tag;
    k.evidence.push_back(best.row->loc);  // the best row's alone: the others' would be dropped
}

} // namespace

Assessed assess_tables(model::Case const& c, Options const& options, Exhaustion const& ex, ModuleIndex const& mods) {
    // The row with the best score stands for its tag; it alone is put into words, if reported.
    // Each tag's place among the best rows, by a hash of a view of the case's own tag: a map
    // of tag strings, in tag order, spent most of this stage comparing them (issue 14). The
    // suspects are made in tag order once, at the end.
    Assessed out;
    std::size_t rows = 0;
    std::size_t tables = 0;
    for (auto const& s : c.snapshots) {
        tables += s.pool.size();
        for (auto const& t : s.pool) {
            rows += t.tags.size();
        }
    }
    out.totals.reserve(tables);
    std::vector<Reading> best;
    best.reserve(rows);
    // Not reserved by `rows`, as `best` is: a case of a thousand snapshots repeats its few
    // hundred tags in each, and room for every row raised the peak of a 1 GiB transcript.
    std::vector<TagOwners> owners;  // by place, as `best`: what a tag's rows share
    // Each tag's place in an open-addressed table of places in `by_tag`: an unordered_map
    // made a node per tag (issue 14).
    std::vector<std::pair<std::string_view, std::size_t>> by_tag;  // (tag, place), by place
    text::PlaceTable place(rows);
    for (auto const& s : c.snapshots) {
        for (auto const& t : s.pool) {
            auto const p = pool_for(t, ex);
            if (!table_has(t, p)) {
                continue;
            }
            out.totals.push_back(totals_of(s, t, p, ex));
            for (auto const& row : t.tags) {
                std::string_view const tag = row.tag;
                auto const [at, added] = place.find_or_add(text::quick_hash(tag), best.size(),
                                                           [&](std::uint32_t i) { return by_tag[i].first == tag; });
                if (added) {
                    by_tag.emplace_back(tag, at);
                    owners.emplace_back(row.tag, mods, options);
                }
                auto const r = score_row(row, t, out.totals, out.totals.size() - 1, owners[at]);
                if (added) {
                    best.push_back(r);
                } else if (r.score > best[at].score) {
                    best[at] = r;
                }
            }
        }
    }
    // Sorted as (tag, place) pairs, then each suspect made once in that order.
    std::sort(by_tag.begin(), by_tag.end());
    out.suspects.reserve(by_tag.size());
    for (auto const& [tag, i] : by_tag) {
        add_suspect(out.suspects, best[i], i);
    }
    out.owners = std::move(owners);
    return out;
}

void describe_reported(std::vector<Suspect>& suspects, std::vector<TableTotals> const& totals,
                       std::vector<TagOwners> const& owners, ModuleIndex const& mods, Options const& options) {
    for (std::size_t i = 0; i < suspects.size(); ++i) {
        auto& k = suspects[i];
        bool const ranked = i < k_ranked_always || k.score >= k_ranked_min_score;  // as rank_suspects ranks
        if (ranked || k.convincing) {
            // Its row scored again: stage 2 may have changed the suspect's score and convincing.
            auto const scored = score_row(*k.row, *k.table, totals, k.totals, owners[k.tag_owners]);
            auto words = words_for(scored, totals, mods, options);
            k.reasons = std::move(words.reasons);
            k.owners = std::move(words.owners);
        }
        k.reasons.insert(k.reasons.begin(), std::make_move_iterator(k.leads.begin()),
                         std::make_move_iterator(k.leads.end()));
        k.reasons.insert(k.reasons.end(), std::make_move_iterator(k.trailing.begin()),
                         std::make_move_iterator(k.trailing.end()));
        k.leads.clear();
        k.trailing.clear();
    }
}

} // namespace dbgsift::infer::rules::pooltag
