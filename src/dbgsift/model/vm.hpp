// SPDX-License-Identifier: MIT
// `!vm` counters: pages and kilobytes per named row, pools, page files, sessions.
#pragma once
#include "source.hpp"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dbgsift::model {

// One "Name: pages ( Kb)" row, kept verbatim so nothing the debugger printed is lost.
struct VmCounter {
    std::string name;      // "NonPagedPool Usage", "PagedPool 0 Usage", "Commit limit"
    std::uint64_t pages = 0;
    std::uint64_t kb = 0;
    Loc loc;
};

struct PageFile {
    std::string path;
    std::optional<std::uint64_t> current_kb, free_kb, minimum_kb, maximum_kb;
    Loc loc;
};

// A per-process commit row at the end of a full `!vm`.
struct VmProcessCommit {
    std::uint64_t pid = 0;
    std::string image;
    std::uint64_t commit_kb = 0;
    Loc loc;
};

// "Session ID 9 @ f79b5000:" block of `!vm 4`.
struct SessionPool {
    std::uint64_t id = 0;
    std::optional<std::uint64_t> paged_pool_kb;
    std::optional<std::uint64_t> commit_kb;
    std::optional<std::uint64_t> failures;  // "*** 7837 Pool Allocation Failures ***"
    Loc loc, paged_pool_loc, failures_loc;
};

struct VmStats {
    std::vector<VmCounter> counters;
    std::vector<PageFile> page_files;
    std::vector<std::string> warnings;      // banner text, e.g. "Excessive Paged Pool Usage"
    std::vector<Loc> warning_locs;
    std::optional<Sourced<std::uint64_t>> failed_allocations;  // "N pool allocations have failed"
    std::optional<Sourced<std::uint64_t>> session_paged_pool_max_kb;
    std::optional<Sourced<std::uint64_t>> session_view_space_max_kb;
    std::vector<SessionPool> sessions;
    std::vector<VmProcessCommit> process_commits;
    Loc loc;  // the block's first line

    // The counter with this exact name, or nullptr.
    VmCounter const* find(std::string_view name) const {
        for (auto const& c : counters) {
            if (c.name == name) {
                return &c;
            }
        }
        return nullptr;
    }
};

} // namespace dbgsift::model
