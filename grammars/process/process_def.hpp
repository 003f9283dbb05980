// SPDX-License-Identifier: MIT
// Spirit coding style: ID foo_class, type foo_type, definition foo_def, object foo.
// Included only by process.cpp.
#pragma once
#include "../common/common.hpp"
#include "../common/fixed_literal.hpp"
#include "ast_adapted.hpp"
#include "process.hpp"

namespace dbgsift::grammar {
namespace process_detail {
namespace c = common;

// "SessionId: 2", "SessionId: none" (System, smss.exe on newer builds): none is no session.
// The number first: nearly every process has one, and a count cannot start with the 'n' of
// none (nor none with a digit), so the order changes nothing read (issue 14).
auto const session_value = x3::rule<struct session_value_class, std::optional<std::uint64_t>>{
    "session id or none"} = c::count | x3::omit[c::keyword(common::lit_fixed<"none">)];

// "HandleCount: 18539.", "HandleCount:  39.", "HandleCount: <Data Not Accessible>",
// "HandleCount:" with nothing after it (a live KDNET session): the last two are unknown.
auto const handle_count_value = x3::rule<struct handle_count_value_class,
                                         std::optional<std::uint64_t>>{"handle count"} =
    (c::count >> -x3::lit('.')) | x3::omit[common::lit_fixed<"<Data Not Accessible>">] | x3::eps;

struct time_kind_table : x3::symbols<ast::process_time_kind> {
    time_kind_table() {
        add("ElapsedTime", ast::process_time_kind::elapsed)("UserTime", ast::process_time_kind::user)(
            "KernelTime", ast::process_time_kind::kernel);
    }
} const time_kind;

struct quota_pool_table : x3::symbols<ast::quota_pool> {
    quota_pool_table() {
        add("PagedPool", ast::quota_pool::paged)("NonPagedPool", ast::quota_pool::nonpaged);
    }
} const quota_pool;

struct size_kind_table : x3::symbols<ast::process_size_kind> {
    size_kind_table() {
        add("VirtualSize", ast::process_size_kind::virtual_size)(
            "PeakVirtualSize", ast::process_size_kind::peak_virtual_size);
    }
} const size_kind;

struct counter_kind_table : x3::symbols<ast::process_counter_kind> {
    counter_kind_table() {
        add("PeakWorkingSetSize", ast::process_counter_kind::peak_working_set)(
            "PageFaultCount", ast::process_counter_kind::page_faults)(
            "BasePriority", ast::process_counter_kind::base_priority)(
            "CommitCharge", ast::process_counter_kind::commit_charge);
    }
} const counter_kind;

// "00:00:53.132", "15:06:36.0338", "0:00:00.0000"
// (x3::raw: one assignment, where the char parsers appended the text a byte at a time.)
auto const clock_text = x3::rule<struct clock_text_class, std::string>{"time"} =
    x3::lexeme[x3::raw[+(x3::ascii::digit | x3::ascii::char_(":."))]];

} // namespace process_detail

namespace pd = process_detail;

// "SessionId: 1  Cid: 0910    Peb: 7ff669b8e000  ParentCid: 0a98"
struct process_ids_class : note_span, report_expectation {};
process_ids_type const process_ids_rule = "process ids";
auto const process_ids_rule_def =
    -(common::lit_fixed_any_case<"SessionId:"> > pd::session_value) >>
    (common::lit_fixed<"Cid:"> > common::hex16) >> (common::lit_fixed<"Peb:"> > common::address) >>
    (common::lit_fixed<"ParentCid:"> > common::hex16);

// "PROCESS d2b85360  SessionId: 2  Cid: 1bf4    Peb: 7ffdf000  ParentCid: 1688"
// "PROCESS ffffe00000d52900"  (the ids follow on the next line)
struct process_header_class : note_span, report_expectation {};
process_header_type const process_header_rule = "PROCESS line";
// (no_skip[eoi] first: most lists print the ids on the next line, and the ids rule tried at
// the line's end cost a rule call and two literals for nothing. Not a sequence around the ids:
// one would take back the blanks and words a failed expectation in them leaves read.)
auto const process_header_rule_def =
    common::keyword(common::lit_fixed<"PROCESS">) > common::address >>
    (x3::no_skip[x3::eoi] | -process_ids_rule);

// "DirBase: 7d778dc0  ObjectTable: e53dda08  HandleCount: 18539."
// "DirBase: 00030000 ObjectTable: e1000f88 TableSize: 112."   (NT4 / XP)
struct process_tables_class : note_span, report_expectation {};
process_tables_type const process_tables_rule = "DirBase line";
auto const process_tables_rule_def =
    common::lit_fixed<"DirBase:"> > common::address > common::lit_fixed<"ObjectTable:"> >
    common::address > (common::lit_fixed<"HandleCount:"> | common::lit_fixed<"TableSize:">) >
    pd::handle_count_value;

// "Image: AppB.exe"
struct process_image_class : note_span {};
process_image_type const process_image_rule = "Image line";
auto const process_image_rule_def = common::lit_fixed<"Image:"> >> common::rest_of_line_range;

// "VadRoot fb666388 Clone 0 Private 4. Modified 9850. Locked 0."
// "VadRoot ffffa604f669bf30 Vads 101 Clone 0 Private 349. Modified 11623. Locked 0."
struct process_vad_class : note_span, report_expectation {};
process_vad_type const process_vad_rule = "VadRoot line";
auto const process_vad_rule_def =
    common::keyword(common::lit_fixed<"VadRoot">) > common::address >>
    -(common::lit_fixed<"Vads"> > common::count) > common::lit_fixed<"Clone"> > common::count >
    common::lit_fixed<"Private"> > common::count > x3::lit('.') > common::lit_fixed<"Modified"> >
    common::count > x3::lit('.') > common::lit_fixed<"Locked"> > common::count >
    x3::lit('.');

// "ElapsedTime                       00:00:53.132"
struct process_time_class : note_span, report_expectation {};
process_time_type const process_time_rule = "process time";
auto const process_time_rule_def = common::keyword(pd::time_kind) > pd::clock_text;

// "QuotaPoolUsage[NonPagedPool]      14592"
struct process_quota_class : note_span, report_expectation {};
process_quota_type const process_quota_rule = "QuotaPoolUsage line";
auto const process_quota_rule_def =
    common::lit_fixed<"QuotaPoolUsage["> > pd::quota_pool > x3::lit(']') > common::count;

// "Working Set Sizes (now,min,max)  (3887, 50, 345) (15548KB, 200KB, 1380KB)"
// "Working Set Sizes (now,min,max) (3, 50, 345)"
struct process_working_set_class : note_span, report_expectation {};
process_working_set_type const process_working_set_rule = "Working Set Sizes line";
auto const process_working_set_rule_def =
    common::lit_fixed<"Working Set Sizes"> > common::lit_fixed<"(now,min,max)"> > x3::lit('(') >
    common::count >
    x3::lit(',') > common::count > x3::lit(',') > common::count > x3::lit(')') >>
    -(x3::lit('(') > common::kilobytes > x3::lit(',') > x3::omit[common::kilobytes] > x3::lit(',') >
      x3::omit[common::kilobytes] > x3::lit(')'));

// "VirtualSize                       2101375 Mb", "PeakVirtualSize          1 Mb"
struct process_size_class : note_span, report_expectation {};
process_size_type const process_size_rule = "VirtualSize line";
auto const process_size_rule_def =
    common::keyword(pd::size_kind) > common::count > x3::no_case[x3::lit("Mb")];

// "CommitCharge                      723", "PageFaultCount 992", "BasePriority 8"
struct process_counter_class : note_span, report_expectation {};
process_counter_type const process_counter_rule = "process counter";
auto const process_counter_rule_def = common::keyword(pd::counter_kind) > common::count;

// "THREAD fb667780 Cid 2.1 Teb: 00000000 Win32Thread: 80144900 WAIT: (WrFreePage) ..."
struct thread_line_class : note_span, report_expectation {};
thread_line_type const thread_line_rule = "THREAD line";
auto const thread_line_rule_def =
    common::keyword(common::lit_fixed<"THREAD">) > common::address >> x3::omit[common::rest_of_line];

// "DeviceMap ffff8000ab218150", "Token  e10008f0", "FB667BBC MutantState Signalled ...",
// "MemoryPriority BACKGROUND", "DeepFreeze", "**** NT ACTIVE PROCESS DUMP ****",
// "Searching for Process with Cid == 13b0", "Dumping Session 1", "_MM_SESSION_SPACE d9306000"
struct process_unmodelled_class : note_span {};
process_unmodelled_type const process_unmodelled_rule = "row with nothing to keep";
auto const process_unmodelled_rule_def =
    x3::raw[(common::lit_fixed<"****"> >> common::lit_fixed<"NT ACTIVE PROCESS DUMP">) |
            common::lit_fixed<"Searching for Process with Cid"> |
            common::lit_fixed<"Dumping Session"> |
            (common::hex16 >> common::keyword(common::lit_fixed<"MutantState">)) |
            common::keyword(common::lit_fixed<"DeepFreeze"> | common::lit_fixed<"DeviceMap"> |
                            common::lit_fixed<"Token"> | common::lit_fixed<"MemoryPriority"> |
                            common::lit_fixed<"_MM_SESSION_SPACE"> | common::lit_fixed<"_MMSESSION"> |
                            common::lit_fixed<"Job"> | common::lit_fixed<"Not impersonating">)] >>
    x3::omit[common::rest_of_line];

BOOST_SPIRIT_DEFINE(process_ids_rule, process_header_rule, process_tables_rule, process_image_rule,
                    process_vad_rule, process_time_rule, process_quota_rule,
                    process_working_set_rule, process_size_rule, process_counter_rule,
                    thread_line_rule, process_unmodelled_rule)

} // namespace dbgsift::grammar
