// SPDX-License-Identifier: MIT
// `!vm` counters: pages and kilobytes per named row, pools, page files, sessions.
#pragma once
#include "source.hpp"
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

namespace dbgsift::model {

// The `!vm` counters dbgsift reasons about; every other row is `other` and keeps only its name.
enum class VmCounterId {
    other,
    physical_memory,
    committed_pages,
    commit_limit,
    nonpaged_pool_usage,
    nonpaged_pool_nx_usage,
    nonpaged_pool_max,
    nonpaged_pool_maximum,
    paged_pool_usage,
    paged_pool_max,
    paged_pool_maximum,
    free_system_ptes,
};

// The one table of their spellings, as the debugger prints them (blanks between words made
// single): the vm grammar reads counters by it (x3::symbols), the parse layer names them by it.
inline constexpr std::array<std::string_view, 12> k_vm_counter_names{
    "",                    "Physical Memory",      "Committed pages",  "Commit limit",
    "NonPagedPool Usage",  "NonPagedPoolNx Usage", "NonPagedPool Max", "NonPagedPool Maximum",
    "PagedPool Usage",     "PagedPool Max",        "PagedPool Maximum", "Free System PTEs"};
static_assert(k_vm_counter_names.size() == static_cast<std::size_t>(VmCounterId::free_system_ptes) + 1);

inline std::string_view to_string(VmCounterId id) {
    return k_vm_counter_names[static_cast<std::size_t>(id)];
}

// One "Name: pages ( Kb)" row, kept verbatim so nothing the debugger printed is lost.
struct VmCounter {
    std::string name;      // "NonPagedPool Usage", "PagedPool 0 Usage", "Commit limit"
    std::uint64_t pages = 0;
    std::uint64_t kb = 0;
    Loc loc;
    bool has_kb = true;    // false for "Syspart SharedCommit 0": one number, no "( Kb)"
    VmCounterId id = VmCounterId::other;
};

struct PageFile {
    std::string path;       // empty for "No Name for Paging File" (a virtual page file)
    bool named = true;
    std::optional<std::uint64_t> current_kb, free_kb, minimum_kb, maximum_kb;
    Loc loc;
};

// A per-process commit row at the end of a full `!vm`.
struct VmProcessCommit {
    std::uint64_t pid = 0;
    std::string image;
    std::uint64_t commit_kb = 0;
    std::optional<std::uint64_t> commit_pages;       // older rows: "12345 (49380 Kb)"
    std::optional<std::uint64_t> shared_commit_kb;   // newer rows: "... SharedCommit Debt"
    std::optional<std::uint64_t> debt_kb;
    Loc loc;
};

// "Session ID 9 @ f79b5000:" block of `!vm 4`.
struct SessionPool {
    std::uint64_t id = 0;
    std::optional<std::uint64_t> paged_pool_kb;
    std::optional<std::uint64_t> nonpaged_kb;  // "NonPaged Usage: 316 Kb" (newer debuggers)
    std::optional<std::uint64_t> commit_kb;
    std::optional<std::uint64_t> failures;  // "*** 7837 Pool Allocation Failures ***"
    Loc loc, paged_pool_loc, failures_loc, commit_loc;
};

// What a "***** ... *****" banner says, as the grammar classified it.
enum class VmWarningKind {
    other,
    excessive_nonpaged,   // "Excessive NonPaged Pool Usage"
    excessive_paged,      // "Excessive Paged Pool Usage"
    commit_near_limit,    // "Number of committed pages is near limit"
    failed_allocations,   // "N pool allocations have failed"
    stack_pte_failures,   // "N kernel stack PTE allocations have failed" (cumulative, R7)
    stack_growth_failures,  // "N kernel stack growth attempts have failed" (cumulative, R7)
    commit_failures,      // "N commit requests have failed" (cumulative since boot, R8)
};

struct VmStats {
    std::vector<VmCounter> counters;
    std::vector<PageFile> page_files;
    std::vector<std::string> warnings;      // banner text, e.g. "Excessive Paged Pool Usage"
    std::vector<Loc> warning_locs;
    std::vector<VmWarningKind> warning_kinds;  // parallel to warnings
    std::optional<Sourced<std::uint64_t>> failed_allocations;  // "N pool allocations have failed"
    // Cumulative failure counters of the banners (R7, R8): informational without corroboration.
    std::optional<Sourced<std::uint64_t>> stack_pte_failures, stack_growth_failures, commit_failures;
    std::optional<Sourced<std::uint64_t>> session_paged_pool_max_kb;
    std::optional<Sourced<std::uint64_t>> session_view_space_max_kb;
    std::vector<SessionPool> sessions;
    std::optional<SessionPool> session_summary;  // "Session Summary" totals (id unused)
    std::vector<VmProcessCommit> process_commits;
    Loc loc;  // the block's first line

    // The first counter the grammar read as `id`, or nullptr.
    VmCounter const* find(VmCounterId id) const {
        for (auto const& c : counters) {
            if (c.id == id) {
                return &c;
            }
        }
        return nullptr;
    }
};

} // namespace dbgsift::model
