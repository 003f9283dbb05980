// SPDX-License-Identifier: MIT
// "200189   (  800756 Kb)": the pages / kilobytes pair of !vm rows.
#pragma once
#include "ast_adapted.hpp"
#include "common.hpp"

namespace dbgsift::grammar::common {

inline auto const pages_kb = x3::rule<struct pages_kb_class, ast::pages_kb>{"pages (Kb)"} =
    count >> '(' >> count >> kb_unit >> ')';

} // namespace dbgsift::grammar::common
