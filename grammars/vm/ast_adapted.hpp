// SPDX-License-Identifier: MIT
#pragma once
#include "ast.hpp"
#include <boost/fusion/include/adapt_struct.hpp>

BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::vm_counter, name, pages, kb)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::vm_bare_counter, name, value)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::vm_page_file, named, path)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::vm_page_file_sizes, kind, first_kb, second_kb)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::vm_banner, kind, count, text)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::vm_session_limit, kind, kb)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::vm_session_header, id, address)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::vm_session_usage, kind, kb)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::vm_process_pages, pid, image, pages, kb)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::vm_process_kb, pid, image, commit_kb,
                          shared_commit_kb, debt_kb)
