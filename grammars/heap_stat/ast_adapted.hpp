// SPDX-License-Identifier: MIT
#pragma once
#include "ast.hpp"
#include <boost/fusion/include/adapt_struct.hpp>

BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::heap_stat_heap, address)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::heap_stat_group, by, max_display)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::heap_stat_row, size, blocks, total, percent)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::heap_usage_row, which, value)
