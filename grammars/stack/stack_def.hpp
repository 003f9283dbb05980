// SPDX-License-Identifier: MIT
// Spirit coding style: ID foo_class, type foo_type, definition foo_def, object foo.
// Included only by stack.cpp.
#pragma once
#include "../common/byte_run.hpp"
#include "../common/common.hpp"
#include "../common/fixed_literal.hpp"
#include "ast_adapted.hpp"
#include "stack.hpp"

namespace dbgsift::grammar {
namespace stack_detail {
namespace c = common;

auto const blank = x3::ascii::blank;

// "77e44ab6", "0x7c809543:", "fffff800`01234567": an address is a whole token, so the
// front of a module name ("dead" in "deadbeef!f") is never taken for one.
auto const frame_address = x3::rule<struct frame_address_class, std::uint64_t>{"frame address"} =
    x3::lexeme[c::address >> -x3::lit(':') >> &(blank | x3::eoi)];

// "ntdll", "MSVCR80D", "TestLeakLib", "ntdll_77dc0000" (no blanks, stops at '!' and '+');
// empty in "0x00101991: +0x00101991", an address no module claims (!htrace)
// (One run of its bytes: what *(x3::ascii::alnum | x3::char_("_.$-")) reads.)
struct module_byte {
    static constexpr c::byte_table taken =
        c::bytes_of("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_.$-");
};
// Six runs of bytes ("$", "-.", digits, capitals, "_", small letters), the most that are read
// sixteen bytes a step (set_lanes::k_wide): one more byte apart from these would drop every
// module to the byte loop without a word. Measure such a change first.
static_assert(c::set_lanes<module_byte>::k_runs == 6 && c::set_lanes<module_byte>::k_wide);
auto const module = x3::rule<struct module_class, text_range>{"module"} =
    x3::lexeme[x3::raw[-c::byte_run<module_byte>{}]];

// "0x" or "0X", what x3::lit("0x") | "0X" reads: one compare of two bytes, where x3::lit
// compared a byte at a time, twice on every frame with an offset (here and in function_end).
auto const hex_prefix = c::lit_fixed_any_case<"0x">;

// "+0x1a", "+0x0000003e", "+000000E1" (old UMDH prints no 0x)
auto const offset = x3::rule<struct offset_class, std::uint64_t>{"offset"} =
    x3::lexeme['+' >> -hex_prefix >> c::hex16 >> &(blank | x3::eoi)];

// (The file is read through x3::raw, one assignment; the char parsers appended it a byte at a time.)
// "[c:\src\leak.cpp @ 42]"
auto const bracket_source = x3::rule<struct bracket_source_class, ast::frame_source>{"source"} =
    '[' >> x3::lexeme[x3::raw[+(x3::char_ - '@')]] >> '@' >> x3::uint32 >> ']';
// "(c:myprojectutil.cpp, 674)"
auto const paren_source = x3::rule<struct paren_source_class, ast::frame_source>{"source"} =
    '(' >> x3::lexeme[x3::raw[+(x3::char_ - ',' - ')')]] >> ',' >> x3::uint32 >> ')';

// Where a function name ends: its offset, a source annotation, or the end of the line. A
// blank and '(' alone do not end it: "thread_start<unsigned int (__stdcall*)(void *),1>"
// (corpus/htrace/004.txt:454) holds both; only a whole "(file, line)" does.
// (Inside the function's lexeme: the blanks are spelled out.)
auto const paren_source_ahead = x3::lit('(') >> +(x3::char_ - ',' - ')') >> ',' >> *blank >> x3::uint32 >>
                                *blank >> ')';
auto const function_end = (x3::lit('+') >> -hex_prefix >> x3::ascii::xdigit) |
                          (+blank >> (x3::lit('[') | paren_source_ahead)) | (*blank >> x3::eoi);

// "RtlAllocateHeap", "CLeak::Alloc", "operator new", "std::vector<int,std::allocator<int> >::push_back"
// function_end can only begin at a '+' or a blank (or the end): any other byte is taken without
// trying it, which was most of the cost of reading a frame (the same bytes are read either way),
// and a whole run of them in one call (what +~x3::char_("+ \t") reads).
struct function_byte {  // a byte that cannot begin function_end
    static constexpr c::byte_table taken = c::bytes_except("+ \t");
};
// Read sixteen bytes a step (set_lanes::k_wide): a set that left it would read every function
// name a byte a step without a word.
static_assert(c::set_lanes<function_byte>::k_wide);
auto const function = x3::rule<struct function_class, text_range>{"function"} =
    x3::lexeme[x3::raw[+(c::byte_run<function_byte>{} | (x3::char_ - function_end))]];

auto const symbol = x3::rule<struct symbol_class, ast::frame_symbol>{"symbol"} =
    module >> ((x3::lit('!') >> function) | x3::attr(text_range())) >> -offset >>
    -(bracket_source | paren_source);

} // namespace stack_detail

namespace sd = stack_detail;

// "        77e44ab6 ntdll!RtlpCallInterceptRoutine+0x00000026"
// "0x7c809543: kernel32!CreateEventA+0x00000000"
// "ntdll!RtlDebugAllocateHeap+0x000000FD"
// " Test!readdir+00000075 (c:myprojectutil.cpp, 674)"
// "        6a4aca4e TestLeakLib+0x0001ca4e"
// "0x0040d9be"
// "0x00101991: +0x00101991"
struct stack_frame_class : note_span {};
stack_frame_type const stack_frame_rule = "stack frame";
auto const stack_frame_rule_def = -sd::frame_address >> sd::symbol;  // symbol reads empty at worst

// "k", "kb", "kn", "kvL", "kb 5", "~4 kb", "~*k", "~~[1a4]kb": a thread prefix, then k and
// its option letters, then an optional frame count.
auto const thread_prefix = x3::lexeme['~' >> ((x3::lit('~') >> '[' >> +(x3::char_ - ']') >> ']') | x3::char_("*.#") |
                                              +x3::ascii::xdigit)];
struct k_command_class {};
k_command_type const k_command_rule = "k command";
// "~14s ; kb": switch to a thread, then k on it (the switch echoes the thread's next instruction).
auto const k_command_rule_def = -x3::omit[thread_prefix >> 's' >> ';'] >> -x3::omit[thread_prefix] >>
                                x3::lexeme[x3::lit('k') >> *x3::char_("bnvpPLfFcM") >> !x3::ascii::graph] >>
                                -x3::omit[x3::lexeme[-(x3::lit("=") | "L=") >> +x3::ascii::xdigit]];

// " # Child-SP          RetAddr               Call Site", " # ChildEBP RetAddr  Args to Child",
// "ChildEBP RetAddr  Args to Child"
struct k_header_class {};
k_header_type const k_header_rule = "k header";
// x64 kb: " # Child-SP          RetAddr           : Args to Child      : Call Site"
auto const k_header_rule_def =
    -x3::lit('#') >> (((-x3::lit("Child-SP") >> "RetAddr" >> -(x3::lit(':') >> "Args" >> "to" >> "Child") >>
                        -x3::lit(':') >> "Call" >> "Site")) |
                      (x3::lit("ChildEBP") >> "RetAddr" >> -(x3::lit("Args") >> "to" >> "Child")));

// Two to six numbers (frame number, Child-SP/ChildEBP, RetAddr, x86 kb's arguments), x64 kb's
// arguments between colons ("00007ffe`c14657ff : 00000003`00000003 ... : ntdll!..."), then the
// call site: a symbol, or a bare address taken as the last number.
struct k_frame_class : note_span {};
k_frame_type const k_frame_rule = "k frame";
auto const k_frame_rule_def = x3::repeat(2, 7)[sd::frame_address] >>
                              -(x3::lit(':') >> +sd::frame_address >> x3::lit(':')) >> sd::symbol;  // empty at worst

// "  4  id: 97.a3   Suspend: 0 Teb 7ffd9000 Unfrozen", ".  6  Id: 1364.a9 Suspend: 1 Teb: 7ffd9000 Unfrozen"
struct k_thread_class : note_span {};
k_thread_type const k_thread_rule = "thread line";
auto const k_thread_rule_def = x3::omit[-x3::char_(".#")] >> x3::uint_ >> common::lit_any_case("id:") >>
                               x3::lexeme[+x3::ascii::graph] >> x3::omit[common::rest_of_line];

struct k_command_thread_class {};
k_command_thread_type const k_command_thread_rule = "thread of a k command";
auto const k_command_thread_rule_def =
    ((x3::lit("~~[") >> x3::attr(true) >> common::address >> ']') | (x3::lit('~') >> x3::attr(false) >> x3::uint_)) >>
    x3::omit[common::rest_of_line];

struct thread_id_class {};
thread_id_type const thread_id_rule = "process.thread ids";
auto const thread_id_rule_def = x3::lexeme[common::hex16 >> '.' >> common::hex16];

struct k_switch_echo_class {};
k_switch_echo_type const k_switch_echo_rule = "thread switch echo";
auto const k_switch_echo_rule_def =
    (x3::lexeme[+(x3::ascii::graph - ':') >> ':'] >> x3::eoi) |
    (x3::lexeme[+x3::ascii::xdigit >> &x3::ascii::blank] >> x3::lexeme[+x3::ascii::xdigit >> &x3::ascii::blank] >>
     x3::lexeme[x3::ascii::alpha >> *x3::ascii::alnum] >> x3::omit[common::rest_of_line]);

struct module_base_name_class {};
module_base_name_type const module_base_name_rule = "module name";
auto const base_suffix = x3::lit('_') >> (x3::repeat(16)[x3::ascii::xdigit] | x3::repeat(8)[x3::ascii::xdigit]) >> x3::eoi;
auto const module_base_name_rule_def = x3::lexeme[x3::raw[+(x3::char_ - base_suffix)] >> x3::omit[base_suffix]];

// "->     0   700 Wait2!main+0xdc ...", "       1  27b4 ntdll!NtWaitForAlertByThreadId+0x14 ..." (corpus/locks/115.txt:27-28)
struct mex_thread_row_class : note_span {};
mex_thread_row_type const mex_thread_row_rule = "!mex.lt row";
auto const mex_thread_row_rule_def = x3::omit[-x3::lit("->")] >> x3::uint32 >> x3::lexeme[common::hex16 >> common::token_end] >>
                                     x3::omit[common::rest_of_line];

// " # DbgID ThdID Wait Function ...", "== ===== ===== ====..."
struct mex_thread_header_class {};
mex_thread_header_type const mex_thread_header_rule = "!mex.lt header";
auto const mex_thread_header_rule_def = (x3::lit('#') >> "DbgID" >> "ThdID" >> x3::omit[common::rest_of_line]) |
                                        +x3::lexeme[+x3::lit('=')];

struct thread_list_command_class {};
thread_list_command_type const thread_list_command_rule = "thread list command";
// "~", "~*", "~3", "~~[0x174]": a thread selector with no command after it lists the threads.
auto const thread_list_command_rule_def =
    x3::lexeme['~' >> -(x3::char_("*.#") | (x3::lit("~[") >> +(x3::char_ - ']') >> ']') | +x3::ascii::digit)] |
    (common::keyword(x3::lit("!mex.lt") | x3::lit("!lt")) >> x3::omit[common::rest_of_line]);

struct k_warning_class {};
k_warning_type const k_warning_rule = "k warning";
auto const k_warning_rule_def =
    (x3::lit("WARNING:") >>
     ((x3::lit("Stack") >> "unwind" >> "information" >> "not" >> "available.") |
      (x3::lit("Frame") >> "IP" >> "not" >> "in" >> "any" >> "known" >> "module.")) >>
     "Following" >> "frames" >> "may" >> "be" >> "wrong.") |
    // The debugger loading a module's symbols while it prints the frames:
    // "*** WARNING: Unable to verify checksum for C:\...\WindowDemo.exe" (corpus/htrace/004.txt:449)
    (x3::lit("***") >> "WARNING:" >> "Unable" >> "to" >> "verify" >> "checksum" >> "for" >> x3::omit[common::rest_of_line]) |
    // What `~~[174]` and `~*` print under each thread line (corpus/locks/118.txt:50-51):
    // "      Start: ucrtbase!thread_start<...> (00007ffe`bd96cd30)", "      Priority: 0  Priority class: 32  Affinity: f"
    ((x3::lit("Start:") | (x3::lit("Priority:") >> x3::uint_ >> "Priority" >> "class:")) >> x3::omit[common::rest_of_line]) |
    // A rule of dashes: `!cs` begins its output with one, pasted right under a stack (corpus/locks/118.txt:27)
    x3::lexeme[x3::repeat(3, x3::inf)[x3::lit('-')]];

BOOST_SPIRIT_DEFINE(stack_frame_rule, k_command_rule, k_header_rule, k_frame_rule, k_thread_rule, k_warning_rule,
                    k_command_thread_rule, thread_id_rule, thread_list_command_rule, module_base_name_rule,
                    k_switch_echo_rule, mex_thread_row_rule, mex_thread_header_rule)

} // namespace dbgsift::grammar
