// SPDX-License-Identifier: MIT
// `!process` blocks (0 0, 0 1, 0 7, `!sprocess`) and the handle / commit figures they carry.
#pragma once
#include "boxed.hpp"
#include "source.hpp"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dbgsift::model {

// What `!process 0 1` and richer flags print below a process's header; the `0 0` lists most
// transcripts hold print none of it.
struct ProcessDetail {
    std::optional<std::uint64_t> vad_root, private_pages;
    std::string elapsed_time, user_time, kernel_time;  // as printed, "00:00:53.132"
    std::optional<std::uint64_t> paged_pool_quota_bytes, nonpaged_pool_quota_bytes;
    std::optional<std::uint64_t> working_set_kb;        // the "now" figure
    std::optional<std::uint64_t> peak_working_set_pages, page_faults, base_priority;
    std::optional<std::uint64_t> virtual_size_kb, peak_virtual_size_kb;  // printed in Mb
    std::optional<std::uint64_t> thread_count;  // THREAD lines seen (flags 2 / 4 / 7)
};

struct Process {
    std::uint64_t address = 0;                 // EPROCESS
    std::optional<std::uint64_t> session_id;   // empty for "none" (System) or NT4 (not printed)
    std::optional<std::uint64_t> cid, parent_cid, peb;  // empty until the ids line was read
    std::optional<std::uint64_t> dir_base, object_table;
    std::optional<Sourced<std::uint64_t>> handle_count;  // empty when <Data Not Accessible>
    std::optional<Sourced<std::uint64_t>> commit_charge_kb;  // CommitCharge is pages: x 4
    std::string image;
    // Boxed: a list of a thousand snapshots' processes holds 200 bytes less each (issue 14).
    Boxed<ProcessDetail> detail;  // empty until one of its rows was read
    Loc loc;        // the PROCESS line
    Loc image_loc;  // the Image line
};

} // namespace dbgsift::model
