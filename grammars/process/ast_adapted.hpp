// SPDX-License-Identifier: MIT
#pragma once
#include "ast.hpp"
#include <boost/fusion/include/adapt_struct.hpp>

BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::process_ids, session_id, cid, peb, parent_cid)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::process_header, address, ids)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::process_tables, dir_base, object_table, handle_count)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::process_vad, vad_root, vads, clone, private_pages,
                          modified, locked)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::process_time, kind, text)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::process_quota, pool, bytes)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::process_working_set, now_pages, min_pages,
                          max_pages, now_kb)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::process_size, kind, mb)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::process_counter, kind, value)
