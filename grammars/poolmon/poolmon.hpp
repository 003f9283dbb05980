// SPDX-License-Identifier: MIT
// PoolMon's display: the memory lines, "System pool information", the column header and one
// row per tag and pool type. Read as a pool snapshot, like a `!poolused` table.
#pragma once
#include "../config.hpp"
#include "ast.hpp"
#include <string_view>

namespace dbgsift::grammar {

// " Tag  Type     Allocs            Frees            Diff   Bytes       Per Alloc"
DBGSIFT_RULE(poolmon_header, x3::unused_type)

// " Memory:  260620K Avail: ...", " Commit: 203500K Limit: ...", " System pool information"
DBGSIFT_RULE(poolmon_preamble, x3::unused_type)

DBGSIFT_RULE(poolmon_row, ast::poolmon_row)

// name_starts: the bytes a rule may start with (see grammars/config.hpp).
inline constexpr std::string_view poolmon_header_starts = "T";      // Tag
inline constexpr std::string_view poolmon_preamble_starts = "MCS";  // Memory:, Commit:, System

} // namespace dbgsift::grammar
