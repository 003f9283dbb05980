// SPDX-License-Identifier: MIT
// `!poolval ADDR`: the command and the lines it prints (corpus/pool/004.txt:65-78).
#pragma once
#include "../config.hpp"
#include "ast.hpp"

namespace dbgsift::grammar {

// "!poolval ffffbd06d46e0000"
DBGSIFT_RULE(poolval_command, x3::unused_type)

// "Pool page ffffbd06d46e0000 region is Paged pool", "Pool page 0fffc48068d7d000 region is Unknown"
DBGSIFT_RULE(poolval_region, ast::poolval_region)

// "Validating Pool headers for pool page: ffffbd06d46e0000"
DBGSIFT_RULE(poolval_validating, ast::poolval_validating)

// "Pool page [ ffffbd06d46e0000 ] is INVALID."
DBGSIFT_RULE(poolval_verdict, ast::poolval_verdict)

// "[ ffffbd06d46e0000 ]: invalid previous size [ 0x41 ] should be [ 0x0 ]"
DBGSIFT_RULE(poolval_problem, ast::poolval_problem)

// "Analyzing linked list...", "Scanning for single bit errors...", "None found"
DBGSIFT_RULE(poolval_step, ast::poolval_step)

} // namespace dbgsift::grammar
