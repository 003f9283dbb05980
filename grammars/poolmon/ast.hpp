// SPDX-License-Identifier: MIT
// Row shapes of PoolMon's display (`poolmon` screen pastes and `poolmon /n` log files).
#pragma once
#include "../source.hpp"
#include <cstdint>
#include <string>

namespace dbgsift::grammar::ast {

enum class poolmon_type { nonpaged, paged };

// " Wait Nonp    3971107 (   0)   3971077 (   0)       30    8456 (     0)    281"
// Tag, Type, Allocs (change), Frees (change), Diff, Bytes (change), Per Alloc.
struct poolmon_row : source_span {
    std::string tag;
    poolmon_type type = poolmon_type::nonpaged;
    std::uint64_t allocs = 0, allocs_change = 0;
    std::uint64_t frees = 0, frees_change = 0;
    std::uint64_t diff = 0;
    std::uint64_t bytes = 0, bytes_change = 0;
    std::uint64_t per_alloc = 0;
};

} // namespace dbgsift::grammar::ast
