// SPDX-License-Identifier: MIT
#pragma once
#include "ast.hpp"
#include <boost/fusion/include/adapt_struct.hpp>

BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::poolval_region, page, region)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::poolval_validating, page)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::poolval_verdict, page, verdict)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::poolval_problem, header, what, found, expected)
