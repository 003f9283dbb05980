// SPDX-License-Identifier: MIT
// Debugger prompts and the session markers that start or date a snapshot.
#pragma once
#include "../config.hpp"
#include "ast.hpp"

namespace dbgsift::grammar {

DBGSIFT_RULE(prompt_line, ast::prompt_line)

DBGSIFT_RULE(session_marker, ast::session_marker)

} // namespace dbgsift::grammar
