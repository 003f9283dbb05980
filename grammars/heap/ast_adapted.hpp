// SPDX-License-Identifier: MIT
#pragma once
#include "ast.hpp"
#include <boost/fusion/include/adapt_struct.hpp>

BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::heap_row, address, flags, reserve_kb, commit_kb,
                          virt_kb, free_kb, list_length, ucr, virt_blocks, lock_contention,
                          fast_heap)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::segment_heap_row, address, global_flags,
                          heap_list_index, reserved_kb, committed_kb)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::heap_fragmentation, kind, percent, count)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::heap_preamble, kind, text)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::heap_virtual_block, start, end, size)
