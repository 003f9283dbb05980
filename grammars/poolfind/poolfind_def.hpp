// SPDX-License-Identifier: MIT
// Spirit coding style: ID foo_class, type foo_type, definition foo_def, object foo.
// Included only by poolfind.cpp.
#pragma once
#include "../common/common.hpp"
#include "../common/fixed_literal.hpp"
#include "ast_adapted.hpp"
#include "poolfind.hpp"

namespace dbgsift::grammar {
namespace poolfind_detail {
namespace c = common;

auto const token_end = !x3::ascii::graph;

auto const hex = x3::rule<struct hex_class, std::uint64_t>{"hex number"} =
    x3::lexeme[-c::lit_fixed_any_case<"0x"> >> c::hex16 >> !x3::ascii::alnum];

struct state_table : x3::symbols<ast::pool_block_state> {
    state_table() {
        add("Allocated", ast::pool_block_state::allocated)("Free", ast::pool_block_state::free);
    }
} const state;

struct pool_table : x3::symbols<ast::pool_kind> {
    pool_table() {
        add("NonPaged", ast::pool_kind::nonpaged)("Nonpaged", ast::pool_kind::nonpaged)(
            "nonpaged", ast::pool_kind::nonpaged)("Paged", ast::pool_kind::paged)(
            "paged", ast::pool_kind::paged)("Session", ast::pool_kind::session);
    }
} const pool;

// "SeSd", "Mm  " (kept as "Mm"), "ObDi"
// (x3::raw: the tag as a range into the line, where the repeat appended it to a string a byte
// at a time, on every row.)
auto const tag = x3::rule<struct tag_class, text_range>{"pool tag"} =
    x3::lexeme[x3::raw[x3::repeat(1, 4)[x3::ascii::graph - ',']]];

} // namespace poolfind_detail

namespace pfd = poolfind_detail;

// "!poolfind SeSd 0", "!pool e1001050"
struct pool_command_class {};
pool_command_type const pool_command_rule = "!poolfind / !pool command";
auto const pool_command_rule_def =
    common::keyword(common::lit_any_case("!poolfind")) >> *common::word;

// "!pool e1001050"
struct pool_page_command_class {};
pool_page_command_type const pool_page_command_rule = "!pool command";
auto const pool_page_command_rule_def =
    common::keyword(common::lit_any_case("!pool")) >> *common::word;

// (Fixed literals: x3::lit compared its text a byte at a time, on every row.)
// "826fa130 size:   c0 previous size:   40  (Allocated) SeSd"
// "*e1001050 size:   10 previous size:   10  (Allocated) *ObDi"
// " 86294000 size:   30 previous size:    0  (Allocated)  Even (Protected)"
// " 83b452f0 size:  208 previous size:  1b0  (Allocated)  Irp  Process: 856afd40"
struct pool_block_row_class : note_span, report_expectation {};
pool_block_row_type const pool_block_row_rule = "pool block row";
auto const pool_block_row_rule_def =
    ((x3::lit('*') >> x3::attr(true)) | x3::attr(false)) >> x3::lexeme[common::address] >>
    common::lit_fixed<"size:"> > pfd::hex > common::lit_fixed<"previous"> > common::lit_fixed<"size:"> > pfd::hex > '(' >
    pfd::state > ')' > -x3::lit('*') > pfd::tag > ((common::lit_fixed<"(Protected)"> >> x3::attr(true)) | x3::attr(false)) >
    -(common::lit_fixed<"Process:"> > x3::lexeme[common::address]);

// "Pool page 83b45af8 region is Nonpaged pool", "Pool page ffffde87fe461150 region is Paged pool"
struct pool_page_region_class : note_span, report_expectation {};
pool_page_region_type const pool_page_region_rule = "Pool page line";
// "Pool page 0fffc48068d7d000 region is Unknown": the debugger cannot place the page
// (corpus/pool/006.txt:15).
auto const pool_page_region_rule_def = x3::lit("Pool") >> "page" >> x3::lexeme[common::address] >>
                                       "region" > "is" >
                                       ((pfd::pool > "pool") | (x3::lit("Unknown") >> x3::attr(ast::pool_kind::unknown)));

// "\tOwning component : Unknown (update pooltag.txt)", "Owning component : <what pooltag.txt says>"
auto const owner_text = x3::rule<struct owner_text_class, std::string>{"owner"} =
    x3::lexeme[+x3::char_];
struct pool_owner_class : report_expectation {};
pool_owner_type const pool_owner_rule = "Owning component line";
// Newer debuggers name the tag first: "Pooltag Ntfs : NTFS general allocation, Binary : ntfs.sys"
// (the description and binary pooltag.txt gives, kept whole as the owner).
auto const pool_owner_rule_def =
    (x3::lit("Owning") >> "component" >> ':' >
     ((x3::lit("Unknown") >> "(update" >> "pooltag.txt)" >> x3::attr(std::string())) | owner_text)) |
    (x3::lit("Pooltag") >> x3::omit[x3::lexeme[x3::repeat(1, 4)[x3::ascii::graph - ':']]] >> ':' > owner_text);

// "86619000 : tag XPPH, size    0x79e8, Nonpaged pool"
// "866209f0 : tag Frag, size         0, Nonpaged pool"
struct pool_find_row_class : note_span, report_expectation {};
pool_find_row_type const pool_find_row_rule = "!poolfind row";
auto const pool_find_row_rule_def = x3::lexeme[common::address] >> ':' >> common::lit_fixed<"tag"> > pfd::tag > ',' >
                                    common::lit_fixed<"size"> > pfd::hex > ',' > pfd::pool > common::lit_fixed<"pool">;

// "Searching NonPaged pool (823b1000 : 82800000) for Tag: SeSd"
// "Searching nonpaged pool (ffff830000000000 : ffff930000000000) for tag 0x636f7250 (Proc)"
//   (the newer extension, corpus/poolfind/003.txt:6)
struct pool_search_class : note_span {};
pool_search_type const pool_search_rule = "!poolfind search line";
auto const pool_search_rule_def =
    x3::lit("Searching") >> pfd::pool >>
    x3::omit[x3::lit("pool") >> '(' >> pfd::hex >> ':' >> pfd::hex >> ')' >> "for" >>
             ((x3::lit("Tag:") >> pfd::tag) | (x3::lit("tag") >> pfd::hex >> '(' >> pfd::tag >> ')'))];

// corpus/pool/006.txt:16-19 (a BAD_POOL_HEADER dump whose page had been freed)
struct pool_page_damage_class : note_span {};
pool_page_damage_type const pool_page_damage_rule = "!pool damaged-page message";
auto const pool_page_damage_rule_def =
    (x3::lexeme[common::address] >> "is" >> "not" >> "valid" >> "pool." >> "Checking" >> "for" >> "freed" >>
     "(or" >> "corrupt)" >> "pool" >> x3::attr(model::PoolPageTrouble::not_valid_pool)) |
    (x3::lit("Address") >> x3::lexeme[common::address] >> "could" >> "not" >> "be" >> "read." >>
     x3::omit[common::rest_of_line] >> x3::attr(model::PoolPageTrouble::unreadable)) |
    (x3::lexeme[common::address] >> "is" >> "not" >> "a" >> "valid" >> "large" >> "pool" >> "allocation," >>
     x3::omit[common::rest_of_line] >> x3::attr(model::PoolPageTrouble::not_large_pool));

struct pool_chatter_class {};
pool_chatter_type const pool_chatter_rule = "!poolfind chatter";
auto const pool_chatter_rule_def =
    (x3::lit("Scanning") >> "large" >> "pool" >> "allocation" >> "table" >> "for" >> common::rest_of_line) |
    (x3::lit("***") >> "CacheSize" >> common::rest_of_line) |
    (x3::lit("Max") >> "cache" >> "size" >> common::rest_of_line) |
    (x3::lit("Total") >> "memory" >> "in" >> "cache" >> common::rest_of_line) |
    (x3::lit("Number") >> "of" >> "regions" >> "cached:" >> common::rest_of_line) |
    (common::count >> "full" >> "reads" >> "broken" >> common::rest_of_line) |
    (x3::lit("counts:") >> common::rest_of_line) | (x3::lit("bytes") >> ':' >> common::rest_of_line) |
    (x3::lit("**") >> (x3::lit("Transition") | "Prototype") >> "PTEs" >> common::rest_of_line) |
    // "Unable to read large session pool table (Session data is not present in mini and
    // kernel-only dumps)": corpus/pool/006.txt:17
    (x3::lit("Unable") >> "to" >> "read" >> "large" >> "session" >> "pool" >> "table" >> common::rest_of_line);

// "...terminating - searched pool to e1224000"
struct pool_terminated_class {};
pool_terminated_type const pool_terminated_rule = "!poolfind interrupted";
auto const pool_terminated_rule_def =
    x3::lit("...terminating") >> '-' >> "searched" >> "pool" >> "to" >> pfd::hex;

BOOST_SPIRIT_DEFINE(pool_command_rule, pool_page_command_rule, pool_block_row_rule, pool_page_region_rule,
                    pool_owner_rule, pool_find_row_rule, pool_search_rule, pool_page_damage_rule,
                    pool_chatter_rule, pool_terminated_rule)

} // namespace dbgsift::grammar
