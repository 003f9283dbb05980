// SPDX-License-Identifier: MIT
// Stages of pool-tag-leak that read more than one table: growth per tag between the first and
// the last snapshot of one machine, tags that grow in lockstep (one object chain), and tags
// whose outstanding count matches IoWI's (work-item leaks). Each is testable alone.
#pragma once
#include "../../model/case.hpp"
#include "../growth.hpp"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace dbgsift::infer::rules::pool {

// Inline: every row of every table asks both, several times (issue 14).
// Allocations still outstanding: Diff, or Allocs in the short layout (which counts live ones).
inline std::optional<std::uint64_t> outstanding(model::PoolUsedTable const& t, model::PoolColumns const& c) {
    if (c.diff) {
        return c.diff;
    }
    if (!t.has_frees) {
        return c.allocs;
    }
    return std::nullopt;
}
inline model::PoolColumns const& columns(model::PoolTag const& t, model::PoolKind p) {
    return p == model::PoolKind::nonpaged ? t.nonpaged : t.paged;
}

// Core Windows tags and binaries: a big number there is usually load, not a leak of its own.
// A core tag begins with one of the kernel's prefixes or is one of its exact names.
struct CoreTagName {
    std::string_view name;
    bool prefix = false;  // any tag it begins is core; else only the name itself
};
inline constexpr std::array<CoreTagName, 36> k_core_tag_names{{
    {"CM", true},   {"Mm", true},   {"Ob", true},   {"Se", true},   {"Ps", true},   {"Io", true},
    {"Cc", true},   {"Etw", true},  {"Ntf", true},  {"NtF", true},  {"Ntx", true},  {"FM", true},
    {"Fs", true},   {"Ke", true},   {"Ex", true},   {"Wmi", true},  {"ALPC", true}, {"Alpc", true},
    {"Tcp", true},  {"TCP", true},  {"Vad", true},  {"Lpc", true},  {"Toke", true}, {"Thre", true},
    {"Proc", true}, {"Even", true}, {"File", true}, {"Sect", true}, {"Pool", true}, {"Irp", true},
    {"Muta", false}, {"Sema", false}, {"Key", false}, {"Devi", false}, {"Driv", false}, {"Obtb", false}}};
bool is_core_tag(std::string_view tag);
bool is_core_binary(std::string_view binary);

// One tag read in two snapshots.
struct TagGrowth {
    std::string tag;
    model::PoolKind pool = model::PoolKind::nonpaged;
    model::PoolTag const* before = nullptr;
    model::PoolTag const* after = nullptr;
    std::optional<Change> bytes, count;  // Used; outstanding allocations
    std::optional<Change> allocs;        // verbose layouts: total Allocs (for churn)
    GrowthVerdict bytes_verdict, count_verdict;
    bool grew = false;
    bool stable = false;
};

struct PoolSeries {
    bool trend = false;  // two moments of one machine's pool were found
    std::uint32_t first_moment = 0, last_moment = 0;  // 1-based snapshot numbers
    std::string first_time, last_time;                 // "Debug session time" text, if any
    std::optional<double> hours;                       // between them, when both times are known
    std::vector<TagGrowth> tags;  // every tag present in both tables, per pool
};

// Per pool (nonpaged, paged): the first and the last table of the machine the latest table
// comes from (the one sorted by that pool, else the first showing it), every tag judged
// against the other tags of the same pool.
PoolSeries pool_series(model::Case const& c);
void add_pool(PoolSeries& out, model::Case const& c, model::Snapshot const& latest, model::PoolKind p);

// "grew by 6,890,688 bytes (2,296,896 -> 9,187,584, x4.0) and 35,889 allocations between
// snapshot 1 and snapshot 2" with a rate per hour when the times are known.
std::string growth_words(TagGrowth const& g, PoolSeries const& s);
// "ΔAllocs 35,889, ΔDiff 35,700: nearly every allocation of the window stayed (leak-like)".
std::string churn_words(TagGrowth const& g);

// Tags that grew at a fixed ratio of outstanding allocations (1:1, 2:1): one object chain.
struct Chain {
    std::vector<std::size_t> members;  // indexes into PoolSeries::tags, root first
    std::vector<double> ratios;        // each member's growth against the root's
};
std::vector<Chain> lockstep_chains(PoolSeries const& s);

// Non-core tags whose outstanding count matches IoWI's in the same table (R4).
struct WorkItemTwin {
    model::PoolTag const* tag = nullptr;
    model::PoolTag const* iowi = nullptr;
    std::uint64_t count = 0, iowi_count = 0;
};
std::vector<WorkItemTwin> work_item_twins(model::PoolUsedTable const& t);

} // namespace dbgsift::infer::rules::pool
