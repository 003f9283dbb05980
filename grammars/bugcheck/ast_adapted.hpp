// SPDX-License-Identifier: MIT
#pragma once
#include "ast.hpp"
#include <boost/fusion/include/adapt_struct.hpp>

BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::bugcheck_title, name, code)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::bugcheck_arg, index, value)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::bugcheck_code, code)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::analyze_name, key, value)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::analyze_symbol, module, function, offset)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::bugcheck_short, code, args)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::analyze_probable, image, symbol)
