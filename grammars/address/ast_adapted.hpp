// SPDX-License-Identifier: MIT
#pragma once
#include "ast.hpp"
#include <boost/fusion/include/adapt_struct.hpp>

BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::region_row, base, end, size, type, state, protect,
                          usage, details)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::old_region_head, allocation_base, base, size)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::region_field, key, value, text)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::summary_row, name, regions, bytes, first_percent, second_percent)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::largest_row, name, base, size)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::old_summary_row, bytes, kb, total_percent, busy_percent, name)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::total_line, total, busy)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::largest_free_line, base, size)
