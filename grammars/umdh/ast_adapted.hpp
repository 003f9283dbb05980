// SPDX-License-Identifier: MIT
#pragma once
#include "ast.hpp"
#include <boost/fusion/include/adapt_struct.hpp>

BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::umdh_trace, sign, delta, after, before, allocs,
                          backtrace, allocation_counts)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::umdh_total, sign, amount)
