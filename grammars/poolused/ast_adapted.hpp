// SPDX-License-Identifier: MIT
#pragma once
#include "ast.hpp"
#include <boost/fusion/include/adapt_struct.hpp>

BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::pool_row, tag, counts, description)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::pool_description, text, binary)
