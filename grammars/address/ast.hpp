// SPDX-License-Identifier: MIT
// Row shapes of `!address` output, kept as the text has them; parse/address.cpp maps them.
#pragma once
#include "../source.hpp"
#include "../text_range.hpp"
#include "../../src/dbgsift/model/address.hpp"  // AddressTable: the closed set, named once in the model
#include <array>
#include <boost/optional.hpp>
#include <string_view>
#include <cstdint>
#include <string>
#include <vector>

namespace dbgsift::grammar::ast {

// "+ 0`00240000 0`00312000 0`000d2000 MEM_PRIVATE MEM_COMMIT PAGE_READWRITE Other [Stack Trace Database]"
struct region_row : source_span {
    std::uint64_t base = 0, end = 0, size = 0;
    std::string type;     // "" on MEM_FREE rows
    model::RegionState state = model::RegionState::unknown;
    std::string protect;  // as printed ("PAGE_READWRITE | PAGE_GUARD"); "" on reserved rows
    std::string usage;    // "" when a web page ate "<unknown>"
    std::string details;  // the rest of the line, blanks at the end included
};

// Old layout: "00010000 : 00010000 - 00002000" (allocation base : base - size), or the
// nested "01292000 - 00fae000" of a sub-region.
struct old_region_head : source_span {
    boost::optional<std::uint64_t> allocation_base;
    std::uint64_t base = 0;
    std::uint64_t size = 0;
};

// The keys of the old layout's region fields and of the single-region form.
enum class field_key {
    type, state, protect, usage, full_path, pid_tid, handle, base_address, end_address,
    region_size, allocation_base, allocation_protect, more_info, content_source, image_path,
    module_name, loaded_image_name, mapped_image_name,
};
// The one table of their spellings, in the order of the enum.
inline constexpr std::array<std::string_view, 18> k_field_key_names{
    "Type",         "State",           "Protect",           "Usage",          "FullPath",
    "Pid.Tid",      "Handle",          "Base Address",      "End Address",    "Region Size",
    "Allocation Base", "Allocation Protect", "More info",   "Content source", "Image Path",
    "Module Name",  "Loaded Image Name", "Mapped Image Name"};
static_assert(k_field_key_names.size() == static_cast<std::size_t>(field_key::mapped_image_name) + 1);
inline std::string_view to_string(field_key k) { return k_field_key_names[static_cast<std::size_t>(k)]; }

// "Type     00020000 MEM_PRIVATE", "Usage    RegionUsageIsVAD", "FullPath C:\...";
// single-region form: "Base Address:           75831000", "Type:  01000000MEM_IMAGE".
struct region_field : source_span {
    field_key key = field_key::type;
    boost::optional<std::uint64_t> value;   // the number, when the key has one
    std::string text;                       // the name or text after it
};

// "Heap32                                   26        0`006e0000 (   6.875 Mb)   7.62%    0.34%"
struct summary_row : source_span {
    text_range name;    // empty when a web page ate "<unknown>"; a range into the line read
    std::uint64_t regions = 0;
    std::uint64_t bytes = 0;
    // %ofBusy %ofTotal, or only %ofTotal on Free rows: the first and second printed (any more
    // are read and dropped); two fields, where a vector was allocated and grown on every row.
    boost::optional<double> first_percent, second_percent;
};

// "Image                                     0`75d71000        0`00879000 (   8.473 Mb)"
struct largest_row : source_span {
    text_range name;  // a range into the line read
    std::uint64_t base = 0;
    std::uint64_t size = 0;
};

// Old layout: "   686a7000 ( 1710748) : 81.58%    81.80%    : RegionUsageIsVAD"
//             "   0275c000 : 1.92%      : MEM_COMMIT"
// The percents and the name as summary_row keeps them: two fields and a range into the line,
// where a vector and a string were allocated on every row (issue 14).
struct old_summary_row : source_span {
    std::uint64_t bytes = 0;
    boost::optional<std::uint64_t> kb;
    double total_percent = 0;                  // Pct(Tots), always printed
    boost::optional<double> busy_percent;      // Pct(Busy), usage table only (any more are dropped)
    text_range name;
};

// "Tot: 7fff0000 (2097088 KB) Busy: 7fa77000 (2091484 KB)"
struct total_line : source_span {
    std::uint64_t total = 0;
    std::uint64_t busy = 0;
};

// "Largest free region: Base 01432000 - Size 707ee000 (1843128 KB)"
struct largest_free_line : source_span {
    std::uint64_t base = 0;
    std::uint64_t size = 0;
};

} // namespace dbgsift::grammar::ast
