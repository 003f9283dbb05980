// SPDX-License-Identifier: MIT
// pooltag.txt lines: "Tag - binary - description", and the comment lines to skip.
#pragma once
#include "../config.hpp"
#include "ast.hpp"

namespace dbgsift::grammar {

struct pooltag_entry_class;
using pooltag_entry_type = x3::rule<pooltag_entry_class, ast::pooltag_entry>;
BOOST_SPIRIT_DECLARE(pooltag_entry_type)
pooltag_entry_type const& pooltag_entry();

// "// comment", "; comment", "rem comment"
struct pooltag_comment_class;
using pooltag_comment_type = x3::rule<pooltag_comment_class>;
BOOST_SPIRIT_DECLARE(pooltag_comment_type)
pooltag_comment_type const& pooltag_comment();

} // namespace dbgsift::grammar
