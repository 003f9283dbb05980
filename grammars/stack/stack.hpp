// SPDX-License-Identifier: MIT
// Stack frames, shared by every command that prints a stack: `!heap -p -a`, UMDH
// comparisons, `!htrace`. One frame per line; the caller knows where a stack starts.
#pragma once
#include "../config.hpp"
#include "ast.hpp"

namespace dbgsift::grammar {

DBGSIFT_RULE(stack_frame, ast::stack_frame)

} // namespace dbgsift::grammar
