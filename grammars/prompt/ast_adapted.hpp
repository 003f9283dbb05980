// SPDX-License-Identifier: MIT
#pragma once
#include "ast.hpp"
#include <boost/fusion/include/adapt_struct.hpp>

BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::prompt_line, target, command)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::session_marker, kind, text)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::session_time, month, day, hour, minute, second, year)
