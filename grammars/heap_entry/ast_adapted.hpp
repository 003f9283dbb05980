// SPDX-License-Identifier: MIT
#pragma once
#include "ast.hpp"
#include <boost/fusion/include/adapt_struct.hpp>

BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::heap_found, address)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::heap_root, page_heap, address)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::dph_user_part, address, size)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::dph_block_row, block, user, virtual_address,
                          virtual_size)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::heap_entry_row, entry, size_units, prev_units,
                          flags, user_ptr, user_size, state, detail)
