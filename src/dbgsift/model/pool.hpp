// SPDX-License-Identifier: MIT
// `!poolused` rows. Which columns exist depends on the flags; absent ones stay empty.
#pragma once
#include "source.hpp"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dbgsift::model {

enum class PoolKind { nonpaged, paged, session };

struct PoolColumns {
    std::optional<std::uint64_t> allocs, frees, diff, used;
};

struct PoolTag {
    std::string tag;          // without padding: "CM", "Ddk"
    PoolColumns nonpaged;
    PoolColumns paged;
    std::string description;  // as printed, quotes normalised
    std::string binary;       // "ntfs.sys", "nt!mm", "TCP"; empty when not given
    bool unknown = false;     // "UNKNOWN pooltag 'X', please update pooltag.txt"
    Loc loc;
};

struct PoolUsedTable {
    std::string sorted_by;    // "NonPaged Pool Consumed", "Paged Pool Consumed", ...
    // The pool the table is sorted by (from "Sorting by", else from the command's flags).
    std::optional<PoolKind> sorted_pool;
    bool has_nonpaged = false, has_paged = false;
    bool has_frees = false, has_diff = false, has_used = false;
    bool layout_guessed = false;  // no column header was read: guessed from the row width
    std::vector<PoolTag> tags;
    std::optional<PoolTag> total;  // the TOTAL row
    Loc loc;
};

} // namespace dbgsift::model
