// SPDX-License-Identifier: MIT
#pragma once
#include "ast.hpp"
#include <boost/fusion/include/adapt_struct.hpp>

BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::module_row, start, end, name, symbols, timestamp, path)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::module_detail, key, value)
