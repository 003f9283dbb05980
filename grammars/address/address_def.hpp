// SPDX-License-Identifier: MIT
// Spirit coding style: ID foo_class, type foo_type, definition foo_def, object foo.
// Included only by address.cpp.
#pragma once
#include "../common/blank_pad.hpp"
#include "../common/byte_run.hpp"
#include "../common/common.hpp"
#include "../common/noted_expect.hpp"
#include "address.hpp"
#include "ast_adapted.hpp"
#include "real_number.hpp"

namespace dbgsift::grammar {
namespace address_detail {
namespace c = common;

// A token ends at a blank or at the end of the line, never inside a longer word.
auto const token_end = !x3::ascii::graph;

// '-', and the en/em dashes a web page put in its place (the decoder usually plains them).
auto const dash = x3::lit('-') | x3::lit("\xe2\x80\x93") | x3::lit("\xe2\x80\x94");
auto const dash_run = x3::lexeme[+dash];

// "0`00240000", "7ffe`d06bb000", "75831000"
auto const address_token = x3::rule<struct address_token_class, std::uint64_t>{"address"} =
    x3::lexeme[c::address >> token_end];
// "686a7000", "579000" (old summary sizes, hex without a backtick)
auto const hex_token = x3::rule<struct hex_token_class, std::uint64_t>{"hex size"} =
    x3::lexeme[c::hex16 >> token_end];
auto const number = x3::rule<struct number_class, std::uint64_t>{"number"} =
    x3::lexeme[c::count >> token_end];
// "95.60%", "00.27%"
auto const percent = x3::rule<struct percent_class, double>{"percent"} =
    x3::lexeme[real_number >> '%'];
// "( 1.912 Gb)", "(1008.000 kB)", "( 127.995 TB)": the readable copy of a hex size
// (lit_any_case: what X3's no_case[lit] reads, without libc's islower and tolower a byte; a
// failure names the alternative by its type, which expected_message words as it worded no_case's.)
auto const size_unit = c::lit_any_case("kb") | c::lit_any_case("mb") | c::lit_any_case("gb") |
                       c::lit_any_case("tb") | c::lit_any_case("bytes") | c::lit_any_case("b");
auto const readable_size = x3::rule<struct readable_size_class>{"readable size"} =
    x3::lit('(') > real_number > size_unit > ')';
auto const kb_in_parens = x3::omit[x3::lit('(') >> c::count >> -c::kb_unit >> ')'];

auto const mem_type = x3::rule<struct mem_type_class, std::string>{"MEM_ type"} =
    c::keyword(x3::string("MEM_PRIVATE") | x3::string("MEM_IMAGE") | x3::string("MEM_MAPPED"));
// MEM_COMMIT, MEM_RESERVE, MEM_FREE by model::k_region_state_names, the one table of them.
auto const region_state_names = c::symbols_of<model::RegionState>(model::k_region_state_names);
auto const mem_state = x3::rule<struct mem_state_class, model::RegionState>{"MEM_ state"} =
    c::keyword(region_state_names);
// "PAGE_READWRITE", "PAGE_READWRITE | PAGE_GUARD", "PAGE_READWRITE|PAGE_GUARD"
auto const page_word = x3::lexeme[x3::lit("PAGE_") >> +(x3::ascii::upper | x3::lit('_'))];
auto const protection = x3::rule<struct protection_class, std::string>{"PAGE_ protection"} =
    x3::raw[page_word >> *('|' >> page_word)];
// "Other", "<unknown>", "Heap64"; not the "[...]" of the details
auto const usage = x3::rule<struct usage_class, std::string>{"usage"} =
    x3::lexeme[x3::raw[(x3::ascii::graph - '[') >> *x3::ascii::graph]];

// A summary label: one or more words, none of which looks like a number or an address
// ("PAGE_READWRITE | PAGE_GUARD", "<unknown>", "Heap32").
// Each run (hex digits, a word, the blanks between words: a table row pads its label with
// tens of them) is read in one call, a byte_run: what +x3::ascii::xdigit, +x3::ascii::graph
// and +x3::ascii::blank read, a byte a call (issue 14).
struct xdigit_byte {
    static constexpr c::byte_table taken = c::bytes_of("0123456789abcdefABCDEF");
};
// Each run is read sixteen bytes a step (set_lanes::k_wide): a set that left it would read a
// byte a step without a word.
static_assert(c::set_lanes<xdigit_byte>::k_wide && c::set_lanes<c::graph_byte>::k_wide);
auto const label_word = !(c::byte_run<xdigit_byte>{} >> (x3::ascii::blank | x3::lit('`') | x3::eoi)) >>
                        c::byte_run<c::graph_byte>{};
// A range into the line: the parser copies it once, to the row's name (a string here was
// built on every row tried, and copied again).
auto const label = x3::rule<struct label_class, text_range>{"label"} =
    x3::lexeme[x3::raw[label_word % c::byte_run<c::blank_byte>{}]];

// The blanks that pad a table's columns: common/blank_pad.hpp.
auto const& pad = c::blank_pad;

struct section_table : x3::symbols<model::AddressTable> {
    section_table() {
        add("Usage", model::AddressTable::usage)("Type", model::AddressTable::type)(
            "State", model::AddressTable::state)("Protect", model::AddressTable::protect);
    }
} const section_name;

// The words of the column headers of the region list and of the old summary tables.
struct column_word_table : x3::symbols<int> {
    column_word_table() {
        for (std::string_view const w : address_column_words) {
            add(std::string(w), 0);
        }
    }
} const column_word;

// A set of field keys, spelled by ast::k_field_key_names.
struct field_keys : x3::symbols<ast::field_key> {
    field_keys(std::initializer_list<ast::field_key> keys) {
        for (auto k : keys) {
            add(std::string(ast::to_string(k)), k);
        }
    }
};
using fk = ast::field_key;
field_keys const code_keys{fk::type, fk::protect, fk::state};
field_keys const text_keys{fk::usage, fk::full_path, fk::pid_tid, fk::handle};
field_keys const colon_address_keys{fk::base_address, fk::end_address, fk::region_size, fk::allocation_base};
field_keys const colon_code_keys{fk::allocation_protect, fk::type, fk::state, fk::protect};
field_keys const colon_text_keys{fk::usage,       fk::more_info,         fk::content_source, fk::image_path,
                                 fk::module_name, fk::loaded_image_name, fk::mapped_image_name};
auto const code_key = c::keyword(code_keys);
auto const text_key = c::keyword(text_keys);
auto const& colon_address_key = colon_address_keys;
auto const& colon_code_key = colon_code_keys;
auto const& colon_text_key = colon_text_keys;
auto const no_value = x3::attr(boost::optional<std::uint64_t>());

} // namespace address_detail

namespace ad = address_detail;

// "!address", "!address  -summary", "!address 75831234"
struct address_command_class {};
address_command_type const address_command_rule = "!address command";
auto const address_command_rule_def =
    common::keyword(common::lit_any_case("!address")) >> *common::word;

// "------------------------------------------------------------------------------------------------------------------------"
// "        BaseAddress      EndAddress+1        RegionSize     Type       State                 Protect             Usage"
// "    TotSize (      KB)   Pct(Tots) Pct(Busy)   Usage"
struct address_header_class {};
address_header_type const address_header_rule = "!address header";
auto const address_header_rule_def = ad::dash_run | +common::keyword(ad::column_word);

// "--- Usage Summary ---------------- RgnCount ----------- Total Size -------- %ofBusy %ofTotal"
// "--- Protect Summary (for commit) - RgnCount ----------- Total Size -------- %ofBusy %ofTotal"
// "--- Largest Region by Usage ----------- Base Address -------- Region Size ----------"
// "-------------------- Usage SUMMARY --------------------------"
struct summary_section_class {};
summary_section_type const summary_section_rule = "!address summary section";
auto const summary_section_rule_def =
    ad::dash_run >>
    ((ad::section_name >> common::lit_any_case("Summary")) |
     (x3::lit("Largest") >> "Region" >> "by" >> "Usage" >> x3::attr(model::AddressTable::largest))) >>
    x3::omit[common::rest_of_line];

// "+ 0`00240000 0`00312000 0`000d2000 MEM_PRIVATE MEM_COMMIT PAGE_READWRITE Other [Stack Trace Database]"
// "0`00312000 0`01a37000 0`01725000 MEM_PRIVATE MEM_RESERVE Other [Stack Trace Database]"
// "+        0`00000000        0`00010000        0`00010000             MEM_FREE    PAGE_NOACCESS                      Free       "
// Three addresses make a region row: the state after them is then required.
// noted_expect: the diagnostic of '>' without a throw (a memory dump's rows, three hex words
// and no state, each one unwound otherwise). The other columns are optional: they never fail.
struct region_row_class : note_span, report_expectation {};
region_row_type const region_row_rule = "!address region row";
auto const region_row_rule_def =
    x3::omit[-(x3::lit('+') | x3::lit('*'))] >> ad::address_token >> ad::address_token >>
    ad::address_token >> (ad::mem_type | x3::attr(std::string())) >> common::noted_expect[ad::mem_state] >>
    (ad::protection | x3::attr(std::string())) >> (ad::usage | x3::attr(std::string())) >>
    common::rest_of_line;

// "MEM_COMMIT": the state text of an old-layout or single-region "State" field.
struct region_state_class {};
region_state_type const region_state_rule = "MEM_ state";
auto const region_state_rule_def = ad::mem_state;

// "00010000 : 00010000 - 00002000", "               01292000 - 00fae000" (nested sub-region)
struct old_region_head_class : note_span {};
old_region_head_type const old_region_head_rule = "old !address region";
auto const old_region_head_rule_def =
    -(ad::address_token >> ':') >> ad::address_token >> ad::dash >> ad::address_token;

// "Type     00020000 MEM_PRIVATE", "Protect 00000001 PAGE_NOACCESS", "Type     00000000",
// "Usage    RegionUsageIsVAD", "FullPath C:\WINDOWS\system32\IMM32.DLL"
struct old_region_field_class : note_span, report_expectation {};
old_region_field_type const old_region_field_rule = "old !address field";
auto const old_region_field_rule_def =
    (ad::code_key > x3::lexeme[common::hex8 >> ad::token_end] > common::rest_of_line) |
    (ad::text_key >> ad::no_value >> common::rest_of_line);

// "Usage:                  Image", "Base Address:           75831000",
// "Type:                   01000000MEM_IMAGE", "More info:              lmv m kernel32"
struct region_field_class : note_span, report_expectation {};
region_field_type const region_field_rule = "!address field";
auto const region_field_rule_def =
    (ad::colon_address_key >> ':' > common::address > common::rest_of_line) |
    (ad::colon_code_key >> ':' > x3::lexeme[common::hex8] > common::rest_of_line) |
    (ad::colon_text_key >> ':' >> ad::no_value >> common::rest_of_line);

// "Free                                    101        0`7a5ba000 (   1.912 Gb)           95.60%"
// "<unknown>                              4715        0`feb0f000 (   3.980 GB)  83.90%    0.00%"
// "                                 7        0`0113a000 (  17.227 Mb)  19.10%    0.84%" ("<unknown>" eaten)
// "PAGE_READWRITE | PAGE_GUARD              38        0`00074000 ( 464.000 kB)   0.00%    0.00%"
// noted_expect: the diagnostic of '>' without a throw (command and disassembly rows with a
// number and a hex word); the readable size's own expectation points still throw.
struct summary_row_class : note_span, report_expectation {};
summary_row_type const summary_row_rule = "!address summary row";
auto const summary_row_rule_def = (ad::label | x3::attr(text_range())) >> ad::pad >> ad::number >> ad::pad >>
                                  ad::address_token >> common::noted_expect[ad::readable_size] >>
                                  -(ad::pad >> ad::percent) >> -ad::percent >> x3::omit[*ad::percent];

// "Image                                     0`75d71000        0`00879000 (   8.473 Mb)"
// "Stack                                    e4`4fc00000        0`000fc000 (1008.000 kB)"
// noted_expect: as in summary_row.
struct largest_row_class : note_span, report_expectation {};
largest_row_type const largest_row_rule = "!address largest region row";
auto const largest_row_rule_def = (ad::label | x3::attr(text_range())) >> ad::pad >> ad::address_token >>
                                  ad::pad >> ad::address_token >> common::noted_expect[ad::readable_size];

// "   686a7000 ( 1710748) : 81.58%    81.80%    : RegionUsageIsVAD"
// "-------   122d0000 (  297792) : 14.20%    14.24%    : RegionUsageHeap" (highlighted by a blog)
// "   0275c000 : 1.92%      : MEM_COMMIT"
// The percents read as +percent read them (one expected, then any), into two fields; the
// expectation on the group, an unnamed parser as +percent was, words its failure as before.
struct old_summary_row_class : note_span, report_expectation {};
old_summary_row_type const old_summary_row_rule = "old !address summary row";
auto const old_summary_row_rule_def =
    x3::omit[x3::lexeme[*ad::dash]] >> ad::hex_token >>
    -(x3::lit('(') >> common::count >> ')') >> ':' > (ad::percent >> -ad::percent >> x3::omit[*ad::percent]) > ':' >
    common::word_range;

// "Tot: 7fff0000 (2097088 KB) Busy: 7fa77000 (2091484 KB)"
struct total_line_class : note_span, report_expectation {};
total_line_type const total_line_rule = "!address Tot/Busy line";
auto const total_line_rule_def = x3::lit("Tot:") > ad::hex_token > -ad::kb_in_parens > "Busy:" >
                                 ad::hex_token > -ad::kb_in_parens;

// "Largest free region: Base 01432000 - Size 707ee000 (1843128 KB)"
struct largest_free_line_class : note_span, report_expectation {};
largest_free_line_type const largest_free_line_rule = "largest free region";
auto const largest_free_line_rule_def =
    x3::omit[x3::lexeme[*ad::dash]] >> x3::lit("Largest") >> "free" >> "region:" > "Base" >
    ad::address_token > ad::dash > "Size" > ad::address_token > -ad::kb_in_parens;

BOOST_SPIRIT_DEFINE(region_state_rule, address_command_rule, address_header_rule, summary_section_rule,
                    region_row_rule, old_region_head_rule, old_region_field_rule,
                    region_field_rule, summary_row_rule, largest_row_rule, old_summary_row_rule,
                    total_line_rule, largest_free_line_rule)

} // namespace dbgsift::grammar
