// SPDX-License-Identifier: MIT
#pragma once
#include "ast.hpp"
#include <boost/fusion/include/adapt_struct.hpp>

BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::poolmon_row, tag, type, allocs, allocs_change,
                          frees, frees_change, diff, bytes, bytes_change, per_alloc)
