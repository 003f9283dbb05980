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
    std::string address_text;  // as printed ("0000000001a40000"): culprits are named by it
    std::uint64_t flags = 0;
    std::uint64_t reserve_kb = 0, commit_kb = 0;
    // Absent for segment heaps, whose summary has only reserved and committed bytes.
    std::optional<std::uint64_t> virt_kb, free_kb, list_length, ucr, virt_blocks;
    std::optional<std::uint64_t> lock_contention;  // empty when printed "bad" (no lock)
    bool lock_bad = false;
    std::string fast_heap;  // "LFH", "L", "N/A", ""
    std::optional<std::uint64_t> external_fragmentation_percent, free_blocks;
    std::optional<std::uint64_t> virtual_fragmentation_percent, uncommitted_ranges;
    bool segment_heap = false;
    // "Virtual block: start - end (size n)" lines under the row: blocks allocated straight
    // from VirtualAlloc. Counted, not listed: the row's Virt blocks column says how many.
    std::uint64_t virtual_blocks_listed = 0;
    std::uint64_t virtual_block_bytes = 0;  // the sizes printed (the debugger often prints 0)
    Loc loc;
    Loc fragmentation_loc;  // the "External fragmentation" line, when present
};

struct HeapSummary {
    std::vector<Heap> heaps;
    bool stack_traces_enabled = false;  // "NtGlobalFlag enables ... stack back traces"
    std::vector<std::string> debugging_aids;  // "stack back traces", "tail checking", ...
    std::string lfh_key;                       // as printed
    std::string termination_on_corruption;     // "ENABLED"
    Loc loc;
    Loc stack_traces_loc;
};

} // namespace dbgsift::model
