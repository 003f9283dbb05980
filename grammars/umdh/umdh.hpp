// SPDX-License-Identifier: MIT
// UMDH comparison logs: one line per grown (or shrunk) allocation stack, its BackTrace id,
// the totals. The stack under each is read by grammars/stack.
#pragma once
#include "../config.hpp"
#include "ast.hpp"

namespace dbgsift::grammar {

struct umdh_trace_class;
using umdh_trace_type = x3::rule<umdh_trace_class, ast::umdh_trace>;
BOOST_SPIRIT_DECLARE(umdh_trace_type)
umdh_trace_type const& umdh_trace();

struct umdh_total_class;
using umdh_total_type = x3::rule<umdh_total_class, ast::umdh_total>;
BOOST_SPIRIT_DECLARE(umdh_total_type)
umdh_total_type const& umdh_total();

// "// Debug library initialized ...", "DBGHELP: ntdll - public symbols": nothing to keep.
struct umdh_note_class;
using umdh_note_type = x3::rule<umdh_note_class>;
BOOST_SPIRIT_DECLARE(umdh_note_type)
umdh_note_type const& umdh_note();

} // namespace dbgsift::grammar
