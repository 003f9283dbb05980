// SPDX-License-Identifier: MIT
// The debugger's "Debug session time:" text, read as a date, a time and a UTC offset.
#pragma once
#include "../config.hpp"
#include "ast.hpp"

namespace dbgsift::grammar {

// "Thu Jan 17 10:58:58.567 2019 (UTC + 9:00)"
struct session_time_class;
using session_time_type = x3::rule<session_time_class, ast::session_time>;
BOOST_SPIRIT_DECLARE(session_time_type)
session_time_type const& session_time();

} // namespace dbgsift::grammar
