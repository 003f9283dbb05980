// SPDX-License-Identifier: MIT
// Spirit coding style: ID foo_class, type foo_type, definition foo_def, object foo.
// Included only by handle.cpp.
#pragma once
#include "../common/common.hpp"
#include "../common/fixed_literal.hpp"
#include "../common/noted_expect.hpp"
#include "ast_adapted.hpp"
#include "handle.hpp"

namespace dbgsift::grammar {
namespace handle_detail {
namespace c = common;

// "ALPC Port", "WaitCompletionPacket": words up to the count that ends the line.
auto const type_name = x3::rule<struct type_name_class, std::string>{"object type"} =
    x3::lexeme[x3::raw[+x3::ascii::graph >>
                       *(+x3::ascii::blank >> !(c::count >> *x3::ascii::blank >> x3::eoi) >>
                         +x3::ascii::graph)]];

// "0x100003", "0x1f0003", "001f0fff"
auto const access_mask = x3::rule<struct access_mask_class, std::uint64_t>{"access mask"} =
    x3::lexeme[-c::lit_fixed_any_case<"0x"> >> c::hex16];

// "0004:" -> 4: the handle value that starts a kernel handle-table row.
auto const table_handle = x3::rule<struct table_handle_class, std::uint64_t>{"handle"} =
    x3::lexeme[c::hex16 >> ':'];

// "(Protected)", "(Inherit)", "(Audit)"
auto const entry_flag = x3::rule<struct entry_flag_class, std::string>{"handle flag"} =
    x3::lit('(') >> x3::lexeme[+x3::ascii::alpha] >> x3::lit(')');

} // namespace handle_detail

namespace hd = handle_detail;

// "273020 Handles"
struct handle_total_class : note_span {};
handle_total_type const handle_total_rule = "N Handles line";
auto const handle_total_rule_def = common::count >> common::keyword(x3::lit("Handles"));

// "Type Count", "Type           \tCount"
struct handle_type_header_class : note_span {};
handle_type_header_type const handle_type_header_rule = "Type Count header";
auto const handle_type_header_rule_def = common::keyword(x3::lit("Type")) >> common::keyword(x3::lit("Count"));

// "Event 222742", "ALPC Port 5", "TpWorkerFactory\t2"
// noted_expect: the diagnostic of '>' without a throw (a block's prose and prompt lines, each
// one unwound otherwise).
struct handle_type_count_class : note_span, report_expectation {};
handle_type_count_type const handle_type_count_rule = "type count row";
auto const handle_type_count_rule_def = hd::type_name >> common::noted_expect[common::count];

// "Handle 4", "Handle 000005bc"
struct handle_line_class : note_span {};
handle_line_type const handle_line_rule = "Handle line";
auto const handle_line_rule_def = common::keyword(x3::lit("Handle")) >> common::hex16;

// "  Type          Section", "  Type         \tALPC Port"
struct handle_type_field_class : note_span {};
handle_type_field_type const handle_type_field_rule = "Type field";
auto const handle_type_field_rule_def =
    common::keyword(x3::lit("Type")) >> x3::lexeme[x3::raw[x3::ascii::graph >> *x3::ascii::char_]];

// "  Attributes    0"
struct handle_attributes_class : note_span, report_expectation {};
handle_attributes_type const handle_attributes_rule = "Attributes field";
auto const handle_attributes_rule_def = common::keyword(x3::lit("Attributes")) > hd::access_mask;

// "  GrantedAccess 0x100003:", "  GrantedAccess\t0x1f0003:"
struct handle_granted_access_class : note_span, report_expectation {};
handle_granted_access_type const handle_granted_access_rule = "GrantedAccess field";
auto const handle_granted_access_rule_def =
    common::keyword(x3::lit("GrantedAccess")) > hd::access_mask >> -x3::lit(':');

// "         Delete,ReadControl,WriteDac,WriteOwner,Synch"
// "         Write/Add,Append/SubDir/CreatePipe,WriteEA,ReadAttr,WriteAttr"
struct handle_access_names_class : note_span {};
handle_access_names_type const handle_access_names_rule = "access names";
auto const handle_access_names_rule_def =
    x3::lexeme[x3::raw[x3::ascii::alpha >> *(x3::ascii::alnum | x3::ascii::char_(",/"))]];

// "  HandleCount   2", "  HandleCount  \t3"
struct handle_handle_count_class : note_span, report_expectation {};
handle_handle_count_type const handle_handle_count_rule = "HandleCount field";
auto const handle_handle_count_rule_def = common::keyword(x3::lit("HandleCount")) > common::count;

// "  PointerCount  3", "  PointerCount \t131065"
struct handle_pointer_count_class : note_span, report_expectation {};
handle_pointer_count_type const handle_pointer_count_rule = "PointerCount field";
auto const handle_pointer_count_rule_def =
    common::keyword(x3::lit("PointerCount")) > common::count;

// "  Name          <none>", "  Name         \t\Sessions\1\BaseNamedObjects\SM0:1720:304:..."
struct handle_name_class : note_span {};
handle_name_type const handle_name_rule = "Name field";
auto const handle_name_rule_def = common::keyword(x3::lit("Name")) >> common::rest_of_line;

// "  Object Specific Information", "  Object specific information",
// "  No object specific information available"
struct handle_object_info_class : note_span {};
handle_object_info_type const handle_object_info_rule = "object information header";
auto const handle_object_info_rule_def =
    x3::raw[common::lit_any_case("No object specific information available") |
            common::lit_any_case("Object specific information")];

// "Handle table at fffff8a00066f700 with 39 entries in use"
// "New version of handle table at e1002000 with 380 Entries in use"
struct kernel_handle_table_class : note_span, report_expectation {};
kernel_handle_table_type const kernel_handle_table_rule = "handle table line";
auto const kernel_handle_table_rule_def =
    -x3::lit("New version of") >> common::lit_any_case("handle table at") >
    x3::omit[common::hex16] > x3::lit("with") > common::count > x3::no_case[x3::lit("entries")] >
    x3::lit("in use");

// "0168: Object: ffb6c748  GrantedAccess: 00000003 (Protected)"
// "0040: Object: fffff8a000633f00  GrantedAccess: 00000006 (Inherit) Entry: fffff8a000670100"
struct kernel_handle_entry_class : note_span, report_expectation {};
kernel_handle_entry_type const kernel_handle_entry_rule = "handle table entry";
auto const kernel_handle_entry_rule_def =
    hd::table_handle >> x3::lit("Object:") > common::address > x3::lit("GrantedAccess:") >
    hd::access_mask > *hd::entry_flag > -(x3::lit("Entry:") > x3::omit[common::hex16]);

// "0000: free handle, Entry address e1002000, Next Entry fffffffe"
struct kernel_free_handle_class : note_span {};
kernel_free_handle_type const kernel_free_handle_rule = "free handle entry";
auto const kernel_free_handle_rule_def =
    hd::table_handle >> x3::lit("free handle") >> x3::omit[common::rest_of_line];

// "Object: fffff8a000633f00  Type: (fffffa80035fef20) Section"
struct kernel_object_class : note_span, report_expectation {};
kernel_object_type const kernel_object_rule = "Object line";
auto const kernel_object_rule_def =
    x3::lit("Object:") >> common::address >> x3::lit("Type:") > x3::lit('(') > common::address >
    x3::lit(')') > x3::lexeme[x3::raw[x3::ascii::graph >> *x3::ascii::char_]];

// "    ObjectHeader: fffff8a000633ed0 (new version)"
struct kernel_object_header_class : note_span, report_expectation {};
kernel_object_header_type const kernel_object_header_rule = "ObjectHeader line";
auto const kernel_object_header_rule_def =
    x3::lit("ObjectHeader:") > common::address >> -x3::lit("(new version)");

// "        HandleCount: 1  PointerCount: 262144"
struct kernel_object_counts_class : note_span, report_expectation {};
kernel_object_counts_type const kernel_object_counts_rule = "object counts line";
auto const kernel_object_counts_rule_def =
    x3::lit("HandleCount:") > common::count > x3::lit("PointerCount:") > common::count;

// "        Directory Object: 00000000  Name: \Windows\System32\drivers\en-US\ntfs.sys.mui {HarddiskVolume4}"
struct kernel_object_name_class : note_span, report_expectation {};
kernel_object_name_type const kernel_object_name_rule = "object name line";
auto const kernel_object_name_rule_def = x3::lit("Directory Object:") > x3::omit[common::hex16] >
                                         x3::lit("Name:") > common::rest_of_line;

// "processor number 0"
struct handle_unmodelled_class : note_span {};
handle_unmodelled_type const handle_unmodelled_rule = "row with nothing to keep";
auto const handle_unmodelled_rule_def =
    x3::raw[x3::lit("processor number") >> common::count];

BOOST_SPIRIT_DEFINE(handle_total_rule, handle_type_header_rule, handle_type_count_rule,
                    handle_line_rule, handle_type_field_rule, handle_attributes_rule,
                    handle_granted_access_rule, handle_access_names_rule,
                    handle_handle_count_rule, handle_pointer_count_rule, handle_name_rule,
                    handle_object_info_rule, kernel_handle_table_rule, kernel_handle_entry_rule,
                    kernel_free_handle_rule, kernel_object_rule, kernel_object_header_rule,
                    kernel_object_counts_rule, kernel_object_name_rule, handle_unmodelled_rule)

} // namespace dbgsift::grammar
