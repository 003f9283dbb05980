// SPDX-License-Identifier: MIT
#pragma once
#include "ast.hpp"
#include <boost/fusion/include/adapt_struct.hpp>

BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::search_command, kind, pattern)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::memory_hit, address, text)
