// SPDX-License-Identifier: MIT
#pragma once
#include "ast.hpp"
#include <boost/fusion/include/adapt_struct.hpp>

BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::frame_source, file, line)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::frame_symbol, module, function, offset, source)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::stack_frame, address, symbol)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::k_frame, columns, args, symbol)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::k_thread, number, id)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::thread_ref, by_id, value)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::thread_id, process, thread)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::mex_thread, number, thread_id)
