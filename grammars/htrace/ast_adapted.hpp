// SPDX-License-Identifier: MIT
#pragma once
#include "ast.hpp"
#include <boost/fusion/include/adapt_struct.hpp>

BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::htrace_entry, handle, operation)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::htrace_thread, thread, process)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::htrace_note, kind, value)
