// SPDX-License-Identifier: MIT
#pragma once
#include "ast.hpp"
#include <boost/fusion/include/adapt_struct.hpp>

BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::resource_name, symbol, address)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::qualified_symbol, module, function, offset)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::resource_state, kind, owners)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::resource_header, name, state)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::resource_counter, which, value)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::resource_flags, active_count, flags)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::old_owner, thread, count)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::thread_entry, thread, count, current, actual)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::thread_list, role, threads)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::critsec_header, symbol, address, symbol_after)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::critsec_field, key, value)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::locks_summary, kind, total, held)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::thread_detail, thread, cid, state, rest)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::owning_process, process, image)
