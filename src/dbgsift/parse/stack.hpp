// SPDX-License-Identifier: MIT
// Reading one stack frame line into the model, for every parser whose command prints stacks.
#pragma once
#include "../../../grammars/stack/ast.hpp"
#include "../model/stack.hpp"
#include "block_parser.hpp"
#include "line_attempts.hpp"

namespace dbgsift::parse {

// True when the line is a stack frame: an address, a module!function, or module+offset.
// A lone word ("LFH", "Total") is not a frame. `out` is a fresh Frame, filled only on true.
bool read_frame(LineAttempts& attempts, BlockContext const& ctx, model::Frame& out);

// A frame's call site, split by the stack grammar, into `out`: module (without the base address
// the debugger appends to a second loaded copy, "ntdll_771d0000" -> "ntdll", so skip lists and
// rules see the module itself), function, offset and source.
void put_symbol(grammar::ast::frame_symbol const& symbol, model::Frame& out);

} // namespace dbgsift::parse
