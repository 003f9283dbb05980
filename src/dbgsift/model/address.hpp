// SPDX-License-Identifier: MIT
// `!address` regions and summary tables.
#pragma once
#include "source.hpp"
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dbgsift::model {

// A region's state, as the grammar read it; `unknown` when none was printed or it was another word.
enum class RegionState { unknown, commit, reserve, free };

// The one table of their spellings ("MEM_COMMIT"): the address grammar reads states by it.
inline constexpr std::array<std::string_view, 4> k_region_state_names{"", "MEM_COMMIT", "MEM_RESERVE",
                                                                     "MEM_FREE"};
static_assert(k_region_state_names.size() == static_cast<std::size_t>(RegionState::free) + 1);

inline std::string_view to_string(RegionState s) {
    return k_region_state_names[static_cast<std::size_t>(s)];
}

// What memory a region or a usage row holds, the same for the old debuggers
// (RegionUsageIsVAD, RegionUsageHeap) and the new (Heap64, Stack32, <unknown>). In the order
// of their names, so that anything sorted by class reads as before.
enum class UsageClass {
    unknown,               // "<unknown>" (also when a web page ate it)
    free,                  // "Free", "RegionUsageFree"
    heap,                  // "Heap", "Heap32", "Heap64", "RegionUsageHeap"
    image,                 // "Image", "RegionUsageImage"
    mapped_file,           // "MappedFile"
    other,                 // "Other"
    page_heap,             // "PageHeap", "RegionUsagePageHeap"
    stack,                 // "Stack", "Stack32", "RegionUsageStack"
    stack_trace_database,  // a region whose details say "[Stack Trace Database]" (+ust)
    teb_peb,               // "TEB", "PEB64", "RegionUsageTeb", "RegionUsageProcessParametrs", ...
    virtual_alloc,         // "RegionUsageIsVAD": the old debuggers' VirtualAlloc'd memory
    unlisted,              // a word none of the above: kept apart, never counted as a leak class
};

// The one table of their names, as reports print them.
inline constexpr std::array<std::string_view, 12> k_usage_class_names{
    "<unknown>", "Free",  "Heap",                 "Image",   "MappedFile",   "Other",
    "PageHeap",  "Stack", "Stack Trace Database", "TEB/PEB", "VirtualAlloc", "unlisted usage"};
static_assert(k_usage_class_names.size() == static_cast<std::size_t>(UsageClass::unlisted) + 1);

inline std::string_view to_string(UsageClass c) {
    return k_usage_class_names[static_cast<std::size_t>(c)];
}

struct AddressRegion {
    std::uint64_t base = 0;
    std::uint64_t end = 0;
    std::uint64_t size = 0;
    std::string type;      // MEM_PRIVATE, MEM_IMAGE, MEM_MAPPED, "" for free
    std::string state;     // MEM_COMMIT, MEM_RESERVE, MEM_FREE, as printed
    RegionState state_id = RegionState::unknown;  // the same, as the grammar read it
    std::string protect;   // PAGE_READWRITE, ...
    std::string usage;     // "Other", "Heap", "Stack", "Image", "<unknown>"
    std::string details;   // as printed: "[Stack Trace Database]", "[ID: 1; Handle: ...]", a path
    UsageClass usage_class = UsageClass::unknown;  // read from usage and details by the grammar
    Loc loc;
};

// Which table of `!address -summary` a row belongs to; `total` holds the old layout's Tot/Busy.
enum class AddressTable { usage, type, state, protect, largest, total };

// The one table of their names, as the JSON prints them ("table": "usage").
inline constexpr std::array<std::string_view, 6> k_address_table_names{"usage", "type",    "state",
                                                                      "protect", "largest", "total"};
static_assert(k_address_table_names.size() == static_cast<std::size_t>(AddressTable::total) + 1);

inline std::string_view to_string(AddressTable t) {
    return k_address_table_names[static_cast<std::size_t>(t)];
}

// A row of the old layout's "Tot: ... Busy: ..." line.
enum class AddressTotal { none, total, busy };

// One row of a summary table ("--- Usage Summary", "--- Type Summary", ...).
struct AddressSummaryRow {
    AddressTable table = AddressTable::usage;
    std::string name;      // "Heap", "MEM_COMMIT", "<unknown>" (also when a web page ate it)
    // What the name says, read by the grammar: the class of a usage or largest-region row,
    // the state of a state row, which of Tot/Busy a total row is.
    UsageClass usage_class = UsageClass::unlisted;
    RegionState state = RegionState::unknown;
    AddressTotal total = AddressTotal::none;
    std::optional<std::uint64_t> regions;
    std::optional<std::uint64_t> base;  // "largest" rows: where that region starts
    std::uint64_t bytes = 0;
    std::optional<double> percent_busy, percent_total;
    Loc loc;
};

struct AddressSummary {
    std::vector<AddressRegion> regions;
    std::vector<AddressSummaryRow> rows;
    Loc loc;
};

} // namespace dbgsift::model
