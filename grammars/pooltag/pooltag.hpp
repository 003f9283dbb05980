// SPDX-License-Identifier: MIT
// pooltag.txt lines: "Tag - binary - description", and the comment lines to skip.
#pragma once
#include "../config.hpp"
#include "ast.hpp"

namespace dbgsift::grammar {

DBGSIFT_RULE(pooltag_entry, ast::pooltag_entry)

// "// comment", "; comment", "rem comment"
DBGSIFT_RULE(pooltag_comment, x3::unused_type)

} // namespace dbgsift::grammar
