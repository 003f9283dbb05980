// SPDX-License-Identifier: MIT
// Debugger prompts and the session markers that start or date a snapshot.
#pragma once
#include "../config.hpp"
#include "ast.hpp"

namespace dbgsift::grammar {

struct prompt_line_class;
using prompt_line_type = x3::rule<prompt_line_class, ast::prompt_line>;
BOOST_SPIRIT_DECLARE(prompt_line_type)
prompt_line_type const& prompt_line();

struct session_marker_class;
using session_marker_type = x3::rule<session_marker_class, ast::session_marker>;
BOOST_SPIRIT_DECLARE(session_marker_type)
session_marker_type const& session_marker();

// The text after "Debug session time:", read as a date.
struct session_time_class;
using session_time_type = x3::rule<session_time_class, ast::session_time>;
BOOST_SPIRIT_DECLARE(session_time_type)
session_time_type const& session_time();

} // namespace dbgsift::grammar
