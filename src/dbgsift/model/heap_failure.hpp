// SPDX-License-Identifier: MIT
// Heap corruption the process itself reported: the heap manager's debug messages
// ("HEAP[app.exe]: Heap block at ... modified at ... past requested size of c"), the
// `!heap` extension's "HEAP ERROR DETECTED" box, and Application Verifier stops.
// Corruption is not a leak: it changes the advice (see infer/rules/heap_corruption.cpp).
#pragma once
#include "source.hpp"
#include "stack.hpp"
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dbgsift::model {

// What was reported.
enum class HeapFailureKind {
    modified_past_size,   // "Heap block at A modified at B past requested size of N": an overrun
    modified_after_free,  // "Free Heap block A modified at B after it was freed": use after free
    invalid_address,      // "Invalid address specified to RtlFreeHeap( H, A )": a bad free
    heap_error,           // "Heap error detected at A (heap handle H)" and the !heap box
    verifier_stop,        // "VERIFIER STOP 0000000F: pid 0x352C: corrupted suffix pattern"
};

// The heap manager's failure types (RTL_HEAP_FAILURE_INFO), as `Error code: N - name` and the
// !heap box print them. Their numbers moved between Windows versions; the names did not.
enum class HeapFailureType {
    none,  // not printed
    other, // a name not in this table (a newer Windows)
    internal, unknown, generic, entry_corruption, multiple_entries_corruption,
    virtual_block_corruption, buffer_overrun, buffer_underrun, block_not_busy, invalid_argument,
    invalid_allocation_type, usage_after_free, cross_heap_operation, freelists_corruption,
    listentry_corruption, lfh_bitmap_mismatch, segment_lfh_bitmap_corruption,
    segment_lfh_double_free, vs_subsegment_corruption, null_heap, allocation_limit, commit_limit,
    invalid_va_mgr_query, segment_lfh_delay_free_corruption,
};

// The one table of their spellings, without the "heap_failure_" prefix the debugger prints.
inline constexpr std::array<std::string_view, 26> k_heap_failure_type_names{
    "", "other", "internal", "unknown", "generic", "entry_corruption", "multiple_entries_corruption",
    "virtual_block_corruption", "buffer_overrun", "buffer_underrun", "block_not_busy",
    "invalid_argument", "invalid_allocation_type", "usage_after_free", "cross_heap_operation",
    "freelists_corruption", "listentry_corruption", "lfh_bitmap_mismatch",
    "segment_lfh_bitmap_corruption", "segment_lfh_double_free", "vs_subsegment_corruption",
    "null_heap", "allocation_limit", "commit_limit", "invalid_va_mgr_query",
    "segment_lfh_delay_free_corruption"};
static_assert(k_heap_failure_type_names.size() ==
              static_cast<std::size_t>(HeapFailureType::segment_lfh_delay_free_corruption) + 1);

inline std::string_view to_string(HeapFailureType t) {
    return k_heap_failure_type_names[static_cast<std::size_t>(t)];
}

// One report, folded from the lines that make it up.
struct HeapFailure {
    HeapFailureKind kind = HeapFailureKind::heap_error;
    HeapFailureType type = HeapFailureType::none;
    std::string process;                    // "demo.exe" of "HEAP[demo.exe]:"; "" when not printed
    std::optional<std::uint64_t> heap;      // the heap handle
    std::optional<std::uint64_t> block;     // the block (or error address) concerned
    std::optional<std::uint64_t> modified_at;     // where the damage was found
    std::optional<std::uint64_t> requested_size;  // bytes the block was allocated with
    std::string function;                   // "RtlFreeHeap" for an invalid address
    std::uint64_t verifier_code = 0;        // VERIFIER STOP code, e.g. 0x0F
    std::string description;                // the verifier stop's words, kept as printed
    Stack stack;                            // the box's "Stack trace:", innermost first
    Loc loc;                                // the first line of the report
};

} // namespace dbgsift::model
