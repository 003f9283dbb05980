// SPDX-License-Identifier: MIT
// Spirit coding style: ID foo_class, type foo_type, definition foo_def, object foo.
// Included only by lm.cpp.
#pragma once
#include "../common/byte_run.hpp"
#include "../common/common.hpp"
#include "../common/fixed_literal.hpp"
#include "ast_adapted.hpp"
#include "lm.hpp"

namespace dbgsift::grammar {
namespace lm_detail {
namespace c = common;

// "**", what x3::lit("**") reads: one compare of two bytes, where x3::lit compared a byte at a
// time (the bold around every row is tried at both its ends).
auto const two_stars = c::lit_fixed<"**">;

// (A byte other than '*' cannot begin "**": a run of such bytes is taken in one call, by the
// name below as a run of graph_byte_but<'*'>, by the timestamp and the path as one of these.)
struct text_byte {
    static constexpr c::byte_table taken = c::bytes_except("*");
};
// Both runs are read sixteen bytes a step (set_lanes::k_wide): a set that left it would read a
// byte a step without a word.
static_assert(c::set_lanes<text_byte>::k_wide && c::set_lanes<c::graph_byte_but<'*'>>::k_wide);
// "myfault", "MyAVDrv.sys", "kd_02_10ec"
auto const module_name = x3::rule<struct module_name_class, text_range>{"module name"} =
    x3::lexeme[x3::raw[+(c::byte_run<c::graph_byte_but<'*'>>{} | (x3::ascii::graph - two_stars))]];
// The checksum / type flag letter before the status: "T (no symbols)", "C (private pdb symbols)"
auto const flag_letter = x3::lexeme[x3::ascii::upper >> !x3::ascii::graph] >> &x3::lit('(');
// "(deferred)", "(no symbols)", "(pdb symbols)"
auto const status = x3::rule<struct status_class, text_range>{"symbol status"} =
    x3::lexeme[x3::raw['(' >> c::bytes_before<')'> >> ')']];
// (Fixed literals: tried on every row, most of which print no timestamp.)
auto const weekday = c::lit_fixed<"Mon"> | c::lit_fixed<"Tue"> | c::lit_fixed<"Wed"> | c::lit_fixed<"Thu"> |
                     c::lit_fixed<"Fri"> | c::lit_fixed<"Sat"> | c::lit_fixed<"Sun">;
// lmt: "Sat Nov 20 10:19:07 2010 (4CE7A1AB)"
auto const timestamp = x3::rule<struct timestamp_class, text_range>{"timestamp"} =
    &x3::lexeme[weekday >> x3::ascii::blank] >>
    x3::lexeme[x3::raw[+(c::byte_run<text_byte>{} | (x3::char_ - two_stars))]];
auto const path = x3::rule<struct path_class, text_range>{"path"} =
    x3::lexeme[x3::raw[*(c::byte_run<text_byte>{} | (x3::char_ - two_stars))]];
auto const bold = x3::omit[-two_stars];
// "Image path", "Loaded symbol image file", "CheckSum"
auto const detail_key = x3::rule<struct detail_key_class, text_range>{"detail name"} =
    x3::lexeme[x3::raw[x3::ascii::alpha >> c::bytes_before<':'>]];  // *(x3::char_ - ':'), in one call

} // namespace lm_detail

namespace ld = lm_detail;

struct lm_command_class {};
lm_command_type const lm_command_rule = "lm command";
// "lmv m MyAVDrv.sys", "lm a fffff880`044b63aa", "lmsm"
auto const lm_command_rule_def =
    x3::lexeme[x3::lit("lm") >> *x3::ascii::alpha >> !x3::ascii::graph] >> x3::omit[common::rest_of_line];

struct lm_header_class {};
lm_header_type const lm_header_rule = "lm header";
// "start             end                 module name"
auto const lm_header_rule_def = ld::bold >> x3::lit("start") >> x3::lit("end") >> x3::lit("module") >>
                                x3::lit("name") >> ld::bold;

struct unloaded_title_class {};
unloaded_title_type const unloaded_title_rule = "Unloaded modules:";
// "Unloaded modules:"
auto const unloaded_title_rule_def = x3::lit("Unloaded") >> x3::lit("modules") >> x3::lit(':');

struct module_row_class : note_span {};
module_row_type const module_row_rule = "module row";
// "fffff880`044b5000 fffff880`044bc000   myfault    (no symbols)"
// "**fffff802`68fa0000 fffff802`6b406000 nvlddmkm (deferred)**" (a blog's bold kept)
auto const module_row_rule_def =
    ld::bold >> common::address >> common::address >> ld::module_name >>
    x3::omit[-ld::flag_letter] >> (ld::status | x3::attr(text_range())) >>
    (ld::timestamp | x3::attr(text_range())) >> ld::path >> ld::bold;

struct module_detail_class : note_span {};
module_detail_type const module_detail_rule = "lmv detail line";
// "    Image path: \SystemRoot\system32\DRIVERS\myfault.sys"
auto const module_detail_rule_def =
    ld::detail_key >> ':' >> common::rest_of_line_range;

struct dml_residue_class {};
dml_residue_type const dml_residue_rule = "DML link text";
// "Browse full module list"
auto const dml_residue_rule_def = common::keyword(x3::lit("Browse")) >> x3::omit[common::rest_of_line];

struct module_row_head_class {};
module_row_head_type const module_row_head_rule = "cut module row";
// "00007ffc`1fca0000 0000"
auto const module_row_head_rule_def =
    x3::raw[x3::lexeme[+x3::ascii::xdigit >> -('`' >> +x3::ascii::xdigit)] >>
            x3::lexeme[+x3::ascii::xdigit >> -x3::lit('`')]];

struct path_tail_class {};
path_tail_type const path_tail_rule = "rest of a wrapped path";
// "nel32.pdb\3B92DED9912D874A2BD08735BC0199A31\kernel32.pdb"
auto const path_tail_rule_def = common::word;

BOOST_SPIRIT_DEFINE(lm_command_rule, lm_header_rule, unloaded_title_rule, module_row_rule,
                    module_detail_rule, dml_residue_rule, module_row_head_rule, path_tail_rule)

} // namespace dbgsift::grammar
