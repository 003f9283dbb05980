// SPDX-License-Identifier: MIT
// Stack frames, shared by every command that prints a stack: `!heap -p -a`, UMDH
// comparisons, `!htrace`. One frame per line; the caller knows where a stack starts.
#pragma once
#include "../config.hpp"
#include "ast.hpp"

namespace dbgsift::grammar {

struct stack_frame_class;
using stack_frame_type = x3::rule<stack_frame_class, ast::stack_frame>;
BOOST_SPIRIT_DECLARE(stack_frame_type)
stack_frame_type const& stack_frame();

} // namespace dbgsift::grammar
