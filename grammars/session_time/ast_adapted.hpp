// SPDX-License-Identifier: MIT
#pragma once
#include "ast.hpp"
#include <boost/fusion/include/adapt_struct.hpp>

BOOST_FUSION_ADAPT_STRUCT(dbgsift::grammar::ast::session_time, month, day, hour, minute, second,
                          millis, year, offset_sign, offset_hours, offset_minutes)
