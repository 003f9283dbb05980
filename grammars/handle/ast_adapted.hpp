// SPDX-License-Identifier: MIT
#pragma once
#include "ast.hpp"
#include <boost/fusion/include/adapt_struct.hpp>

BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::handle_type_count, type, count)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::kernel_handle_entry, handle, object,
                          granted_access, flags)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::kernel_object, object, type_object, type)
BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::kernel_object_counts, handle_count, pointer_count)
