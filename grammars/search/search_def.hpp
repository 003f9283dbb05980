// SPDX-License-Identifier: MIT
// Spirit coding style: ID foo_class, type foo_type, definition foo_def, object foo.
// Included only by search.cpp.
#pragma once
#include "../common/common.hpp"
#include "ast_adapted.hpp"
#include "search.hpp"

namespace dbgsift::grammar {
namespace search_detail {

// The letter that says what is sought, either case.
struct search_letter_table : x3::symbols<ast::search_kind> {
    search_letter_table() {
        using k = ast::search_kind;
        add("a", k::ascii)("b", k::byte)("d", k::dword)("q", k::qword)("u", k::unicode)("w", k::word);
    }
} const search_letter;
// "-a", "-[1]a", "-sa", "-[l4]u": options in brackets, then the letter that says what is sought
auto const search_kind = x3::lexeme['-' >> x3::omit[-('[' >> *(x3::char_ - ']') >> ']')] >>
                                    x3::omit[-x3::lit('s')] >> x3::no_case[search_letter] >>
                                    !x3::ascii::graph];
auto const quoted = x3::rule<struct quoted_class, std::string>{"quoted text"} =
    x3::lexeme['"' >> *(x3::char_ - '"') >> '"'];
auto const argument = x3::lexeme[+(x3::ascii::graph - '"')];
// One byte of a `db`-style dump; the eighth and ninth are joined by '-'.
auto const dump_byte = x3::lexeme[x3::repeat(2)[x3::ascii::xdigit] >> !(x3::ascii::graph - '-')];
auto const byte_dump = dump_byte >> x3::repeat(0, 15)[-x3::lit('-') >> dump_byte];
// A `dd`/`dw`/`dq`-style dump: groups of 4, 8 or 16 hex digits.
auto const value_dump = +x3::lexeme[(x3::repeat(16)[x3::ascii::xdigit] | x3::repeat(8)[x3::ascii::xdigit] |
                                     x3::repeat(4)[x3::ascii::xdigit]) >>
                                    !x3::ascii::graph];

} // namespace search_detail

namespace sd = search_detail;

struct search_command_class {};
search_command_type const search_command_rule = "memory search command";
// "!for_each_module s -a @#Base @#End \"Leak\""
auto const search_command_rule_def =
    x3::omit[-(x3::no_case[common::keyword(x3::lit("!for_each_module"))] >> -x3::lit('"'))] >>
    common::keyword(x3::lit('s')) >> sd::search_kind >> x3::omit[*sd::argument] >>
    (sd::quoted | x3::attr(std::string())) >> x3::omit[common::rest_of_line];

struct memory_hit_class : note_span {};
memory_hit_type const memory_hit_rule = "memory search hit";
// "fffff880`044b63aa  4c 65 61 6b 3b c1 0f 42-c1 41 8d 49 fd 8b d0 ff  Leak;..B.A.I...."
auto const memory_hit_rule_def =
    common::address >> x3::omit[sd::byte_dump | sd::value_dump] >> common::rest_of_line;

BOOST_SPIRIT_DEFINE(search_command_rule, memory_hit_rule)

} // namespace dbgsift::grammar
