// SPDX-License-Identifier: MIT
// pool-tag-leak: which !poolused tag holds the pool that matters, and which module owns it.
// Signals: bytes and share of that pool, outstanding allocations (Diff), retention against
// churn, unknown / third-party tags over core OS tags, and owner evidence (Binary:, the
// --pooltag file, a module name the tag prefixes, a memory-search hit inside a module).
#include "rules_list.hpp"
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

// Core Windows tags: a big number there is usually load, not a leak of its own.
bool is_core_tag(std::string_view tag) {
    static constexpr std::array<std::string_view, 30> k_prefixes{
        "CM",   "Mm",   "Ob",   "Se",   "Ps",   "Io",   "Cc",   "Etw",  "Ntf",  "NtF",
        "Ntx",  "FM",   "Fs",   "Ke",   "Ex",   "Wmi",  "ALPC", "Alpc", "Tcp",  "TCP",
        "Vad",  "Lpc",  "Toke", "Thre", "Proc", "Even", "File", "Sect", "Pool", "Irp"};
    static constexpr std::array<std::string_view, 6> k_exact{"Muta", "Sema", "Key", "Devi", "Driv", "Obtb"};
    return std::any_of(k_prefixes.begin(), k_prefixes.end(), [&](auto p) { return tag.starts_with(p); }) ||
           std::find(k_exact.begin(), k_exact.end(), tag) != k_exact.end();
}

bool is_core_binary(std::string_view binary) {
    static constexpr std::array<std::string_view, 36> k_core{
        "ntfs.sys",     "tcpip.sys",   "tcp",         "fltmgr.sys",  "ndis.sys",     "netio.sys",
        "afd.sys",      "acpi.sys",    "volsnap.sys", "dxgkrnl.sys", "win32k.sys",   "win32kbase.sys",
        "win32kfull.sys", "ci.dll",    "classpnp.sys", "storport.sys", "ks.sys",     "http.sys",
        "srv.sys",      "srv2.sys",    "srvnet.sys",  "mrxsmb.sys",  "rdbss.sys",    "cng.sys",
        "ksecdd.sys",   "fvevol.sys",  "partmgr.sys", "volmgr.sys",  "disk.sys",     "rdyboost.sys",
        "wof.sys",      "mup.sys",     "tdx.sys",     "pci.sys",     "hal.dll",      "clfs.sys"};
    auto const b = lower(binary);
    return b.starts_with("nt!") || b.starts_with("hal") || b.starts_with("nt ") ||
           std::find(k_core.begin(), k_core.end(), b) != k_core.end();
}

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

model::PoolColumns const& columns(model::PoolTag const& t, PoolKind p) {
    return p == PoolKind::nonpaged ? t.nonpaged : t.paged;
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

// Allocations still outstanding: Diff, or Allocs in the short layout (which counts live ones).
std::optional<std::uint64_t> outstanding(model::PoolUsedTable const& t, model::PoolColumns const& c) {
    if (c.diff) {
        return c.diff;
    }
    if (!t.has_frees) {
        return c.allocs;
    }
    return std::nullopt;
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
        out.push_back({row.binary, 0.6, "the debugger's pooltag.txt names " + row.binary + " as its owner",
                       {row.loc}});
    }
    if (options.pooltags != nullptr) {
        if (auto const* e = options.pooltags->find(tag); e != nullptr && !is_core_binary(e->binary) &&
                                                          e->binary != "<unknown>" && !e->binary.empty()) {
            out.push_back({e->binary, 0.7,
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
                o.strength = 0.9;
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
    if (!core && tag.size() >= 3) {
        std::set<std::string> seen;
        auto consider = [&](model::Module const& m, bool unloaded) {
            if (!starts_with_nocase(m.name, tag) || !seen.insert(lower(m.name)).second) {
                return;
            }
            Owner o{m.name, unloaded ? 0.6 : 0.5, "its name prefixes " + m.name, {m.loc}};
            auto const it = mods.unload_count.find(lower(m.name));
            if (it != mods.unload_count.end()) {
                auto const times = it->second;
                o.reason += times == 1 ? ", which was unloaded once"
                                       : ", which was unloaded " + std::to_string(times) + " times";
                if (times >= 2) {
                    o.strength = 0.9;
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
        auto const* c = s.vm->find(p == PoolKind::nonpaged ? "NonPagedPool Usage" : "PagedPool Usage");
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
        live ? std::clamp(std::log10(static_cast<double>(*live) + 1.0) / 6.0, 0.0, 1.0) : 0.0;
    bool const abnormal_diff = c.diff && *c.diff >= 50000;

    // Retention against churn, when Frees are printed.
    double retention_signal = 0;
    bool retention = false;
    if (c.allocs && c.diff && *c.allocs > 0) {
        double const kept = static_cast<double>(*c.diff) / static_cast<double>(*c.allocs);
        if (kept >= 0.25 && *c.diff >= 1000) {
            retention = true;
            retention_signal = std::min(1.0, kept);
            sentence += "; keeps " + percent(kept) + " of its " + grouped(*c.allocs) + " allocations (retention)";
        } else if (*c.allocs >= 1000000 && kept < 0.01) {
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
    double origin = 0.85;
    if (row.unknown) {
        origin = 1.0;
        k.reasons.push_back("unknown to the debugger's pooltag.txt");
    } else if (k.core) {
        origin = 0.45;
        k.reasons.push_back(row.binary.empty() ? "a core Windows tag, usually load rather than a leak of its own"
                                               : "a core Windows tag (Binary: " + row.binary +
                                                     "), usually load rather than a leak of its own");
    } else if (!row.binary.empty()) {
        origin = 0.9;
    } else if (!row.description.empty()) {
        origin = 0.8;
    } else {
        k.reasons.push_back("printed without a description");
    }

    k.owners = owners_of(row.tag, row, k.core, mods, options);
    double owner_signal = 0;
    for (auto const& o : k.owners) {
        owner_signal = std::max(owner_signal, o.strength);
        k.reasons.push_back(o.reason);
    }

    k.score = std::clamp(origin * (0.5 * magnitude + 0.2 * outstanding_signal + 0.1 * retention_signal +
                                   0.2 * owner_signal),
                         0.0, 1.0);

    // A convincing suspect: a big share of an exhausted pool, an abnormal Diff or retention,
    // or an owner caught red-handed while its pool ran out.
    if (!k.core) {
        k.convincing = (exhausted && share >= 0.3) || (share_of_pool && share >= 0.5) || abnormal_diff || (retention && c.diff && *c.diff >= 10000) ||
                       (exhausted && owner_signal >= 0.8 && share >= 0.05);
    }
    if (k.convincing && exhausted) {
        k.reasons.push_back(std::string("the ") + pool_words(p) + " is exhausted");
    }
    return k;
}

std::string poolfind(Suspect const& k) {
    return "!poolfind " + k.tag + (k.pool == PoolKind::nonpaged ? " 0" : " 1");
}

void note_growth(std::vector<Suspect>& suspects, model::Case const& c, Exhaustion const& ex, bool& trend) {
    // Two or more moments of the same pool: growth per tag turns a guess into evidence.
    std::map<std::string, std::vector<std::pair<std::uint64_t, model::Loc>>> series;
    std::set<std::uint32_t> moments;
    // Only moments of the machine the latest table comes from.
    model::Snapshot const* latest = nullptr;
    for (auto const& s : c.snapshots) {
        latest = s.pool.empty() ? latest : &s;
    }
    for (auto const& s : c.snapshots) {
        if (latest == nullptr || !same_machine(s, *latest)) {
            continue;
        }
        for (auto const& t : s.pool) {
            auto const p = pool_for(t, ex);
            for (auto const& row : t.tags) {
                if (auto const used = columns(row, p).used) {
                    series[row.tag + (p == PoolKind::nonpaged ? "/np" : "/p")].push_back({*used, row.loc});
                    moments.insert(s.ordinal);
                }
            }
        }
    }
    trend = moments.size() >= 2;
    for (auto& k : suspects) {
        auto const it = series.find(k.tag + (k.pool == PoolKind::nonpaged ? "/np" : "/p"));
        if (it == series.end() || it->second.size() < 2) {
            continue;
        }
        auto const first = it->second.front().first;
        auto const last = it->second.back().first;
        if (last > first) {
            k.reasons.push_back("grew from " + format::bytes_cited(first) + " to " + format::bytes_cited(last) +
                                " between snapshots");
            k.score = std::min(1.0, k.score + 0.15);
            k.evidence.push_back(it->second.front().second);
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
    bool trend = false;
    note_growth(suspects, c, ex, trend);
    std::stable_sort(suspects.begin(), suspects.end(),
                     [](Suspect const& a, Suspect const& b) { return a.score > b.score; });

    // Rankings: the tags the input implicates, and the modules that own the suspects.
    std::vector<Culprit> tag_culprits;
    std::vector<Culprit> module_culprits;
    for (std::size_t i = 0; i < suspects.size(); ++i) {
        auto const& k = suspects[i];
        if (i >= 5 && k.score < 0.3) {  // the input implicates a few tags, not the whole table
            break;
        }
        Culprit t{CulpritKind::pooltag, k.tag, k.score, k.reasons, k.evidence};
        for (auto const& o : k.owners) {
            t.evidence.insert(t.evidence.end(), o.evidence.begin(), o.evidence.end());
        }
        tag_culprits.push_back(std::move(t));
        bool const suspect = k.convincing || (i < 3 && k.score >= 0.25);
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
        if (times < 3) {
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
    f.severity = exhausted ? (top.score >= 0.6 ? Severity::high : Severity::medium) : Severity::medium;
    f.summary = "Pool tag " + top.tag + " is the likely leak in " + pool_words(top.pool) + ": " + top.reasons.front();
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
    if (top.owners.empty() || top.owners.front().strength < 0.8) {
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
