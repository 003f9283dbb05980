// SPDX-License-Identifier: MIT
// `!analyze` / `!analyze -v`: the bugcheck summary lines (corpus/pool/004.txt:1-47).
#pragma once
#include "../config.hpp"
#include "ast.hpp"

namespace dbgsift::grammar {

// "!analyze", "!analyze -v"
DBGSIFT_RULE(analyze_command, x3::unused_type)

// "BAD_POOL_HEADER (19)"
DBGSIFT_RULE(bugcheck_title, ast::bugcheck_title)

// "Arg2: ffffbd06d46e0000", "Arg1: 0000000000000012, Type of corruption detected"
DBGSIFT_RULE(bugcheck_arg, ast::bugcheck_arg)

// "BUGCHECK_CODE:  19"
DBGSIFT_RULE(bugcheck_code, ast::bugcheck_code)

// "MODULE_NAME: Driver", "IMAGE_NAME:  Driver.sys"
DBGSIFT_RULE(analyze_name, ast::analyze_name)

// "SYMBOL_NAME:  Driver+1170"
DBGSIFT_RULE(analyze_symbol, ast::analyze_symbol)

} // namespace dbgsift::grammar
