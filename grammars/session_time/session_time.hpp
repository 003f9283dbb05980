// SPDX-License-Identifier: MIT
// The debugger's "Debug session time:" text, read as a date, a time and a UTC offset.
#pragma once
#include "../config.hpp"
#include "ast.hpp"

namespace dbgsift::grammar {

// "Thu Jan 17 10:58:58.567 2019 (UTC + 9:00)"
DBGSIFT_RULE(session_time, ast::session_time)

} // namespace dbgsift::grammar
