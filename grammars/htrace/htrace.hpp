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
struct htrace_command_class;
using htrace_command_type = x3::rule<htrace_command_class, std::vector<std::string>>;
BOOST_SPIRIT_DECLARE(htrace_command_type)
htrace_command_type const& htrace_command();

struct htrace_entry_class;
using htrace_entry_type = x3::rule<htrace_entry_class, ast::htrace_entry>;
BOOST_SPIRIT_DECLARE(htrace_entry_type)
htrace_entry_type const& htrace_entry();

struct htrace_thread_class;
using htrace_thread_type = x3::rule<htrace_thread_class, ast::htrace_thread>;
BOOST_SPIRIT_DECLARE(htrace_thread_type)
htrace_thread_type const& htrace_thread();

struct htrace_note_class;
using htrace_note_type = x3::rule<htrace_note_class, ast::htrace_note>;
BOOST_SPIRIT_DECLARE(htrace_note_type)
htrace_note_type const& htrace_note();

// Lines with nothing to keep: "-----", "Handle tracing enabled.", "Loaded ... extension DLL",
// "Ignoring handles that were already closed...", the wrapped "snapshot." of a Displayed line.
struct htrace_chatter_class;
using htrace_chatter_type = x3::rule<htrace_chatter_class>;
BOOST_SPIRIT_DECLARE(htrace_chatter_type)
htrace_chatter_type const& htrace_chatter();

} // namespace dbgsift::grammar
