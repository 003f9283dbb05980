// SPDX-License-Identifier: MIT
// Pool corruption as the kernel debugger reports it: `!poolval ADDR` (the pool headers of one
// page checked) and the bugcheck summary of `!analyze` (title, Arg1..Arg4, the module it
// blames). Corruption is not a leak: see infer/rules/pool_corruption.cpp.
#pragma once
#include "source.hpp"
#include "stack.hpp"
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dbgsift::model {

// "Pool page [ ffffbd06d46e0000 ] is INVALID." Only INVALID has been seen in real output.
enum class PoolPageVerdict { not_printed, invalid };
inline constexpr std::array<std::string_view, 2> k_pool_page_verdict_names{"", "INVALID"};

// How far the single-bit-error scan got: "Scanning for single bit errors...", "None found".
enum class SingleBitScan { not_printed, started, none_found };

// "[ ffffbd06d46e0000 ]: invalid previous size [ 0x41 ] should be [ 0x0 ]"
struct PoolHeaderProblem {
    std::uint64_t header = 0;  // the pool header the check refused
    std::string what;          // "invalid previous size", as printed
    std::uint64_t found = 0;
    std::uint64_t expected = 0;
    Loc loc;
};

// One `!poolval` run.
struct PoolValidation {
    std::optional<std::uint64_t> page;  // "Validating Pool headers for pool page: X"
    std::string region;                 // "Paged pool", "Unknown", as printed
    PoolPageVerdict verdict = PoolPageVerdict::not_printed;
    Loc verdict_loc;
    std::vector<PoolHeaderProblem> problems;
    SingleBitScan bit_scan = SingleBitScan::not_printed;
    Loc bit_scan_loc;  // the line that said how the scan ended
    Loc loc;           // the first line read
};

// The summary `!analyze` prints of a bugcheck; every field as printed, with its line.
struct BugCheck {
    std::string name;                   // "BAD_POOL_HEADER" of "BAD_POOL_HEADER (19)"
    std::optional<Sourced<std::uint64_t>> code;  // the title's "(19)", else "BUGCHECK_CODE:  19"
    std::array<std::optional<Sourced<std::uint64_t>>, 4> args;  // Arg1..Arg4
    std::optional<Sourced<std::string>> module_name;  // "MODULE_NAME: Driver"
    std::optional<Sourced<std::string>> image_name;   // "IMAGE_NAME:  Driver.sys"
    std::optional<Frame> symbol;        // "SYMBOL_NAME:  Driver!CreateRandomFile+13b"
    Loc loc;                            // the title line
};

} // namespace dbgsift::model
