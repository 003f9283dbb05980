// SPDX-License-Identifier: MIT
// `!process` blocks (0 0, 0 1, 0 7) and the handle / commit figures they carry.
#pragma once
#include "source.hpp"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dbgsift::model {

struct Process {
    std::uint64_t address = 0;          // EPROCESS
    std::optional<std::uint64_t> session_id;  // empty for "none"
    std::uint64_t cid = 0;
    std::uint64_t parent_cid = 0;
    std::optional<std::uint64_t> peb, dir_base, object_table;
    std::optional<Sourced<std::uint64_t>> handle_count;   // empty when <Data Not Accessible>
    std::optional<Sourced<std::uint64_t>> commit_charge_kb;
    std::optional<std::uint64_t> virtual_size_kb, peak_virtual_size_kb;
    std::optional<std::uint64_t> paged_pool_quota_kb, nonpaged_pool_quota_kb;
    std::optional<std::uint64_t> working_set_kb;
    std::optional<std::uint64_t> thread_count;
    std::string image;
    Loc loc;
};

} // namespace dbgsift::model
