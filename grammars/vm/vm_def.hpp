// SPDX-License-Identifier: MIT
// Spirit coding style: ID foo_class, type foo_type, definition foo_def, object foo.
// Included only by vm.cpp. Multi-word literals are written word by word so that any run of
// blanks (the decoder turns NBSP into spaces, tabs survive) still matches.
#pragma once
#include "../common/blank_pad.hpp"
#include "../common/byte_run.hpp"
#include "../common/common.hpp"
#include "../common/noted_expect.hpp"
#include "ast_adapted.hpp"
#include "vm.hpp"

namespace dbgsift::grammar {
namespace vm_detail {
namespace c = common;
namespace ascii = x3::ascii;
using x3::attr;
using x3::lexeme;
using x3::lit;

inline auto const hex_number = x3::uint_parser<std::uint64_t, 16>{};

// "**********", "*****", or the markdown-escaped "\*\*\*".
auto const stars = x3::rule<struct stars_class>{"stars"} =
    lexeme[x3::repeat(3, x3::inf)[lit('*') | lit("\\*")]];

// The words of a banner between its stars: "Excessive Paged Pool Usage ".
auto const banner_text = x3::rule<struct banner_text_class, std::string>{"banner text"} =
    lexeme[+(ascii::char_ - '*' - '\\')];

// (A run of what *(ascii::char_ - ':') reads.)
struct counter_name_byte {
    static constexpr c::byte_table taken = c::ascii_bytes_except(":");
};
// "NonPagedPool Usage", "PagedPool  0", "VAD/PageTable Bitmaps": everything before the colon.
auto const counter_name = x3::rule<struct counter_name_class, text_range>{"counter name"} =
    lexeme[x3::raw[ascii::alpha >> -c::byte_run<counter_name_byte>{}]];

// "Syspart SharedCommit": words that start with a letter, separated by blanks.
// (The run reads what *(ascii::alnum | ascii::char_("/_.-")) reads.)
struct name_word_byte {
    static constexpr c::byte_table taken =
        c::bytes_of("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz/_.-");
};
// Both runs are read sixteen bytes a step (set_lanes::k_wide; name_word_byte is five runs of
// six): a set that left it would read a byte a step without a word.
static_assert(c::set_lanes<counter_name_byte>::k_wide && c::set_lanes<name_word_byte>::k_wide);
// The blanks that pad a counter's number: common/blank_pad.hpp.
auto const& pad = c::blank_pad;

auto const name_word = lexeme[ascii::alpha >> -c::byte_run<name_word_byte>{}];
auto const bare_name = x3::rule<struct bare_name_class, text_range>{"counter name"} =
    lexeme[x3::raw[name_word >> *(+ascii::blank >> name_word)]];

// "0a6c", "81c": a process id in hex, a whole word.
auto const pid = x3::rule<struct pid_class, std::uint64_t>{"process id"} =
    lexeme[hex_number >> &ascii::blank];

auto const graph_run = c::byte_run<c::graph_byte>{};  // +ascii::graph, in one call
// "svchost.exe", "Memory Compres" (%-15s may hold a blank; a number never continues it).
auto const image = x3::rule<struct image_class, std::string>{"image name"} =
    lexeme[x3::raw[graph_run >> *(lit(' ') >> !ascii::digit >> graph_run)]];

auto const failed_words = common::lit_any_case("pool") >> common::lit_any_case("allocations") >>
                          common::lit_any_case("have") >> common::lit_any_case("failed");
auto const failures_words =
    common::lit_any_case("pool") >> common::lit_any_case("allocation") >> common::lit_any_case("failures");

// "********** 429 pool allocations have failed **********"
auto const failed_banner = x3::rule<struct failed_banner_class, ast::vm_banner>{"banner"} =
    stars >> attr(ast::banner_kind::failed_allocations) >> &(c::count >> failed_words) >> c::count >> banner_text >> stars;
// "*** 7837 Pool Allocation Failures ***"
auto const failures_banner = x3::rule<struct failures_banner_class, ast::vm_banner>{"banner"} =
    stars >> attr(ast::banner_kind::session_failures) >> &(c::count >> failures_words) >> c::count >> banner_text >> stars;
// "********** Excessive NonPaged Pool Usage *****" (seed002-nonpaged-ddk.log:19)
auto const nonpaged_words = common::lit_any_case("Excessive") >> common::lit_any_case("NonPaged") >>
                            common::lit_any_case("Pool") >> common::lit_any_case("Usage");
auto const nonpaged_banner = x3::rule<struct nonpaged_banner_class, ast::vm_banner>{"banner"} =
    stars >> attr(ast::banner_kind::excessive_nonpaged) >> &nonpaged_words >> attr(std::optional<std::uint64_t>()) >>
    banner_text >> stars;
// "********** Excessive Paged Pool Usage *****" (seed002-myav.log:18)
auto const paged_words = common::lit_any_case("Excessive") >> common::lit_any_case("Paged") >>
                         common::lit_any_case("Pool") >> common::lit_any_case("Usage");
auto const paged_banner = x3::rule<struct paged_banner_class, ast::vm_banner>{"banner"} =
    stars >> attr(ast::banner_kind::excessive_paged) >> &paged_words >> attr(std::optional<std::uint64_t>()) >>
    banner_text >> stars;
// "********** Number of committed pages is near limit ********"
auto const commit_words = common::lit_any_case("Number") >> common::lit_any_case("of") >>
                          common::lit_any_case("committed") >> common::lit_any_case("pages") >>
                          common::lit_any_case("is") >> common::lit_any_case("near") >> common::lit_any_case("limit");
auto const commit_banner = x3::rule<struct commit_banner_class, ast::vm_banner>{"banner"} =
    stars >> attr(ast::banner_kind::commit_near_limit) >> &commit_words >> attr(std::optional<std::uint64_t>()) >>
    banner_text >> stars;
// "******* 67968 kernel stack PTE allocations have failed ******" (R7: cumulative, seen on
// healthy x64 machines), "******* 459598336 kernel stack growth attempts have failed ******",
// "******* 48000 commit requests have failed ******" (R8).
auto const stack_pte_words = common::lit_any_case("kernel") >> common::lit_any_case("stack") >> common::lit_any_case("PTE") >>
                             common::lit_any_case("allocations") >> common::lit_any_case("have") >> common::lit_any_case("failed");
auto const stack_growth_words = common::lit_any_case("kernel") >> common::lit_any_case("stack") >> common::lit_any_case("growth") >>
                                common::lit_any_case("attempts") >> common::lit_any_case("have") >> common::lit_any_case("failed");
auto const commit_failed_words = common::lit_any_case("commit") >> common::lit_any_case("requests") >> common::lit_any_case("have") >>
                                 common::lit_any_case("failed");
auto const stack_pte_banner = x3::rule<struct stack_pte_banner_class, ast::vm_banner>{"banner"} =
    stars >> attr(ast::banner_kind::stack_pte_failures) >> &(c::count >> stack_pte_words) >> c::count >> banner_text >> stars;
auto const stack_growth_banner = x3::rule<struct stack_growth_banner_class, ast::vm_banner>{"banner"} =
    stars >> attr(ast::banner_kind::stack_growth_failures) >> &(c::count >> stack_growth_words) >> c::count >> banner_text >> stars;
auto const commit_failed_banner = x3::rule<struct commit_failed_banner_class, ast::vm_banner>{"banner"} =
    stars >> attr(ast::banner_kind::commit_failures) >> &(c::count >> commit_failed_words) >> c::count >> banner_text >> stars;
// Any other: "************ NO PAGING FILE ****", "******* 3 system PTE allocations have failed ***"
auto const other_banner = x3::rule<struct other_banner_class, ast::vm_banner>{"banner"} =
    stars >> attr(ast::banner_kind::other) >> attr(std::optional<std::uint64_t>()) >> banner_text >> stars;

// "*** Virtual Memory Usage ***"
auto const title = stars >> common::lit_any_case("Virtual") >> common::lit_any_case("Memory") >>
                   common::lit_any_case("Usage") >> stars >> attr(ast::vm_marker_kind::title);
// "Terminal Server Memory Usage By Session:"
auto const sessions_title = lit("Terminal") >> lit("Server") >> lit("Memory") >> lit("Usage") >>
                            lit("By") >> lit("Session") >> ':' >> attr(ast::vm_marker_kind::sessions);
// "Session Summary" (vm/011: totals over all sessions follow)
auto const session_summary =
    lit("Session") >> lit("Summary") >> attr(ast::vm_marker_kind::session_summary);
// "  Pid ImageName                        Commit   SharedCommit        Debt"
auto const process_table = lit("Pid") >> lit("ImageName") >> lit("Commit") >>
                           -(lit("SharedCommit") >> lit("Debt")) >>
                           attr(ast::vm_marker_kind::process_table);
// "Memory Management Thread Stacks:" (flag 2; thread stacks follow)
auto const thread_stacks = lit("Memory") >> lit("Management") >> lit("Thread") >>
                           lit("Stacks") >> ':' >> attr(ast::vm_marker_kind::thread_stacks);
// "Unimplemented error for MiSystemVaTypeCount", "fffff803`1234: Unable to get page file"
auto const debugger_error =
    // (common::address cannot sit under omit[]: its actions need a real attribute)
    x3::omit[-(lexeme[+ascii::xdigit >> -('`' >> +ascii::xdigit)] >> ':')] >>
    ((lit("Unimplemented") >> lit("error")) | (lit("Unable") >> lit("to")) |
     (lit("Error") >> lit("reading")) | (lit("Incorrect") >> lit("symbols")) |
     (lit("ProcessCommitUsage") >> lit("could") >> lit("not"))) >>
    x3::omit[c::rest_of_line] >> attr(ast::vm_marker_kind::debugger_error);

} // namespace vm_detail

namespace vm_d = vm_detail;

struct vm_command_class {};
vm_command_type const vm_command_rule = "!vm command";
// "!vm", "!vm 4", "!vm 0x21", "!kdexts.vm 1"
auto const vm_command_rule_def =
    vm_d::lit('!') >> -common::lit_any_case("kdexts.") >>
    common::keyword(common::lit_any_case("vm")) >>
    -vm_d::lexeme[-(vm_d::lit("0x") | vm_d::lit("0X")) >> vm_d::hex_number];

struct vm_marker_class {};
vm_marker_type const vm_marker_rule = "!vm header";
auto const vm_marker_rule_def = vm_d::title | vm_d::sessions_title | vm_d::session_summary |
                                vm_d::process_table | vm_d::thread_stacks | vm_d::debugger_error;

// Which counter a name is: its words (any run of blanks between them, as printed) compared
// with model::k_vm_counter_names. `tidy` says whether the name is already in key form (the
// parser then keeps it as it is). Eleven names whose sizes mostly differ: a compare of sizes
// turns most away, where a ternary tree (x3::symbols) walked the name a byte a node.
inline model::VmCounterId key_of(std::string_view words) {
    for (std::size_t i = 1; i < model::k_vm_counter_names.size(); ++i) {
        if (model::k_vm_counter_names[i] == words) {
            return static_cast<model::VmCounterId>(i);
        }
    }
    return model::VmCounterId::other;
}
inline model::VmCounterId counter_id(std::string_view name, bool& tidy) {
    tidy = one_blank_between_words(name);
    if (tidy) {  // most names: their own key, compared in place
        return key_of(name);
    }
    thread_local std::string words;  // reused: a !vm block is mostly counters
    words.clear();
    for (char ch : name) {
        bool const blank = ch == ' ' || ch == '\t';
        if (!blank) {
            words += ch;
        } else if (!words.empty() && words.back() != ' ') {
            words += ' ';
        }
    }
    if (!words.empty() && words.back() == ' ') {
        words.pop_back();
    }
    return key_of(words);
}

// Rule-ID mix-in for both counter rules: the span, then the counter's id from its name.
struct counter_identity : note_span {
    template <typename It, typename Node, typename Ctx>
    void on_success(It const& first, It const& last, Node& node, Ctx const& ctx) const {
        note_span::on_success(first, last, node, ctx);
        node.id = counter_id(view(node.name), node.name_tidy);
    }
};

struct vm_counter_class : counter_identity, report_expectation {};
vm_counter_type const vm_counter_rule = "!vm counter";
// "      NonPagedPool Usage:    13183 (    52732 Kb)"  (seed002-session.log:16)
// Once "Name: 123" is read, "(N Kb)" must follow: "Physical Memory: 8364281 C 33457124 Kb"
// (PDF damage, corpus/vm/010.txt:21) is reported, never half-read. noted_expect: the same
// diagnostic as '>' without a throw (a few hundred such lines an archive, each unwound).
auto const vm_counter_rule_def = vm_d::counter_name >> ':' >> vm_d::pad >> common::count >> common::noted_expect['('] >>
                                 common::noted_expect[common::count] >>
                                 // A failure names the unit parser by its type, which expected_message
                                 // words "the rest of the row" for kb_unit as for X3's no_case form.
                                 common::noted_expect[common::kb_unit] >>
                                 common::noted_expect[')'];

struct vm_bare_counter_class : counter_identity {};
vm_bare_counter_type const vm_bare_counter_rule = "!vm counter without Kb";
// "Syspart SharedCommit 0"  (corpus/vm/001.txt:24)
auto const vm_bare_counter_rule_def = vm_d::bare_name >> common::count;

struct vm_page_file_class : note_span {};
vm_page_file_type const vm_page_file_rule = "page file";
// "Page File: \??\C:\pagefile.sys", "No Name for Paging File", "Paging File Name paged out"
auto const vm_page_file_rule_def =
    (vm_d::lit("Page") >> vm_d::lit("File") >> ':' >> vm_d::attr(true) >> common::rest_of_line) |
    (vm_d::lit("No") >> vm_d::lit("Name") >> vm_d::lit("for") >> vm_d::lit("Paging") >>
     vm_d::lit("File") >> vm_d::attr(false) >> vm_d::attr(std::string())) |
    (vm_d::lit("Paging") >> vm_d::lit("File") >> vm_d::lit("Name") >> vm_d::lit("paged") >>
     vm_d::lit("out") >> vm_d::attr(false) >> vm_d::attr(std::string()));

struct vm_page_file_sizes_class : note_span, report_expectation {};
vm_page_file_sizes_type const vm_page_file_sizes_rule = "page file sizes";
// "  Current:   3145728 Kb  Free Space:   3001132 Kb"  (seed002-session.log:6)
// "         Current:     98304Kb Free Space:     61044Kb"  (corpus/vm/002.txt:6)
auto const vm_page_file_sizes_rule_def =
    (vm_d::lit("Current") >> ':' >> vm_d::attr(ast::page_file_sizes_kind::current_and_free) > common::kilobytes > vm_d::lit("Free") >
     vm_d::lit("Space") > ':' > common::kilobytes) |
    (vm_d::lit("Minimum") >> ':' >> vm_d::attr(ast::page_file_sizes_kind::minimum_and_maximum) > common::kilobytes >
     vm_d::lit("Maximum") > ':' > common::kilobytes);

struct vm_banner_class : note_span {};
vm_banner_type const vm_banner_rule = "!vm banner";
// "      ********** 3441 pool allocations have failed **********"  (seed002-session.log:29)
auto const vm_banner_rule_def = vm_d::failed_banner | vm_d::failures_banner | vm_d::nonpaged_banner |
                                vm_d::paged_banner | vm_d::commit_banner | vm_d::stack_pte_banner |
                                vm_d::stack_growth_banner | vm_d::commit_failed_banner | vm_d::other_banner;

struct vm_session_limit_class : note_span {};
vm_session_limit_type const vm_session_limit_rule = "session maximum";
// "      Session Paged Pool Maximum is 32768K"  (seed002-session.log:47)
auto const vm_session_limit_rule_def =
    vm_d::lit("Session") >>
    ((vm_d::lit("Paged") >> vm_d::lit("Pool") >> vm_d::attr(ast::session_limit_kind::paged_pool)) |
     (vm_d::lit("View") >> vm_d::lit("Space") >> vm_d::attr(ast::session_limit_kind::view_space))) >>
    vm_d::lit("Maximum") >> vm_d::lit("is") >> common::kilobytes;

struct vm_session_header_class : note_span {};
vm_session_header_type const vm_session_header_rule = "session header";
// "      Session ID 9 @ f79b5000:"  (seed002-session.log:64)
auto const vm_session_header_rule_def = vm_d::lit("Session") >> common::lit_any_case("ID") >>
                                        vm_d::lexeme[vm_d::hex_number] >> '@' >>
                                        common::address >> ':';

struct vm_session_usage_class : note_span {};
vm_session_usage_type const vm_session_usage_rule = "session usage";
// "      Paged Pool Usage:      32552K"  (seed002-session.log:65)
// "NonPaged Usage:        316 Kb"  (corpus/vm/008.txt:11)
auto const vm_session_usage_rule_def =
    ((common::keyword(common::lit_any_case("Paged")) >> common::lit_any_case("Pool") >>
      common::lit_any_case("Usage") >> vm_d::attr(ast::session_usage_kind::paged_pool)) |
     (common::keyword(common::lit_any_case("NonPaged")) >>
      -common::keyword(common::lit_any_case("Pool")) >> common::lit_any_case("Usage") >>
      vm_d::attr(ast::session_usage_kind::nonpaged)) |
     (common::keyword(common::lit_any_case("Commit")) >> common::lit_any_case("Usage") >>
      vm_d::attr(ast::session_usage_kind::commit))) >>
    ':' >> common::kilobytes;

struct vm_process_pages_class : note_span {};
vm_process_pages_type const vm_process_pages_rule = "process commit row";
// "         0a6c svchost.exe        12345 (   49380 Kb)"  (older !vm, flags 0)
auto const vm_process_pages_rule_def = vm_d::pid >> vm_d::image >> common::count >> '(' >>
                                       common::count >> common::kb_unit >> ')';

struct vm_process_kb_class : note_span {};
vm_process_kb_type const vm_process_kb_rule = "process commit row";
// "  81c MsMpEng.exe                   112764 Kb        7400 Kb        0 Kb"  (corpus/vm/005.txt:53)
auto const vm_process_kb_rule_def = vm_d::pid >> vm_d::image >> common::kilobytes >>
                                    common::kilobytes >> common::kilobytes;

BOOST_SPIRIT_DEFINE(vm_command_rule, vm_marker_rule, vm_counter_rule, vm_bare_counter_rule,
                    vm_page_file_rule, vm_page_file_sizes_rule, vm_banner_rule,
                    vm_session_limit_rule, vm_session_header_rule, vm_session_usage_rule,
                    vm_process_pages_rule, vm_process_kb_rule)

} // namespace dbgsift::grammar
