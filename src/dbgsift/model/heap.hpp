// SPDX-License-Identifier: MIT
// `!heap -s`: the per-heap table (kilobytes) and its preamble.
#pragma once
#include "source.hpp"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dbgsift::model {

struct Heap {
    std::uint64_t address = 0;
    std::uint64_t flags = 0;
    std::uint64_t reserve_kb = 0, commit_kb = 0, virt_kb = 0, free_kb = 0;
    std::optional<std::uint64_t> list_length, ucr, virt_blocks, lock_contention;
    std::string fast_heap;  // "LFH", "L", ""
    std::optional<std::uint64_t> external_fragmentation_percent, free_blocks;
    bool segment_heap = false;
    Loc loc;
};

struct HeapSummary {
    std::vector<Heap> heaps;
    bool stack_traces_enabled = false;  // "NtGlobalFlag enables ... stack back traces"
    Loc loc;
};

} // namespace dbgsift::model
