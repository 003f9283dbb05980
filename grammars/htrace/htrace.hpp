// SPDX-License-Identifier: MIT
// `!htrace`, `!htrace -diff` (user and kernel mode): one entry per recorded OPEN, CLOSE or
// BAD REFERENCE, its thread, and the summary lines. Stacks are read by grammars/stack.
#pragma once
#include "../config.hpp"
#include "ast.hpp"
#include <string>
#include <vector>

namespace dbgsift::grammar {

// "!htrace -diff", "!htrace 7CC 815328b0" -> the options after "!htrace".
DBGSIFT_RULE(htrace_command, std::vector<std::string>)

DBGSIFT_RULE(htrace_entry, ast::htrace_entry)

DBGSIFT_RULE(htrace_thread, ast::htrace_thread)

DBGSIFT_RULE(htrace_note, ast::htrace_note)

// Lines with nothing to keep: "-----", "Handle tracing enabled.", "Loaded ... extension DLL",
// "Ignoring handles that were already closed...", the wrapped "snapshot." of a Displayed line.
DBGSIFT_RULE(htrace_chatter, x3::unused_type)

} // namespace dbgsift::grammar
