// SPDX-License-Identifier: MIT
// `!htrace`, `!htrace -diff` (user and kernel mode): one entry per recorded OPEN, CLOSE or
// BAD REFERENCE, its thread, and the summary lines. Stacks are read by grammars/stack.
#pragma once
#include "../config.hpp"
#include "../common/ast.hpp"
#include "ast.hpp"
#include <string_view>
#include <string>
#include <vector>

namespace dbgsift::grammar {

// name_starts: the bytes a rule may start with (see grammars/config.hpp).

// "!htrace -diff", "!htrace 7CC 815328b0" -> the options after "!htrace".
DBGSIFT_RULE(htrace_command, ast::command_words)

DBGSIFT_RULE(htrace_entry, ast::htrace_entry)
inline constexpr std::string_view htrace_entry_starts = "H";  // Handle

DBGSIFT_RULE(htrace_thread, ast::htrace_thread)
inline constexpr std::string_view htrace_thread_starts = "T";  // Thread

DBGSIFT_RULE(htrace_note, ast::htrace_note)
// 0x.. new, Displayed, Parsed, Dumped, Process, ObjectTable, No outstanding
inline constexpr std::string_view htrace_note_starts = "0DPON";
// The byte after the '0' of a digit-led note ("0x3 new stack traces ..."): its "0x" in any case.
inline constexpr std::string_view htrace_note_after_number = "xX";

// Lines with nothing to keep: "-----", "Handle tracing enabled.", "Loaded ... extension DLL",
// "Ignoring handles that were already closed...", the wrapped "snapshot." of a Displayed line.
DBGSIFT_RULE(htrace_chatter, x3::unused_type)
// dashes, stars, Handle tracing, Ignoring, Outstanding, Loaded, snapshot.
inline constexpr std::string_view htrace_chatter_starts = "-*HIOLs";

} // namespace dbgsift::grammar
