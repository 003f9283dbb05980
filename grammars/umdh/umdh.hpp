// SPDX-License-Identifier: MIT
// UMDH comparison logs: one line per grown (or shrunk) allocation stack, its BackTrace id,
// the totals. The stack under each is read by grammars/stack.
#pragma once
#include "../config.hpp"
#include "ast.hpp"

namespace dbgsift::grammar {

DBGSIFT_RULE(umdh_trace, ast::umdh_trace)

DBGSIFT_RULE(umdh_total, ast::umdh_total)

// "// Debug library initialized ...", "DBGHELP: ntdll - public symbols": nothing to keep.
DBGSIFT_RULE(umdh_note, x3::unused_type)

} // namespace dbgsift::grammar
