// SPDX-License-Identifier: MIT
// `!poolfind TAG [pool]` (the "size: / previous size:" layout and the newer
// "ADDR : tag T, size S, P pool" layout) and `!pool ADDR` (the blocks of one page).
#pragma once
#include "../config.hpp"
#include "ast.hpp"
#include <string>
#include <string_view>
#include <vector>

namespace dbgsift::grammar {

// "!poolfind SeSd 0" -> the options after the command name.
DBGSIFT_RULE(pool_command, std::vector<std::string>)

// "!pool e1001050" -> the options after the command name.
DBGSIFT_RULE(pool_page_command, std::vector<std::string>)

DBGSIFT_RULE(pool_block_row, ast::pool_block_row)
// "Pool page 83b45af8 region is Nonpaged pool": the first line of `!pool ADDR`.
DBGSIFT_RULE(pool_page_region, ast::pool_page_region)
// "Owning component : Unknown (update pooltag.txt)" under the '*' block of `!pool ADDR`:
// the owner the debugger's pooltag.txt names; empty when the tag is not in that file.
DBGSIFT_RULE(pool_owner, std::string)

DBGSIFT_RULE(pool_find_row, ast::pool_find_row)

DBGSIFT_RULE(pool_search, ast::pool_search)

// "ffffc48068d7d000 is not valid pool. Checking for freed (or corrupt) pool",
// "Address ffffc48068d7d000 could not be read. It may be a freed, invalid or paged out page",
// "ffffc48068d7d000 is not a valid large pool allocation, checking large session pool..."
DBGSIFT_RULE(pool_page_damage, ast::pool_page_damage)
// Lines with nothing to keep: "Scanning large pool allocation table for ...", kd's memory
// cache report ("Max cache size is ...", "** Prototype PTEs are implicitly decoded").
DBGSIFT_RULE(pool_chatter, x3::unused_type)

// "...terminating - searched pool to e1224000": the search was cut short.
DBGSIFT_RULE(pool_terminated, x3::unused_type)

// name_starts: the bytes a rule may start with (see grammars/config.hpp). A block row starts
// with an address or '*', which none of these (but the chatter's "52044 full reads") can.
inline constexpr std::string_view pool_chatter_starts = "S*MTNcbU0123456789";  // Scanning, ***, Max, ...
inline constexpr std::string_view pool_terminated_starts = ".";                // ...terminating
inline constexpr std::string_view pool_search_starts = "S";                    // Searching
inline constexpr std::string_view pool_page_region_starts = "P";               // Pool page
inline constexpr std::string_view pool_owner_starts = "OP";                    // Owning, Pooltag

} // namespace dbgsift::grammar
