// SPDX-License-Identifier: MIT
// `!poolfind TAG [pool]` (the "size: / previous size:" layout and the newer
// "ADDR : tag T, size S, P pool" layout) and `!pool ADDR` (the blocks of one page).
#pragma once
#include "../config.hpp"
#include "ast.hpp"
#include <string>
#include <vector>

namespace dbgsift::grammar {

// "!poolfind SeSd 0" -> the options after the command name.
struct pool_command_class;
using pool_command_type = x3::rule<pool_command_class, std::vector<std::string>>;
BOOST_SPIRIT_DECLARE(pool_command_type)
pool_command_type const& pool_command();

// "!pool e1001050" -> the options after the command name.
struct pool_page_command_class;
using pool_page_command_type = x3::rule<pool_page_command_class, std::vector<std::string>>;
BOOST_SPIRIT_DECLARE(pool_page_command_type)
pool_page_command_type const& pool_page_command();

struct pool_block_row_class;
using pool_block_row_type = x3::rule<pool_block_row_class, ast::pool_block_row>;
BOOST_SPIRIT_DECLARE(pool_block_row_type)
pool_block_row_type const& pool_block_row();

struct pool_find_row_class;
using pool_find_row_type = x3::rule<pool_find_row_class, ast::pool_find_row>;
BOOST_SPIRIT_DECLARE(pool_find_row_type)
pool_find_row_type const& pool_find_row();

struct pool_search_class;
using pool_search_type = x3::rule<pool_search_class, ast::pool_search>;
BOOST_SPIRIT_DECLARE(pool_search_type)
pool_search_type const& pool_search();

// Lines with nothing to keep: "Scanning large pool allocation table for ...", kd's memory
// cache report ("Max cache size is ...", "** Prototype PTEs are implicitly decoded").
struct pool_chatter_class;
using pool_chatter_type = x3::rule<pool_chatter_class>;
BOOST_SPIRIT_DECLARE(pool_chatter_type)
pool_chatter_type const& pool_chatter();

// "...terminating - searched pool to e1224000": the search was cut short.
struct pool_terminated_class;
using pool_terminated_type = x3::rule<pool_terminated_class>;
BOOST_SPIRIT_DECLARE(pool_terminated_type)
pool_terminated_type const& pool_terminated();

} // namespace dbgsift::grammar
