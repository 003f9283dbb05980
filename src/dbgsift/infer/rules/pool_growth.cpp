// SPDX-License-Identifier: MIT
#include "pool_growth.hpp"
#include "../machine.hpp"
#include "../text.hpp"
#include "../../text/quick_hash.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>
#include <unordered_map>

namespace dbgsift::infer::rules::pool {

using model::PoolKind;

namespace {

// Which core tag names begin with each byte (bit i: k_core_tag_names[i]). Every row of every
// table asks, and a tag is then compared with the few names (four at most) that share its
// first byte rather than with all of them (issue 14).
constexpr std::array<std::uint64_t, 256> k_core_tags_by_first_byte = [] {
    static_assert(k_core_tag_names.size() <= 64);
    std::array<std::uint64_t, 256> out{};
    for (std::size_t i = 0; i < k_core_tag_names.size(); ++i) {
        out[static_cast<unsigned char>(k_core_tag_names[i].name.front())] |= std::uint64_t{1} << i;
    }
    return out;
}();

} // namespace

bool is_core_tag(std::string_view tag) {
    if (tag.empty()) {
        return false;
    }
    for (auto names = k_core_tags_by_first_byte[static_cast<unsigned char>(tag.front())]; names != 0;
         names &= names - 1) {
        auto const& core = k_core_tag_names[static_cast<std::size_t>(std::countr_zero(names))];
        if (core.prefix ? tag.starts_with(core.name) : tag == core.name) {
            return true;
        }
    }
    return false;
}

// Compared without regard to case in place: a lowered copy of every row's binary cost more
// than the compares (issue 14).
bool is_core_binary(std::string_view binary) {
    static constexpr std::array<std::string_view, 36> k_core{
        "ntfs.sys",     "tcpip.sys",   "tcp",         "fltmgr.sys",  "ndis.sys",     "netio.sys",
        "afd.sys",      "acpi.sys",    "volsnap.sys", "dxgkrnl.sys", "win32k.sys",   "win32kbase.sys",
        "win32kfull.sys", "ci.dll",    "classpnp.sys", "storport.sys", "ks.sys",     "http.sys",
        "srv.sys",      "srv2.sys",    "srvnet.sys",  "mrxsmb.sys",  "rdbss.sys",    "cng.sys",
        "ksecdd.sys",   "fvevol.sys",  "partmgr.sys", "volmgr.sys",  "disk.sys",     "rdyboost.sys",
        "wof.sys",      "mup.sys",     "tdx.sys",     "pci.sys",     "hal.dll",      "clfs.sys"};
    return starts_with_ignoring_case(binary, "nt!") || starts_with_ignoring_case(binary, "hal") ||
           starts_with_ignoring_case(binary, "nt ") ||
           equals_any_ignoring_case(binary, k_core);
}

namespace {

bool table_has(model::PoolUsedTable const& t, PoolKind p) {
    return p == PoolKind::nonpaged ? t.has_nonpaged : t.has_paged;
}

double as_double(std::uint64_t v) { return static_cast<double>(v); }

std::string factor_text(double f) {
    char buf[32];
    std::snprintf(buf, sizeof buf, f >= 10 ? "x%.0f" : "x%.1f", f);
    return buf;
}

std::string signed_grouped(double v) {
    std::string text = v < 0 ? "-" : "";
    return text += grouped(static_cast<std::uint64_t>(std::llround(std::fabs(v))));
}

// The pool a table of `s` shows, in both snapshots.
struct Reading {
    model::Snapshot const* snapshot = nullptr;
    model::PoolUsedTable const* table = nullptr;
};

} // namespace

namespace {

// The table of `s` that speaks about pool `p`: the one sorted by it, else the first showing it.
model::PoolUsedTable const* table_for(model::Snapshot const& s, PoolKind p) {
    model::PoolUsedTable const* shown = nullptr;
    for (auto const& t : s.pool) {
        auto sorted = t.sorted_pool == PoolKind::session ? std::optional{PoolKind::paged} : t.sorted_pool;
        if (table_has(t, p) && sorted == p) {
            return &t;
        }
        shown = shown == nullptr && table_has(t, p) ? &t : shown;
    }
    return shown;
}

} // namespace

PoolSeries pool_series(model::Case const& c) {
    PoolSeries out;
    model::Snapshot const* latest = nullptr;
    for (auto const& s : c.snapshots) {
        latest = s.pool.empty() ? latest : &s;
    }
    if (latest == nullptr) {
        return out;
    }
    for (auto const p : {PoolKind::nonpaged, PoolKind::paged}) {
        add_pool(out, c, *latest, p);
    }
    return out;
}

void add_pool(PoolSeries& out, model::Case const& c, model::Snapshot const& latest, PoolKind p) {
    Reading first, last;
    std::uint32_t moments = 0;  // snapshots of this machine with a pool table, in reading order
    std::uint32_t first_at = 0, last_at = 0;
    for (auto const& s : c.snapshots) {
        if (s.pool.empty() || !same_machine(s, latest)) {
            continue;
        }
        ++moments;
        auto const* t = table_for(s, p);
        if (t == nullptr) {
            continue;
        }
        if (first.table == nullptr || s.ordinal < first.snapshot->ordinal) {
            first = {&s, t};
            first_at = moments;
        }
        if (last.table == nullptr || s.ordinal >= last.snapshot->ordinal) {
            last = {&s, t};
            last_at = moments;
        }
    }
    if (first.table == nullptr || first.snapshot == last.snapshot) {
        return;
    }
    out.trend = true;
    out.first_moment = first_at;
    out.last_moment = last_at;
    out.first_time = first.snapshot->time;
    out.last_time = last.snapshot->time;
    if (first.snapshot->seconds && last.snapshot->seconds && *last.snapshot->seconds > *first.snapshot->seconds) {
        out.hours = (*last.snapshot->seconds - *first.snapshot->seconds) / 3600.0;
    }
    std::size_t const begin = out.tags.size();

    // Each tag's first row in the earlier table, by a view of its tag: only looked up, so a
    // hash of views rather than a tree of copied tags (issue 14).
    std::unordered_map<std::string_view, model::PoolTag const*, text::QuickHash> before;
    before.reserve(first.table->tags.size());
    for (auto const& row : first.table->tags) {
        before.emplace(row.tag, &row);
    }
    for (auto const& row : last.table->tags) {
        auto const it = before.find(row.tag);
        if (it == before.end()) {
            continue;
        }
        TagGrowth g;
        g.tag = row.tag;
        g.pool = p;
        g.before = it->second;
        g.after = &row;
        auto const& a = columns(*g.before, p);
        auto const& b = columns(row, p);
        if (a.used && b.used) {
            g.bytes = Change{as_double(*a.used), as_double(*b.used)};
        }
        auto const ca = outstanding(*first.table, a);
        auto const cb = outstanding(*last.table, b);
        if (ca && cb) {
            g.count = Change{as_double(*ca), as_double(*cb)};
        }
        if (first.table->has_frees && last.table->has_frees && a.allocs && b.allocs) {
            g.allocs = Change{as_double(*a.allocs), as_double(*b.allocs)};
        }
        // A row with nothing in this pool in either snapshot is not a peer here.
        if ((g.bytes && (g.bytes->before > 0 || g.bytes->after > 0)) ||
            (!g.bytes && g.count && (g.count->before > 0 || g.count->after > 0))) {
            out.tags.push_back(std::move(g));
        }
    }
    // Each measure is judged against the same measure of the other tags.
    auto judge = [&](auto member, auto verdict, double min_abs) {
        std::vector<Change> changes;
        std::vector<std::size_t> index;
        for (std::size_t i = begin; i < out.tags.size(); ++i) {
            if (auto const& ch = out.tags[i].*member) {
                changes.push_back(*ch);
                index.push_back(i);
            }
        }
        auto const verdicts = judge_growth(changes, min_abs);
        for (std::size_t k = 0; k < index.size(); ++k) {
            out.tags[index[k]].*verdict = verdicts[k];
        }
    };
    judge(&TagGrowth::bytes, &TagGrowth::bytes_verdict, norms::pool_growth_min_bytes.value);
    judge(&TagGrowth::count, &TagGrowth::count_verdict, norms::pool_growth_min_allocs.value);
    for (std::size_t i = begin; i < out.tags.size(); ++i) {
        auto& g = out.tags[i];
        // Bytes decide when printed; a count alone only where no Used column exists.
        g.grew = g.bytes ? g.bytes_verdict.grew : g.count_verdict.grew;
        g.stable = g.bytes ? g.bytes_verdict.stable : g.count_verdict.stable;
    }
}

std::string growth_words(TagGrowth const& g, PoolSeries const& s) {
    std::string out = "grew";
    std::string const between = " between snapshot " + std::to_string(s.first_moment) + " (line " +
                                std::to_string(g.before->loc.line) + ") and snapshot " +
                                std::to_string(s.last_moment) + " (line " + std::to_string(g.after->loc.line) + ")";
    if (g.bytes) {
        auto const& v = g.bytes_verdict;
        out += " by " + signed_grouped(v.delta) + " bytes (" + grouped(static_cast<std::uint64_t>(g.bytes->before)) +
               " -> " + grouped(static_cast<std::uint64_t>(g.bytes->after)) + ", " + factor_text(v.factor) + ")";
    }
    if (g.count) {
        out += std::string(g.bytes ? " and" : " by") + " " + signed_grouped(g.count_verdict.delta) +
               " outstanding allocations";
        if (!g.bytes) {
            out += " (" + grouped(static_cast<std::uint64_t>(g.count->before)) + " -> " +
                   grouped(static_cast<std::uint64_t>(g.count->after)) + ", " +
                   factor_text(g.count_verdict.factor) + ")";
        }
    }
    out += between;
    auto const& v = g.bytes ? g.bytes_verdict : g.count_verdict;
    if (v.z > 0) {
        char buf[96];
        std::snprintf(buf, sizeof buf, ", %.0f robust deviations above the drift of the other tags", v.z);
        out += buf;
    }
    if (s.hours && *s.hours > 0) {
        out += " (" + signed_grouped(v.delta / *s.hours) + (g.bytes ? " bytes" : " allocations") + " per hour)";
    }
    return out;
}

std::string churn_words(TagGrowth const& g) {
    if (!g.allocs || !g.count) {
        return {};
    }
    double const d_allocs = g.allocs->after - g.allocs->before;
    double const d_diff = g.count->after - g.count->before;
    if (d_allocs <= 0 || d_diff <= 0) {
        return {};
    }
    std::string const numbers = "Allocs rose by " + signed_grouped(d_allocs) + " and Diff by " + signed_grouped(d_diff);
    if (d_diff >= norms::leak_like_diff_share.value * d_allocs) {
        return numbers + " in the window: it freed almost nothing it allocated (leak-like)";
    }
    if (d_allocs >= norms::churn_allocs_per_diff.value * d_diff) {
        return numbers + " in the window: mostly churn, a slow residue stays";
    }
    return numbers + " in the window";
}

std::vector<Chain> lockstep_chains(PoolSeries const& s) {
    std::vector<std::size_t> grown;
    for (std::size_t i = 0; i < s.tags.size(); ++i) {
        auto const& g = s.tags[i];
        if (g.grew && g.count && g.count_verdict.delta >= norms::pool_growth_min_allocs.value) {
            grown.push_back(i);
        }
    }
    // Union-find over pairs whose growth in outstanding allocations is 1:1 or 2:1.
    std::vector<std::size_t> parent(s.tags.size());
    std::iota(parent.begin(), parent.end(), 0);
    auto find = [&](std::size_t x) {
        while (parent[x] != x) {
            x = parent[x] = parent[parent[x]];
        }
        return x;
    };
    auto delta = [&](std::size_t i) { return s.tags[i].count_verdict.delta; };
    auto fixed_ratio = [](double r) {
        double const tol = norms::lockstep_ratio_tolerance.value;
        return std::fabs(r - 1) <= tol || std::fabs(r - 2) <= 2 * tol || std::fabs(r - 0.5) <= 0.5 * tol;
    };
    for (std::size_t a = 0; a < grown.size(); ++a) {
        for (std::size_t b = a + 1; b < grown.size(); ++b) {
            if (fixed_ratio(delta(grown[a]) / delta(grown[b]))) {
                parent[find(grown[a])] = find(grown[b]);
            }
        }
    }
    std::map<std::size_t, std::vector<std::size_t>> groups;
    for (auto i : grown) {
        groups[find(i)].push_back(i);
    }
    // The root (R3): a driver's or unknown tag above core ones, then the one that frees least,
    // then the one that grew most.
    auto free_ratio = [&](std::size_t i) {
        auto const& g = s.tags[i];
        auto const& c = columns(*g.after, g.pool);
        return c.allocs && c.frees && *c.allocs > 0 ? as_double(*c.frees) / as_double(*c.allocs) : 1.0;
    };
    auto core = [&](std::size_t i) {
        auto const& row = *s.tags[i].after;
        return is_core_tag(row.tag) || (!row.binary.empty() && is_core_binary(row.binary));
    };
    std::vector<Chain> out;
    for (auto& [root, members] : groups) {
        if (members.size() < 2) {
            continue;
        }
        std::stable_sort(members.begin(), members.end(), [&](std::size_t a, std::size_t b) {
            if (core(a) != core(b)) {
                return !core(a);
            }
            if (s.tags[a].after->unknown != s.tags[b].after->unknown) {
                return s.tags[a].after->unknown;
            }
            if (free_ratio(a) != free_ratio(b)) {
                return free_ratio(a) < free_ratio(b);
            }
            return delta(a) > delta(b);
        });
        Chain ch;
        ch.members = members;
        for (auto m : members) {
            ch.ratios.push_back(delta(m) / delta(members.front()));
        }
        out.push_back(std::move(ch));
    }
    return out;
}

std::vector<WorkItemTwin> work_item_twins(model::PoolUsedTable const& t) {
    std::vector<WorkItemTwin> out;
    auto const iowi = std::find_if(t.tags.begin(), t.tags.end(), [](auto const& r) { return r.tag == "IoWI"; });
    if (iowi == t.tags.end()) {
        return out;
    }
    for (auto p : {PoolKind::nonpaged, PoolKind::paged}) {
        auto const n = outstanding(t, columns(*iowi, p));
        if (!n || as_double(*n) < norms::iowi_min_outstanding.value) {
            continue;
        }
        for (auto const& row : t.tags) {
            if (&row == &*iowi || is_core_tag(row.tag) || (!row.binary.empty() && is_core_binary(row.binary))) {
                continue;
            }
            auto const m = outstanding(t, columns(row, p));
            if (!m) {
                continue;
            }
            double const gap = std::fabs(as_double(*m) - as_double(*n));
            if (gap <= norms::iowi_match_tolerance.value * as_double(*n)) {
                out.push_back({&row, &*iowi, *m, *n});
            }
        }
    }
    return out;
}

} // namespace dbgsift::infer::rules::pool
