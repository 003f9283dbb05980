// SPDX-License-Identifier: MIT
#pragma once
#include "ast.hpp"
#include <boost/fusion/include/adapt_struct.hpp>

BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::heap_message_body, kind, function, a, b, n)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::heap_message, process, body)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::heap_failure_field, key, type, index, a, b)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::verifier_stop, code, pid, description)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::verifier_parameter, value, role)
