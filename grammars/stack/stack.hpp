// SPDX-License-Identifier: MIT
// Stack frames, shared by every command that prints a stack: `!heap -p -a`, UMDH
// comparisons, `!htrace`, and the `k` family. One frame per line; the caller knows where a
// stack starts.
#pragma once
#include "../config.hpp"
#include "ast.hpp"
#include "../../src/dbgsift/text/byte_table.hpp"
#include <string_view>

namespace dbgsift::grammar {

// name_starts: the bytes a rule may start with (see grammars/config.hpp).

DBGSIFT_RULE(stack_frame, ast::stack_frame)

// The typed command: "k", "kb", "kn", "kvL", "kb 5", "~4 kb", "~*k".
DBGSIFT_RULE(k_command, x3::unused_type)
// " # Child-SP          RetAddr               Call Site", "ChildEBP RetAddr  Args to Child"
DBGSIFT_RULE(k_header, x3::unused_type)
inline constexpr std::string_view k_header_starts = "#CR";  // #, Child-SP, ChildEBP, RetAddr
DBGSIFT_RULE(k_frame, ast::k_frame)
DBGSIFT_RULE(k_thread, ast::k_thread)
inline constexpr std::string_view k_thread_starts = ".#0123456789";
inline constexpr text::ByteTable k_thread_firsts = text::bytes_of(k_thread_starts);  // one load a frame line
// The first byte after a digit-led thread line's number and its blanks: "Id:" in any case.
inline constexpr std::string_view k_thread_after_number = "Ii";
// What a thread switch ("~14s ; kb") echoes before the stack: the symbol of the thread's next
// instruction and its disassembly. "ntdll_771d0000!ZwWaitForSingleObject+0x15:",
// "771ef901 83c404 add esp,4". Tried only on a line that is not a frame.
DBGSIFT_RULE(k_switch_echo, x3::unused_type)
// The thread a k command names: "~4 kb" -> number 4, "~~[a3]kb" -> id a3 (none for "kb", "~*k").
DBGSIFT_RULE(k_command_thread, ast::thread_ref)
// "97.a3", "1364.a9": the process and thread ids of a thread line
DBGSIFT_RULE(thread_id, ast::thread_id)
// "ntdll_771d0000" -> "ntdll": the debugger names a second loaded copy of a module (WOW64's
// 32-bit ntdll) with its base address appended. Fails on a name without such a suffix.
DBGSIFT_RULE(module_base_name, std::string)
// Can `module` end in the "_" + 8 or 16 hex digits module_base_name takes off? (Its '_' sits
// 9 or 17 bytes from the end, after at least one byte.) Most names cannot: they skip the rule.
inline bool may_have_base_suffix(std::string_view module) {
    auto const n = module.size();
    return (n >= 10 && module[n - 9] == '_') || (n >= 18 && module[n - 17] == '_');
}
// MEX's thread table (`!mex.lt`): its rows, and its header and rule lines (nothing to keep).
DBGSIFT_RULE(mex_thread_row, ast::mex_thread)
DBGSIFT_RULE(mex_thread_header, x3::unused_type)
// "~", "~*", "~3", "~~[174]", "!mex.lt": the thread listing, one k_thread line per thread.
DBGSIFT_RULE(thread_list_command, x3::unused_type)
// "WARNING: Stack unwind information not available. Following frames may be wrong."
// "WARNING: Frame IP not in any known module. Following frames may be wrong."
// Also the lines a thread listing carries under each thread ("Start: ...", "Priority: ...") and a
// rule of dashes: nothing to keep.
DBGSIFT_RULE(k_warning, x3::unused_type)
inline constexpr std::string_view k_warning_starts = "W*SP-";  // WARNING:, ***, Start:, Priority:, dashes

} // namespace dbgsift::grammar
