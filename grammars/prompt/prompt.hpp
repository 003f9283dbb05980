// SPDX-License-Identifier: MIT
// Debugger prompts and the session markers that start or date a snapshot.
#pragma once
#include "../config.hpp"
#include "ast.hpp"
#include <array>
#include <string_view>

namespace dbgsift::grammar {

DBGSIFT_RULE(prompt_line, ast::prompt_line)

DBGSIFT_RULE(session_marker, ast::session_marker)
// The literals a session marker starts with, after blanks (each alternative's first word,
// matched whole): a line that starts with none of them is no session marker, so the reader
// tries the rule only on one that does (tests/grammars/rule_starts_test.cpp checks it).
inline constexpr std::array<std::string_view, 6> session_marker_openings = {
    "Opened log file", "Closing open log file", "Debug session time:", "Machine Name:",
    "Microsoft (R) Windows Debugger Version", "Windows"};

// A command on a line of its own with no prompt before it, as blogs and wikis quote them:
// "!heap -stat -h 00360000", "!handle 0 3 0 Section". Attribute: the command as typed (blanks
// after it trimmed by the caller).
DBGSIFT_RULE(bare_command, std::string)

// The same with options, numbers and registers only ("!thread ffaf5410", "!analyze -v"): sure
// enough to end the block above it even when dbgsift does not read the command.
DBGSIFT_RULE(bare_plain_command, std::string)

} // namespace dbgsift::grammar
