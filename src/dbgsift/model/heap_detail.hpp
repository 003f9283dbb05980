// SPDX-License-Identifier: MIT
// The follow-up heap commands: `!heap -stat -h` (which block sizes hold the busy bytes),
// `!heap -flt s` (the blocks of one size), `!heap -p -a` (one block and the stack that
// allocated it) and UMDH comparisons (which allocation stacks grew between two logs).
#pragma once
#include "source.hpp"
#include "stack.hpp"
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dbgsift::model {

struct HeapStatRow {
    std::uint64_t size = 0;    // bytes (the debugger prints hex)
    std::uint64_t blocks = 0;  // busy blocks of that size
    std::uint64_t total = 0;   // bytes
    double percent = 0;        // of total busy bytes (TOTSIZE) or of blocks (BLOCKCOUNT)
    Loc loc;
};

// What a `!heap -stat` table is grouped by, and its spelling in the "group-by:" line.
enum class HeapStatGroup { total_size, block_count };
inline std::string_view to_string(HeapStatGroup g) {
    return g == HeapStatGroup::total_size ? "TOTSIZE" : "BLOCKCOUNT";
}

// One `!heap -stat -h ADDR` table.
struct HeapStat {
    std::string heap;       // as printed ("00510000"); empty when the output did not say
    HeapStatGroup group_by = HeapStatGroup::total_size;
    std::vector<HeapStatRow> rows;  // in printed order (largest first)
    Loc loc;
};

// `!heap -stat` without -h: one heap's usage counters (all hex bytes but the counts).
struct HeapUsage {
    std::string heap;  // "_HEAP 003c0000" as printed
    std::uint64_t segments = 0;
    std::uint64_t reserved = 0;         // bytes
    std::uint64_t committed = 0;        // bytes
    std::uint64_t virtual_blocks = 0;   // blocks too large for a segment (VirtualAlloc'ed)
    std::uint64_t virtual_bytes = 0;
    Loc loc;
};

struct HeapEntry {
    std::uint64_t entry = 0;      // the HEAP_ENTRY address
    std::uint64_t user_ptr = 0;
    std::uint64_t user_size = 0;  // bytes
    bool busy = true;
    std::string state;            // "busy VirtualAlloc", "free" as printed
    // Allocated by VirtualAlloc straight from the memory manager, outside the heap's segments
    // (a block above the heap's VirtualAlloc threshold: the "busy VirtualAlloc" state).
    bool virtual_alloc = false;
    std::string heap;             // the `_HEAP @` it was listed under
    Loc loc;
};

// One `!heap -flt s SIZE` listing.
struct HeapFilter {
    std::optional<std::uint64_t> size;  // from the command, when it was typed
    std::vector<HeapEntry> entries;
    bool elided = false;  // the paste cut rows ("...")
    Loc loc;
};

// One `!heap -p -a ADDR`: the block holding the address and its allocation stack (for a
// freed block, the stack that freed it).
struct HeapBlock {
    std::uint64_t address = 0;  // "address X found in"
    std::optional<HeapEntry> entry;  // full page heap: entry is the DPH_HEAP_BLOCK
    std::string heap;
    bool page_heap = false;  // "_DPH_HEAP_ROOT @": full page heap (gflags +hpa)
    Stack stack;  // empty without +ust
    Loc loc;
};

// `!heap -l`: busy blocks the scan found no reference to ("potential leaks").
struct HeapLeak {
    std::uint64_t entry = 0, user = 0;
    std::string heap;          // as printed
    std::uint64_t size = 0;    // hex in the output; heap granularity units on old systems
    std::vector<std::string> flags;
    Loc loc;
};

struct HeapLeakScan {
    std::vector<HeapLeak> leaks;
    std::optional<std::uint64_t> detected;  // "21 leaks detected."
    Loc loc;
};

// One stack of a UMDH comparison: bytes (and allocations) it held in each log.
struct UmdhTrace {
    std::string backtrace;  // "BackTrace00053" as printed
    bool grew = true;
    std::uint64_t delta = 0, after = 0, before = 0;  // bytes
    std::optional<std::uint64_t> allocs;             // allocations in the later log
    std::optional<std::uint64_t> allocs_delta;       // from the "... allocations" line
    Stack stack;
    Loc loc;
};

struct UmdhComparison {
    bool decimal = false;  // -d output; hex otherwise
    std::vector<UmdhTrace> traces;
    std::optional<std::int64_t> total;  // "Total increase == N" (negative for a decrease)
    Loc total_loc;
    Loc loc;
};

} // namespace dbgsift::model
