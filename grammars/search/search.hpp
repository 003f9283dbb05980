// SPDX-License-Identifier: MIT
// Memory search: the typed command and its hit lines.
#pragma once
#include "../config.hpp"
#include "ast.hpp"

namespace dbgsift::grammar {

// "s -a 0 L?80000000 \"Leak\"", "!for_each_module s -a @#Base @#End \"Leak\"", "s -d esp L100 1"
DBGSIFT_RULE(search_command, ast::search_command)

// "fffff880`044b63aa  4c 65 61 6b 3b c1 0f 42-c1 41 8d 49 fd 8b d0 ff  Leak;..B.A.I...."
DBGSIFT_RULE(memory_hit, ast::memory_hit)

} // namespace dbgsift::grammar
