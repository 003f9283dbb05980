// SPDX-License-Identifier: MIT
// PoolMon's display: the memory lines, "System pool information", the column header and one
// row per tag and pool type. Read as a pool snapshot, like a `!poolused` table.
#pragma once
#include "../config.hpp"
#include "ast.hpp"

namespace dbgsift::grammar {

// " Tag  Type     Allocs            Frees            Diff   Bytes       Per Alloc"
struct poolmon_header_class;
using poolmon_header_type = x3::rule<poolmon_header_class>;
BOOST_SPIRIT_DECLARE(poolmon_header_type)
poolmon_header_type const& poolmon_header();

// " Memory:  260620K Avail: ...", " Commit: 203500K Limit: ...", " System pool information"
struct poolmon_preamble_class;
using poolmon_preamble_type = x3::rule<poolmon_preamble_class>;
BOOST_SPIRIT_DECLARE(poolmon_preamble_type)
poolmon_preamble_type const& poolmon_preamble();

struct poolmon_row_class;
using poolmon_row_type = x3::rule<poolmon_row_class, ast::poolmon_row>;
BOOST_SPIRIT_DECLARE(poolmon_row_type)
poolmon_row_type const& poolmon_row();

} // namespace dbgsift::grammar
