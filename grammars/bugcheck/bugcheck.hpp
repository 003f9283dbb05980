// SPDX-License-Identifier: MIT
// `!analyze` / `!analyze -v`: the bugcheck summary lines (corpus/pool/004.txt:1-47).
#pragma once
#include "../config.hpp"
#include "ast.hpp"
#include <string_view>

namespace dbgsift::grammar {

// name_starts: the bytes a rule may start with (see grammars/config.hpp).

// "!analyze", "!analyze -v"
DBGSIFT_RULE(analyze_command, x3::unused_type)

// "BAD_POOL_HEADER (19)"
DBGSIFT_RULE(bugcheck_title, ast::bugcheck_title)
inline constexpr std::string_view bugcheck_title_starts = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";  // its stop name

// "Arg2: ffffbd06d46e0000", "Arg1: 0000000000000012, Type of corruption detected"
DBGSIFT_RULE(bugcheck_arg, ast::bugcheck_arg)
inline constexpr std::string_view bugcheck_arg_starts = "A";  // Arg

// "BUGCHECK_CODE:  19"
DBGSIFT_RULE(bugcheck_code, ast::bugcheck_code)
inline constexpr std::string_view bugcheck_code_starts = "B";  // BUGCHECK_CODE

// "MODULE_NAME: Driver", "IMAGE_NAME:  Driver.sys"
DBGSIFT_RULE(analyze_name, ast::analyze_name)
inline constexpr std::string_view analyze_name_starts = "MI";  // MODULE_NAME, IMAGE_NAME

// "SYMBOL_NAME:  Driver+1170"
DBGSIFT_RULE(analyze_symbol, ast::analyze_symbol)
inline constexpr std::string_view analyze_symbol_starts = "S";  // SYMBOL_NAME

// "*                        Bugcheck Analysis                                    *": the banner
// that opens `!analyze` output, also printed with no prompt when a dump loads.
DBGSIFT_RULE(analyze_banner, x3::unused_type)

// "BugCheck 19, {3, fffff88005fec160, fffff88005fec160, fffff88005fcc160}"
DBGSIFT_RULE(bugcheck_short, ast::bugcheck_short)
inline constexpr std::string_view bugcheck_short_starts = "B";  // BugCheck

// "Probably caused by : Pool_Corruption ( nt!ExDeferredFreePool+a56 )"
DBGSIFT_RULE(analyze_probable, ast::analyze_probable)
inline constexpr std::string_view analyze_probable_starts = "P";  // Probably

} // namespace dbgsift::grammar
