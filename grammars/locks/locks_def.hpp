// SPDX-License-Identifier: MIT
// Spirit coding style: ID foo_class, type foo_type, definition foo_def, object foo.
// Included only by locks.cpp.
#pragma once
#include "../common/blank_pad.hpp"
#include "../common/common.hpp"
#include "../common/fixed_literal.hpp"
#include "ast_adapted.hpp"
#include "locks.hpp"

namespace dbgsift::grammar {
namespace locks_detail {
namespace c = common;
using x3::attr;
using x3::lit;

// (common::hex16 reads what x3::uint_parser<std::uint64_t, 16, 1, 16> reads, a table look-up a digit.)
inline auto const hex_value = c::hex16;
using ast::critsec_key;
using ast::locks_aside_kind;
using ast::locks_command_kind;
using ast::locks_summary_kind;
using ast::resource_counter_kind;
using ast::resource_state_kind;
using ast::thread_list_role;
inline auto const no_value = std::uint64_t{0};
// An address whose value nobody keeps ("Teb: 7ffdf000"). common::address cannot be used under
// omit[]: its semantic actions need the rule's own attribute, which omit[] takes away.
auto const skipped_address = x3::omit[x3::lexeme[-common::lit_fixed_any_case<"0x"> >> +x3::ascii::xdigit >>
                                                 -('`' >> +x3::ascii::xdigit)]];

// An author's remark pasted after the debugger's text or on a line of its own:
// "// Owning thread again", "#争用次数", "84753d78  <<<".
// (Fixed literals: tried at the end of every row, and on every line the aside rule is tried on,
// where x3::lit's byte loop was a call a marker.)
auto const note_start = c::lit_fixed<"//"> | lit('#') | c::lit_fixed<"<<<"> | c::lit_fixed<"<--"> |
                        c::lit_fixed<"<==">;
auto const note = x3::lexeme[note_start >> *x3::char_];
auto const trailing_note = x3::omit[-note];

// (x3::raw takes each text in one assignment; the char parsers appended it a byte at a time.)
// The runs here and in qualified_symbol are read sixteen bytes a step (set_lanes::k_wide): a
// set that left it would read a byte a step without a word.
static_assert(c::set_lanes<c::graph_byte_but<'('>>::k_wide && c::set_lanes<c::graph_byte_but<')'>>::k_wide &&
              c::set_lanes<c::graph_byte_but<'!'>>::k_wide && c::set_lanes<c::graph_byte_but<'+'>>::k_wide);
// "nt!CmpRegistryLock", "nwrdr!_NwScavengerSpinLock": up to the parenthesised address.
auto const symbol_text = x3::rule<struct symbol_text_class, std::string>{"symbol"} =
    x3::lexeme[x3::raw[c::byte_run<c::graph_byte_but<'('>>{}]];
// "ntdll!LdrpLoaderLock+0", "+24e750"
auto const critsec_symbol = x3::rule<struct critsec_symbol_class, std::string>{"symbol"} = c::word;
// "(ntdll!LdrpLoaderLock+0x0)" -> the text inside the parentheses
auto const parenthesised = x3::rule<struct parenthesised_class, std::string>{"(symbol)"} =
    '(' >> x3::lexeme[x3::raw[c::byte_run<c::graph_byte_but<')'>>{}]] >> ')';
// "windbg.exe", "PSDrt.exe"
auto const image_name = x3::rule<struct image_name_class, std::string>{"image"} = c::word;

// "nt!CmpRegistryLock (0x80478b00)" | "0x85205ec8" | "fc664ee0"
auto const resource_name = x3::rule<struct resource_name_class, ast::resource_name>{"resource name"} =
    (symbol_text >> '(' >> c::address >> ')') | (attr(std::string()) >> c::address);

// "Shared 10 owning threads" | "Exclusively owned" | "Available" | nothing at all (NT4)
auto const resource_state = x3::rule<struct resource_state_class, ast::resource_state>{"resource state"} =
    (c::keyword(lit("Exclusively")) >> "owned" >> attr(resource_state_kind::exclusive) >> attr(no_value)) |
    (c::keyword(lit("Shared")) >> attr(resource_state_kind::shared) >> c::count >> "owning" >>
     (lit("threads") | lit("thread"))) |
    (c::keyword(lit("Available")) >> attr(resource_state_kind::available) >> attr(no_value)) |
    (attr(resource_state_kind::not_printed) >> attr(no_value));

// "88b9fcb0-01<*>", "ffaf5410-01", "850bbd78", "8a4cb533-01<*> *** Actual Thread 8a4cb530"
auto const thread_entry = x3::rule<struct thread_entry_class, ast::thread_entry>{"thread"} =
    c::address >> x3::no_skip[!x3::ascii::xdigit] >> -(lit('-') >> hex_value) >>
    x3::matches[c::lit_fixed<"<*>">] >>
    -(c::lit_fixed<"***"> >> c::lit_fixed<"Actual"> >> c::lit_fixed<"Thread"> >> c::address);

// "Threads:" | "Threads Waiting On Exclusive Access:" | "Threads Waiting On Shared Access:"
auto const list_label = x3::rule<struct list_label_class, thread_list_role>{"thread list label"} =
    (c::lit_fixed<"Threads"> >> ':' >> attr(thread_list_role::owners)) |
    (c::lit_fixed<"Threads"> >> c::lit_fixed<"Waiting"> >> c::lit_fixed<"On"> >>
     ((lit("Exclusive") >> attr(thread_list_role::exclusive_waiters)) |
      (lit("Shared") >> attr(thread_list_role::shared_waiters))) >>
     "Access" >> ':');

// "Contention Count" | "NumberOfSharedWaiters" | "NumberOfExclusiveWaiters"
// ("Contention Count" is two words: any run of blanks between them, so no symbols table).
struct waiter_counter_table : x3::symbols<resource_counter_kind> {
    waiter_counter_table() {
        add("NumberOfSharedWaiters", resource_counter_kind::shared_waiters)(
            "NumberOfExclusiveWaiters", resource_counter_kind::exclusive_waiters);
    }
} const waiter_counter;
auto const counter_name = x3::rule<struct counter_name_class, resource_counter_kind>{"resource counter"} =
    (c::lit_fixed<"Contention"> >> c::lit_fixed<"Count"> >> attr(resource_counter_kind::contention)) |
    waiter_counter;

// "Flags = IsOwnedExclusive ExclusiveWaiter" -> each flag word
auto const flag_word = x3::rule<struct flag_word_class, std::string>{"flag"} =
    x3::lexeme[+(x3::ascii::alnum | x3::ascii::char_('_'))];

// `!cs` prints "Key = value"; these are the keys dbgsift knows. No key is the start of another,
// so the one literal that reads is the key x3::symbols' longest match found: fixed literals,
// most frequent first, where a table walked the key a node a byte on every !cs field (issue 14).
auto const critsec_key_names =
    (c::lit_fixed<"DebugInfo"> >> attr(critsec_key::debug_info)) |
    (c::lit_fixed<"LockSemaphore"> >> attr(critsec_key::lock_semaphore)) |
    (c::lit_fixed<"SpinCount"> >> attr(critsec_key::spin_count)) |
    (c::lit_fixed<"LockCount"> >> attr(critsec_key::lock_count)) |
    (c::lit_fixed<"RecursionCount"> >> attr(critsec_key::recursion_count)) |
    (c::lit_fixed<"OwningThread"> >> attr(critsec_key::owning_thread)) |
    (c::lit_fixed<"WaiterWoken"> >> attr(critsec_key::waiter_woken)) |
    (c::lit_fixed<"EntryCount"> >> attr(critsec_key::entry_count)) |
    (c::lit_fixed<"ContentionCount"> >> attr(critsec_key::contention_count));

// The ntsdexts `!locks` keys whose value follows blanks in hex ("OwningThread 7ec"), each a
// whole word (one literal a key, as above).
auto const hex_field_key =
    (c::keyword(c::lit_fixed<"OwningThread">) >> attr(critsec_key::owning_thread)) |
    (c::keyword(c::lit_fixed<"EntryCount">) >> attr(critsec_key::entry_count)) |
    (c::keyword(c::lit_fixed<"ContentionCount">) >> attr(critsec_key::contention_count));

// The blanks that pad a key's value: common/blank_pad.hpp.
auto const& pad = c::blank_pad;

auto const yes_no = x3::rule<struct yes_no_class, std::int64_t>{"Yes or No"} =
    (c::keyword(common::lit_any_case("yes")) >> attr(std::int64_t{1})) |
    (c::keyword(common::lit_any_case("no")) >> attr(std::int64_t{0}));
// "0x00000000000007ec" -> 0x7ec
auto const prefixed_hex = x3::rule<struct prefixed_hex_class, std::int64_t>{"0x number"} =
    x3::lexeme[(lit("0x") | lit("0X")) >> hex_value];

// RUNNING, WAIT, ... by model::k_thread_state_names, the one table of them.
auto const thread_state_names = common::symbols_of<model::ThreadState>(model::k_thread_state_names);

// The command word after "!" (and an optional "ext." prefix), case-insensitive.
struct command_name_table : x3::symbols<locks_command_kind> {
    command_name_table() {
        add("locks", locks_command_kind::locks)("critsec", locks_command_kind::critsec)(
            "cs", locks_command_kind::critsec);
    }
} const command_name;

} // namespace locks_detail

namespace ld = locks_detail;

// "!locks", "!locks -v 0x89929320", "!ntsdexts.locks", "!kdexts.locks", "!cs -l", "!critsec 3a8c0e9c"
// Not MEX's "!mex.cs": a one-row-per-section table of its own (corpus/locks/115.txt:18-21).
struct locks_command_class {};
locks_command_type const locks_command_rule = "!locks command";
auto const locks_command_rule_def =
    x3::lexeme['!' >> x3::omit[-(!common::lit_any_case("mex.") >> +(x3::ascii::alnum | '_' | '*') >> '.')] >>
               x3::no_case[ld::command_name] >>
               !(x3::ascii::alnum | '_' | '.')] >>
    x3::omit[common::rest_of_line];

// "Resource @ nt!CmpRegistryLock (0x80478b00)    Shared 10 owning threads"
// "Resource @ 0x85205ec8    Exclusively owned"
struct resource_header_class : note_span {};
resource_header_type const resource_header_rule = "Resource @ line";
auto const resource_header_rule_def =
    common::lit_fixed<"Resource"> >> '@' >> ld::resource_name >> ld::resource_state >> ld::trailing_note;

// "    Contention Count = 9149810", "    NumberOfSharedWaiters = 718"
struct resource_counter_class : note_span {};
resource_counter_type const resource_counter_rule = "resource counter";
auto const resource_counter_rule_def =
    ld::counter_name >> '=' >> common::count >> ld::trailing_note;

// " ActiveCount = 0001  Flags = IsOwnedExclusive ExclusiveWaiter"
struct resource_flags_class : note_span {};
resource_flags_type const resource_flags_rule = "ActiveCount/Flags line";
auto const resource_flags_rule_def =
    x3::lit("ActiveCount") >> '=' >> common::count >> "Flags" >> '=' >> *ld::flag_word >> ld::trailing_note;

// "  Thread = ffaf5410, Count = 01                // Here's the owning thread"
struct old_owner_class : note_span {};
old_owner_type const old_owner_rule = "Thread = X, Count = N";
auto const old_owner_rule_def = x3::lit("Thread") >> '=' >> common::address >> ',' >> "Count" >> '=' >>
                                ld::hex_value >> ld::trailing_note;

// "     Threads: 88b9fcb0-01<*>", "     Threads Waiting On Exclusive Access:",
// "ntoskrnl!_DbgBreakPoint:", "fffff803`06c2f460 cc              int     3": the location
// (module!symbol, a colon, nothing else) and the instruction (address, opcode bytes, a
// mnemonic that is a word, its operands). Tried after every lock rule: a row of thread
// addresses is never taken for an instruction.
struct break_in_class {};
break_in_type const break_in_rule = "break-in notice";
auto const break_in_rule_def =
    (x3::omit[x3::lexeme[+(x3::ascii::graph - '!') >> '!' >> +(x3::ascii::graph - ':') >> ':']] >>
     x3::attr(ast::break_in_kind::location)) |
    (x3::omit[ld::skipped_address >> x3::lexeme[+x3::ascii::xdigit] >>
              x3::lexeme[x3::ascii::alpha >> *x3::ascii::alnum >> !x3::ascii::graph] >> -common::rest_of_line] >>
     x3::attr(ast::break_in_kind::instruction));

// "              850bbd78       89b2b3f0       89754030       84753d78  <<<"
struct thread_list_class : note_span {};
thread_list_type const thread_list_rule = "thread list";
auto const thread_list_rule_def =
    ((ld::list_label >> *ld::thread_entry) | (x3::attr(ld::thread_list_role::more) >> +ld::thread_entry)) >> ld::trailing_note;

// "CritSec ntdll!LdrpLoaderLock+0 at 00007ff9d241f4f8"
// "Critical section   = 0x00007ff9d241f4f8 (ntdll!LdrpLoaderLock+0x0)"
struct critsec_header_class : note_span {};
critsec_header_type const critsec_header_rule = "critical section header";
auto const critsec_header_rule_def =
    ((common::lit_fixed<"CritSec"> >> ld::critsec_symbol >> common::lit_fixed<"at"> >> common::address >>
      x3::attr(std::string())) |
     (x3::attr(std::string()) >> common::lit_fixed<"Critical"> >> common::lit_fixed<"section"> >> '=' >>
      common::address >> -ld::parenthesised)) >>
    ld::trailing_note;

// "LockCount          1", "OwningThread       7ec", "WaiterWoken        No", "*** Locked",
// "LockCount          = 0x1", "LOCKED", "NOT LOCKED", "LockCount          NOT LOCKED"
struct critsec_field_class : note_span {};
critsec_field_type const critsec_field_rule = "critical section field";
auto const critsec_field_rule_def =
    ((ld::critsec_key_names >> ld::pad >> '=' >> (ld::prefixed_hex | common::signed_count | ld::yes_no)) |
     (common::keyword(common::lit_fixed<"LockCount">) >> x3::attr(ld::critsec_key::lock_count) >> ld::pad >>
      ((common::lit_fixed<"NOT"> >> common::lit_fixed<"LOCKED"> >> x3::attr(std::int64_t{-1})) |
       common::signed_count)) |
     (common::keyword(common::lit_fixed<"RecursionCount">) >> x3::attr(ld::critsec_key::recursion_count) >>
      common::signed_count) |
     (ld::hex_field_key >> ld::pad >> ld::hex_value) |
     (common::keyword(common::lit_fixed<"WaiterWoken">) >> x3::attr(ld::critsec_key::waiter_woken) >>
      ld::pad >> ld::yes_no) |
     (common::lit_fixed<"***"> >> common::lit_fixed<"Locked"> >> x3::attr(ld::critsec_key::locked) >>
      x3::attr(std::int64_t{1})) |
     (common::keyword(common::lit_fixed<"NOT">) >> common::lit_fixed<"LOCKED"> >>
      x3::attr(ld::critsec_key::locked) >> x3::attr(std::int64_t{0})) |
     (common::keyword(common::lit_fixed<"LOCKED">) >> x3::attr(ld::critsec_key::locked) >>
      x3::attr(std::int64_t{1}))) >>
    ld::trailing_note;

// "1 total locks, 1 locks currently held", "1 total locks", "Scanned 26 critical sections"
struct locks_summary_class : note_span {};
locks_summary_type const locks_summary_rule = "!locks summary";
auto const locks_summary_rule_def =
    ((x3::attr(ld::locks_summary_kind::total_locks) >> common::count >> common::lit_fixed<"total"> >>
      (common::lit_fixed<"locks"> | common::lit_fixed<"lock">) >>
      -(',' >> common::count >> (common::lit_fixed<"locks"> | common::lit_fixed<"lock">) >>
        common::lit_fixed<"currently"> >> common::lit_fixed<"held">)) |
     (x3::attr(ld::locks_summary_kind::critical_sections) >> common::lit_fixed<"Scanned"> >> common::count >>
      common::lit_fixed<"critical"> >> common::lit_fixed<"sections"> >>
      x3::attr(boost::optional<std::uint64_t>()))) >>
    ld::trailing_note;

// "THREAD 80ed0020  Cid 4.2c  Teb: 00000000 Win32Thread: 00000000 WAIT: (WrQueue) KernelMode Non-Alertable"
struct thread_detail_class : note_span {};
thread_detail_type const thread_detail_rule = "THREAD line";
auto const thread_detail_rule_def =
    x3::lit("THREAD") >> common::address >> "Cid" >> x3::lexeme[+x3::ascii::graph] >>
    -(x3::lit("Teb:") >> ld::skipped_address) >> -(x3::lit("Win32Thread:") >> ld::skipped_address) >>
    x3::lexeme[+x3::ascii::upper] >> common::rest_of_line;

// "Owning Process 89e1ead8 Image: windbg.exe", "     Owning Process 80ed5238"
struct owning_process_class : note_span {};
owning_process_type const owning_process_rule = "Owning Process line";
auto const owning_process_rule_def =
    x3::lit("Owning") >> "Process" >> common::address >> -(x3::lit("Image:") >> ld::image_name);

// "KD: Scanning for held locks....", "**** DUMP OF ALL RESOURCE OBJECTS ****",
// "#0表示有一个线程。", "-----------------------------------------",
// "Stack trace for DebugInfo = 0x6A262080:", "No stack trace saved", "OwningThread DbgId = ~0s",
// "OwningThread Stack ="
struct locks_aside_class {};
locks_aside_type const locks_aside_rule = "!locks banner";
auto const locks_aside_rule_def =
    (common::lit_fixed<"KD:"> >> "Scanning" >> "for" >> "held" >> "locks" >> *x3::lit('.') >>
     x3::attr(ld::locks_aside_kind::scanning)) |
    (+x3::lit('*') >> "DUMP" >> "OF" >> "ALL" >> "RESOURCE" >> "OBJECTS" >> *x3::lit('*') >>
     x3::attr(ld::locks_aside_kind::dump_banner)) |
    (x3::omit[ld::note] >> x3::attr(ld::locks_aside_kind::annotation)) |
    (x3::lexeme[x3::lit("---") >> *x3::lit('-')] >> x3::attr(ld::locks_aside_kind::dashes)) |
    (common::lit_fixed<"Stack"> >> "trace" >> "for" >> "DebugInfo" >> '=' >> ld::skipped_address >>
     -x3::lit(':') >> x3::attr(ld::locks_aside_kind::stack_trace)) |
    (common::lit_fixed<"No"> >> "stack" >> "trace" >> "saved" >> x3::attr(ld::locks_aside_kind::no_stack_trace)) |
    // (one "OwningThread" for both: every `!cs` OwningThread field is read up to here first)
    (common::lit_fixed<"OwningThread"> >>
     ((common::lit_fixed<"DbgId"> >> '=' >> x3::omit[common::rest_of_line] >>
       x3::attr(ld::locks_aside_kind::owning_thread_id)) |
      (common::lit_fixed<"Stack"> >> '=' >> x3::attr(ld::locks_aside_kind::owning_thread_stack))));

// "              850bbd78       89b2b3f0       89754030       84753d78  <<<"
struct annotated_line_class {};
annotated_line_type const annotated_line_rule = "annotated line";
auto const annotated_line_rule_def =
    x3::lexeme[x3::omit[*(x3::char_ - ld::note_start)] >> &ld::note_start >> x3::char_ >>
               x3::omit[*x3::char_]];

// "WAIT" -> ThreadState::wait (the word THREAD lines print after Win32Thread)
struct thread_state_class {};
thread_state_type const thread_state_rule = "thread state";
auto const thread_state_rule_def = common::keyword(ld::thread_state_names);

// "nt!CmpRegistryLock" -> {"nt", "CmpRegistryLock"}; "nwrdr!_NwScavengerSpinLock" -> {"nwrdr",
// "NwScavengerSpinLock"}; "ntdll!LdrpLoaderLock+0x0" -> {"ntdll", "LdrpLoaderLock", 0}
struct qualified_symbol_class {};
qualified_symbol_type const qualified_symbol_rule = "module!symbol";
auto const qualified_symbol_rule_def =
    x3::lexeme[x3::raw[common::byte_run<common::graph_byte_but<'!'>>{}] >> '!' >> x3::omit[*x3::lit('_')] >>
               x3::raw[-common::byte_run<common::graph_byte_but<'+'>>{}] >>
               -('+' >> x3::omit[-common::lit_fixed_any_case<"0x">] >> ld::hex_value) >>
               x3::omit[*x3::ascii::graph]];

BOOST_SPIRIT_DEFINE(locks_command_rule, resource_header_rule, resource_counter_rule,
                    resource_flags_rule, old_owner_rule, thread_list_rule, critsec_header_rule,
                    critsec_field_rule, locks_summary_rule, thread_detail_rule, owning_process_rule,
                    locks_aside_rule, break_in_rule, annotated_line_rule, qualified_symbol_rule,
                    thread_state_rule)

} // namespace dbgsift::grammar
