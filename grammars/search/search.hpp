// SPDX-License-Identifier: MIT
// Memory search: the typed command and its hit lines.
#pragma once
#include "../config.hpp"
#include "ast.hpp"

namespace dbgsift::grammar {

// "s -a 0 L?80000000 \"Leak\"", "!for_each_module s -a @#Base @#End \"Leak\"", "s -d esp L100 1"
struct search_command_class;
using search_command_type = x3::rule<search_command_class, ast::search_command>;
BOOST_SPIRIT_DECLARE(search_command_type)
search_command_type const& search_command();

// "fffff880`044b63aa  4c 65 61 6b 3b c1 0f 42-c1 41 8d 49 fd 8b d0 ff  Leak;..B.A.I...."
struct memory_hit_class;
using memory_hit_type = x3::rule<memory_hit_class, ast::memory_hit>;
BOOST_SPIRIT_DECLARE(memory_hit_type)
memory_hit_type const& memory_hit();

} // namespace dbgsift::grammar
