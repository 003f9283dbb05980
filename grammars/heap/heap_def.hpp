// SPDX-License-Identifier: MIT
// Spirit coding style: ID foo_class, type foo_type, definition foo_def, object foo.
// Included only by heap.cpp.
#pragma once
#include "../common/common.hpp"
#include "../common/fixed_literal.hpp"
#include "../common/noted_expect.hpp"
#include "ast_adapted.hpp"
#include "heap.hpp"

namespace dbgsift::grammar {
namespace heap_detail {
namespace c = common;

// A token ends at a blank or at the end of the line, never inside a longer word.
auto const token_end = !x3::ascii::graph;

// common::heap_address as a range into the line: the parser copies the text once, into the
// model's row, where a string built here was moved twice on the way.
auto const heap_address = x3::rule<struct heap_address_range_class, text_range>{"heap address"} =
    x3::lexeme[x3::raw[c::hex16] >> token_end];

// "08000002"
auto const flags = x3::rule<struct flags_class, std::uint64_t>{"heap flags"} =
    x3::lexeme[c::hex8 >> token_end];

auto const number = x3::rule<struct number_class, std::uint64_t>{"number"} =
    x3::lexeme[c::count >> token_end];

// "0", "c" (the debugger prints lock contention in hex), "bad" (heap without a lock).
// "bad" is tried first: it is also a valid hex number.
auto const lock_contention =
    x3::rule<struct lock_contention_class, boost::optional<std::uint64_t>>{"lock contention"} =
        x3::lexeme[c::lit_fixed<"bad"> >> token_end] | x3::lexeme[c::hex16 >> token_end];

// "LFH" (low fragmentation heap), "L" (XP lookaside lists), "N/A": a range into the line, which
// the parser copies (x3::string appended each literal to a string the row then moved along).
// Its words and lock_contention's "bad" are fixed literals, one compare each, where x3::lit
// compared a byte at a time on every row.
auto const fast_heap = x3::rule<struct fast_heap_class, text_range>{"fast heap"} =
    x3::lexeme[x3::raw[(c::lit_fixed<"LFH"> | c::lit_fixed<"N/A"> | x3::lit('L')) >> token_end]];

// The words of the table header, in both the NT heap and the segment heap layouts.
struct header_word_table : x3::symbols<int> {
    header_word_table() {
        for (char const* w : {"Heap", "Flags", "Reserv", "Commit", "Virt", "Free", "List", "UCR",
                              "Lock", "Fast", "(k)", "length", "blocks", "cont.", "heap",
                              "Global", "Process", "Total", "Address", "Signature", "Index",
                              "Reserved", "Committed", "Bytes", "(K)"}) {
            add(w, 0);
        }
    }
} const header_word;

// "-----...", "*****...": a run of 80 read sixteen bytes a step (common::run_of).
auto const& dash_rule = common::run_of<'-'>;
auto const& star_rule = common::run_of<'*'>;

} // namespace heap_detail

namespace hd = heap_detail;

// "!heap -s", "!heap -p -a 0x1234"
struct heap_command_class : note_span {};
heap_command_type const heap_command_rule = "!heap command";
auto const heap_command_rule_def =
    common::keyword(common::lit_any_case("!heap")) >> *common::word_range;

// "-------------------------------------------------------------------------------"
// "------" (the rest of that rule, wrapped at 80 columns)
// "*                            NT HEAP STATS BELOW"
struct heap_separator_class {};
heap_separator_type const heap_separator_rule = "!heap separator";
auto const heap_separator_rule_def =
    hd::dash_rule | (-hd::star_rule >> "NT" >> "HEAP" >> "STATS" >> "BELOW" >> -hd::star_rule) |
    hd::star_rule;

// "           Heap     Flags   Reserv  Commit  Virt   Free  List   UCR  Virt  Lock"
// "  Fast"
// "                             (k)     (k)    (k)     (k) length      blocks cont."
struct heap_header_class {};
heap_header_type const heap_header_rule = "!heap header";
auto const heap_header_rule_def = +common::keyword(hd::header_word);

// "NtGlobalFlag enables following debugging aids for new heaps:"
// "LFH Key                   : 0x000000f841c4f9c0"   ("*LFH Key" after a star rule lost its line)
// "Termination on corruption : ENABLED"
// "Affinity manager status:"  "   - Virtual affinity limit 8"  "   - Statistics:  Swaps=0, ..."
// "SEGMENT HEAP ERROR: failed to initialize the extention": a debugger that cannot read segment
//   heaps says so, then lists the NT heaps (corpus/heap/028.txt:2, its spelling)
struct heap_preamble_class : note_span, report_expectation {};
heap_preamble_type const heap_preamble_rule = "!heap preamble";
auto const heap_preamble_rule_def =
    (x3::lit("NtGlobalFlag") >> "enables" >> x3::attr(ast::preamble_kind::global_flag) >> common::rest_of_line) |
    (-x3::lit('*') >> "LFH" >> "Key" >> ':' >> x3::attr(ast::preamble_kind::lfh_key) > common::word) |
    (x3::lit("Termination") >> "on" >> "corruption" >> ':' >> x3::attr(ast::preamble_kind::termination) > common::word) |
    (x3::lit("Affinity") >> "manager" >> "status:" >> x3::attr(ast::preamble_kind::affinity) >> common::rest_of_line) |
    (x3::lit("SEGMENT") >> "HEAP" >> "ERROR:" >> x3::attr(ast::preamble_kind::segment_heap_error) >>
     common::rest_of_line) |
    (x3::lit('-') >>
     (x3::lit("Virtual") >> "affinity" | x3::lit("Current") >> "entries" | x3::lit("Statistics:")) >>
     x3::attr(ast::preamble_kind::affinity) >> common::rest_of_line);

// "stack back traces", "    tail checking"
struct heap_debug_aid_class : note_span {};
heap_debug_aid_type const heap_debug_aid_rule = "debugging aid";
auto const heap_debug_aid_rule_def =
    x3::lexeme[x3::raw[+x3::ascii::lower >> *(+x3::lit(' ') >> +x3::ascii::lower)]];

// "0000000001a40000 08000002    4096   1444   4096   1164     4     3    0      0"
// "00000218f1710000 00000002   65320  14712  64928   5575   163    16    2      c   LFH"
// "63830000 00001001   10240  10240  10240    160    21     0    0    bad      "
// "-------63830000 00001001 ..." (a blog highlighted the row with dashes)
// Once address and flags are read, every count must follow: a missing one is reported.
// noted_expect: the same diagnostic as '>' without a throw (the !heap -s rows an archive
// pastes wrapped or cut short, each one unwound otherwise).
struct heap_row_class : note_span, report_expectation {};
heap_row_type const heap_row_rule = "!heap -s row";
auto const heap_row_rule_def =
    x3::omit[x3::lexeme[*x3::lit('-')]] >> hd::heap_address >> !common::lit_fixed<"ddeeddee"> >> hd::flags >>
    common::noted_expect[hd::number] >> common::noted_expect[hd::number] >>
    common::noted_expect[hd::number] >> common::noted_expect[hd::number] >>
    common::noted_expect[hd::number] >> common::noted_expect[hd::number] >>
    common::noted_expect[hd::number] >> common::noted_expect[hd::lock_contention] >>
    (hd::fast_heap | x3::attr(text_range()));

// "   LFH"
struct heap_fast_continuation_class : note_span {};
heap_fast_continuation_type const heap_fast_continuation_rule = "wrapped Fast heap column";
auto const heap_fast_continuation_rule_def = hd::fast_heap;

// "External fragmentation  80 % (4 free blocks)"
// "    External fragmentation  93 % (32 free blocks)"
// "Virtual address fragmentation  60 % (12 uncommited ranges)"
struct heap_fragmentation_class : note_span, report_expectation {};
heap_fragmentation_type const heap_fragmentation_rule = "heap fragmentation";
auto const heap_fragmentation_rule_def =
    (x3::lit("External") >> "fragmentation" >> x3::attr(ast::fragmentation_kind::external) > hd::number > '%' > '(' >
     hd::number > "free" > "blocks" > ')') |
    (x3::lit("Virtual") >> "address" >> "fragmentation" >> x3::attr(ast::fragmentation_kind::virtual_address) > hd::number > '%' >
     '(' > hd::number > (x3::lit("uncommited") | "uncommitted") > "ranges" > ')');

// "    2531eb90000       ddeeddee       0         1          8276        6832"
struct segment_heap_row_class : note_span, report_expectation {};
segment_heap_row_type const segment_heap_row_rule = "segment heap row";
auto const segment_heap_row_rule_def =
    hd::heap_address >> x3::lexeme[x3::lit("ddeeddee") >> hd::token_end] > hd::flags > hd::number >
    hd::number > hd::number;

// "    Virtual block: 01750000 - 01750000 (size 00000000)" (the size is often printed as 0)
struct heap_virtual_block_class : note_span, report_expectation {};
heap_virtual_block_type const heap_virtual_block_rule = "heap virtual block";
auto const heap_virtual_block_rule_def =
    x3::lit("Virtual") >> "block" >> ':' > common::address > '-' > common::address > '(' > "size" >
    common::address > ')';

BOOST_SPIRIT_DEFINE(heap_virtual_block_rule, heap_command_rule, heap_separator_rule, heap_header_rule, heap_preamble_rule,
                    heap_debug_aid_rule, heap_row_rule, heap_fast_continuation_rule,
                    heap_fragmentation_rule, segment_heap_row_rule)

} // namespace dbgsift::grammar
