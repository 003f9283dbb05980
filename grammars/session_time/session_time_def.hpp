// SPDX-License-Identifier: MIT
// Spirit coding style: ID foo_class, type foo_type, definition foo_def, object foo.
// Included only by session_time.cpp.
#pragma once
#include "../common/common.hpp"
#include "ast_adapted.hpp"
#include "session_time.hpp"

namespace dbgsift::grammar {
namespace session_time_detail {

struct month_table : x3::symbols<unsigned> {
    month_table() {
        add("Jan", 1)("Feb", 2)("Mar", 3)("Apr", 4)("May", 5)("Jun", 6)("Jul", 7)("Aug", 8)(
            "Sep", 9)("Oct", 10)("Nov", 11)("Dec", 12);
    }
};
inline month_table const month;

struct sign_table : x3::symbols<int> {
    sign_table() { add("+", 1)("-", -1); }
};
inline sign_table const sign;

auto const two_digits = x3::uint_parser<unsigned, 10, 1, 2>{};
auto const weekday = x3::omit[x3::lexeme[x3::repeat(3)[x3::ascii::alpha]]];
// "10:58:58.567", "16:53:16"; a sequence of single values, so each lands in its own field
auto const clock = two_digits >> ':' >> two_digits >> ':' >> two_digits >>
                   (x3::lexeme['.' >> x3::uint_parser<unsigned, 10, 1, 3>{} >>
                               x3::omit[*x3::ascii::digit]] |
                    x3::attr(0u));
// "(UTC + 9:00)", "(UTC - 5:00)", "(GMT+9)", "(UTC)"
auto const offset = '(' >> x3::omit[x3::lit("UTC") | x3::lit("GMT")] >> (sign | x3::attr(1)) >>
                    (two_digits | x3::attr(0u)) >> ((':' >> two_digits) | x3::attr(0u)) >> ')';

} // namespace session_time_detail

namespace td = session_time_detail;

struct session_time_class {};
session_time_type const session_time_rule = "debug session time";
// "Thu Jan 17 10:58:58.567 2019 (UTC + 9:00)"; what follows the offset (an uptime run into
// the same line by a paste) is not part of the time.
auto const session_time_rule_def =
    td::weekday >> td::month >> td::two_digits >> td::clock >>
    x3::uint_parser<unsigned, 10, 4, 4>{} >> td::offset >> x3::omit[*x3::char_];

BOOST_SPIRIT_DEFINE(session_time_rule)

} // namespace dbgsift::grammar
