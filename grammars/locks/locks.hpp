// SPDX-License-Identifier: MIT
// `!locks` (kdexts ERESOURCE form and ntsdexts critical-section form), `!cs`, `!critsec`:
// one rule per kind of line. parse/locks.cpp chooses the rule and keeps the state.
#pragma once
#include "../config.hpp"
#include "ast.hpp"
#include "../../src/dbgsift/text/ascii.hpp"
#include "../../src/dbgsift/text/byte_table.hpp"
#include <string_view>

namespace dbgsift::grammar {

// name_starts: the bytes a rule may start with (see grammars/config.hpp).

// The typed command: "!locks", "!locks -v 85205ec8", "!ntsdexts.locks", "!cs -l", "!critsec X".
DBGSIFT_RULE(locks_command, ast::locks_command_kind)

DBGSIFT_RULE(resource_header, ast::resource_header)
inline constexpr std::string_view resource_header_starts = "R";  // Resource @
DBGSIFT_RULE(resource_counter, ast::resource_counter)
inline constexpr std::string_view resource_counter_starts = "CN";  // Contention Count, NumberOf...
DBGSIFT_RULE(resource_flags, ast::resource_flags)
inline constexpr std::string_view resource_flags_starts = "A";  // ActiveCount
DBGSIFT_RULE(old_owner, ast::old_owner)
inline constexpr std::string_view old_owner_starts = "T";  // Thread =
DBGSIFT_RULE(thread_list, ast::thread_list)
// Threads..., or a thread's address (hex digits, maybe after "0x")
inline constexpr std::string_view thread_list_starts = "T0123456789abcdefABCDEF";
inline constexpr text::ByteTable thread_list_firsts = text::bytes_of(thread_list_starts);  // one load a line
DBGSIFT_RULE(critsec_header, ast::critsec_header)
inline constexpr std::string_view critsec_header_starts = "C";  // CritSec, Critical section
// critsec_header's first words, on the line after its blanks (`rest`): most lines its first
// byte lets through are `!cs` fields ("ContentionCount"), which fail after a rule's set-up.
inline bool critsec_header_may_start(std::string_view rest) {
    return rest.starts_with("CritSec") || rest.starts_with("Critical");
}
DBGSIFT_RULE(critsec_field, ast::critsec_field)
// LockCount, RecursionCount, OwningThread, EntryCount, ContentionCount, WaiterWoken, DebugInfo,
// LockSemaphore, SpinCount, NOT LOCKED, *** Locked
inline constexpr std::string_view critsec_field_starts = "LROECWDSN*";
inline constexpr text::ByteTable critsec_field_firsts = text::bytes_of(critsec_field_starts);  // one load a line
DBGSIFT_RULE(locks_summary, ast::locks_summary)
inline constexpr std::string_view locks_summary_starts = "0123456789S";  // N total locks, Scanned
inline constexpr text::ByteTable locks_summary_firsts = text::bytes_of(locks_summary_starts);  // one load a line
// locks_summary's first word: a count, or "Scanned" (where 'S' lets "SpinCount" fields through).
inline bool locks_summary_may_start(std::string_view rest) {
    return (!rest.empty() && text::is_ascii_digit(rest.front())) || rest.starts_with("Scanned");
}
DBGSIFT_RULE(thread_detail, ast::thread_detail)
inline constexpr std::string_view thread_detail_starts = "T";  // THREAD
DBGSIFT_RULE(owning_process, ast::owning_process)
inline constexpr std::string_view owning_process_starts = "O";  // Owning Process
// Lines with nothing to keep: see ast::locks_aside_kind.
DBGSIFT_RULE(locks_aside, ast::locks_aside_kind)
// KD:, stars, a note (//, #, <<<, <--, <==), dashes, Stack trace, No stack, OwningThread
inline constexpr std::string_view locks_aside_starts = "K*/#<-SNO";
inline constexpr text::ByteTable locks_aside_firsts = text::bytes_of(locks_aside_starts);  // one load a line
// locks_aside's first words: a mark ("KD:", stars, a note, dashes: their first bytes), "Stack",
// "No" or "OwningThread" (where 'S' and 'O' let "SpinCount" and other fields through).
inline constexpr text::ByteTable locks_aside_mark_firsts = text::bytes_of("K*/#<-");
inline bool locks_aside_may_start(std::string_view rest) {
    return (!rest.empty() && locks_aside_mark_firsts[static_cast<unsigned char>(rest.front())]) ||
           rest.starts_with("Stack") || rest.starts_with("No") || rest.starts_with("OwningThread");
}
// A whole line that ends with an author's annotation ("... // Owning thread again",
// "84753d78  <<<"); attribute: the marker's first character.
DBGSIFT_RULE(annotated_line, char)
// Not a first byte: a note ("//", "#", "<<<", "<--", "<==") may start anywhere in the line,
// so a line holding none of these bytes is not annotated.
inline constexpr std::string_view annotated_line_marks = "/#<";
// A lock's symbol, as read by resource_header / critsec_header, split into its parts:
// "nt!CmpRegistryLock" -> {"nt", "CmpRegistryLock"}. Symbols without a module do not match.
DBGSIFT_RULE(qualified_symbol, ast::qualified_symbol)
// "ntoskrnl!_DbgBreakPoint:" / "80131400 cc               int     3": a break-in notice
// inside a prompt-less paste; nothing to keep.
DBGSIFT_RULE(break_in, ast::break_in_kind)
// "WAIT", "RUNNING", ...: the state word of a THREAD line, alone.
DBGSIFT_RULE(thread_state, model::ThreadState)

} // namespace dbgsift::grammar
