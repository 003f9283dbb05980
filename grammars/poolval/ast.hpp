// SPDX-License-Identifier: MIT
// `!poolval ADDR`: the pool headers of one page, checked.
#pragma once
#include "../../src/dbgsift/model/pool_corruption.hpp"
#include "../source.hpp"
#include <cstdint>
#include <string>

namespace dbgsift::grammar::ast {

// "Pool page ffffbd06d46e0000 region is Paged pool"
struct poolval_region : source_span {
    std::uint64_t page = 0;
    std::string region;  // "Paged pool", "Unknown"
};

// "Validating Pool headers for pool page: ffffbd06d46e0000"
struct poolval_validating : source_span {
    std::uint64_t page = 0;
};

// "Pool page [ ffffbd06d46e0000 ] is INVALID."
struct poolval_verdict : source_span {
    std::uint64_t page = 0;
    model::PoolPageVerdict verdict = model::PoolPageVerdict::not_printed;
};

// "[ ffffbd06d46e0000 ]: invalid previous size [ 0x41 ] should be [ 0x0 ]"
struct poolval_problem : source_span {
    std::uint64_t header = 0;
    std::string what;  // "invalid previous size " (the parser trims it)
    std::uint64_t found = 0;
    std::uint64_t expected = 0;
};

// The progress lines between the checks, and how the single-bit scan ended.
enum class poolval_step { analyzing_list, scanning_bits, none_found };

} // namespace dbgsift::grammar::ast
