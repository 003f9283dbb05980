// SPDX-License-Identifier: MIT
#pragma once
#include "ast.hpp"
#include <boost/fusion/include/adapt_struct.hpp>

BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::pool_block_row, marked, address, size,
                          previous_size, state, tag, protected_tag, process)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::pool_page_region, address, pool)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::pool_find_row, address, tag, size, pool)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::pool_search, pool)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::pool_page_damage, address, kind)
