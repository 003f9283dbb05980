// SPDX-License-Identifier: MIT
// Row shapes of `!locks` (kdexts: ERESOURCEs; ntsdexts: critical sections) and `!cs`.
// They keep the text's shape; parse/locks.cpp gives them meaning.
#pragma once
#include "../source.hpp"
#include "../../src/dbgsift/model/lock.hpp"  // ThreadState: the closed set, named once in the model
#include <boost/optional.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace dbgsift::grammar::ast {

// The closed sets `!locks` and `!cs` print, as the grammar reads them (no char codes).
enum class locks_command_kind { locks, critsec };  // "!locks" | "!cs", "!critsec"
enum class resource_state_kind { not_printed, exclusive, shared, available };
enum class resource_counter_kind { contention, shared_waiters, exclusive_waiters };
// Which list a "Threads..." label opens; `more` is a continuation row of the list above.
enum class thread_list_role { more, owners, exclusive_waiters, shared_waiters };
enum class critsec_key {
    lock_count, recursion_count, owning_thread, entry_count, contention_count, waiter_woken,
    locked,  // "*** Locked", "LOCKED", "NOT LOCKED"
    debug_info, lock_semaphore, spin_count,
};
enum class locks_summary_kind { total_locks, critical_sections };
// Lines with nothing to keep (locks_aside), by what they are.
enum class locks_aside_kind {
    scanning,             // "KD: Scanning for held locks...."
    dump_banner,          // "**** DUMP OF ALL RESOURCE OBJECTS ****"
    annotation,           // a line holding only an author's remark ("# ...", "// ...")
    dashes,               // a rule of dashes between `!cs` sections
    stack_trace,          // "Stack trace for DebugInfo = ...:"
    no_stack_trace,       // "No stack trace saved" (`!cs -s` on a section created untraced)
    owning_thread_id,     // "OwningThread DbgId = ~0s"
    owning_thread_stack,  // "OwningThread Stack ="
};

// The debugger's break-in notice, printed where a break (a resource time-out, a bugcheck)
// interrupts the output: the location, then the instruction there.
enum class break_in_kind {
    location,     // "ntoskrnl!_DbgBreakPoint:"
    instruction,  // "80131400 cc               int     3"
};

// "nt!CmpRegistryLock", "nwrdr!_NwScavengerSpinLock", "ntdll!LdrpLoaderLock+0x0" split by the
// grammar: module "nt", function "CmpRegistryLock" (old x86 leading underscores dropped).
struct qualified_symbol {
    std::string module;
    std::string function;
    boost::optional<std::uint64_t> offset;  // "+0x0", "+24e750"
};

// "nt!CmpRegistryLock (0x80478b00)" or a bare "0x85205ec8" / "fc664ee0"
struct resource_name {
    std::string symbol;        // empty when only an address is printed
    std::uint64_t address = 0;
};

// "Shared 10 owning threads", "Exclusively owned", "Available", or nothing (old NT4 form)
struct resource_state {
    resource_state_kind kind = resource_state_kind::not_printed;
    std::uint64_t owners = 0;  // shared owners, for `shared`
};

// "Resource @ nt!CmpRegistryLock (0x80478b00)    Shared 10 owning threads"
struct resource_header : source_span {
    resource_name name;
    resource_state state;
};

// "Contention Count = 9149810", "NumberOfSharedWaiters = 718", "NumberOfExclusiveWaiters = 21"
struct resource_counter : source_span {
    resource_counter_kind which = resource_counter_kind::contention;
    std::uint64_t value = 0;
};

// NT4 resource-timeout form: "ActiveCount = 0001  Flags = IsOwnedExclusive ExclusiveWaiter"
struct resource_flags : source_span {
    std::uint64_t active_count = 0;
    std::vector<std::string> flags;
};

// NT4 resource-timeout form: "Thread = ffaf5410, Count = 01"
struct old_owner : source_span {
    std::uint64_t thread = 0;
    std::uint64_t count = 0;
};

// One thread of an owner or waiter list: "88b9fcb0-01<*>", "850bbd78",
// "8a4cb533-01<*> *** Actual Thread 8a4cb530"
struct thread_entry {
    std::uint64_t thread = 0;
    boost::optional<std::uint64_t> count;    // the "-01" after an owner
    bool current = false;                    // "<*>"
    boost::optional<std::uint64_t> actual;   // "*** Actual Thread X"
};

// "Threads: 88b9fcb0-01<*>", "Threads Waiting On Exclusive Access:", or a continuation row
// of a list ("850bbd78       89b2b3f0       89754030       84753d78")
struct thread_list : source_span {
    thread_list_role role = thread_list_role::more;
    std::vector<thread_entry> threads;
};

// "CritSec ntdll!LdrpLoaderLock+0 at 00007ff9d241f4f8" or (!cs)
// "Critical section   = 0x00007ff9d241f4f8 (ntdll!LdrpLoaderLock+0x0)"
struct critsec_header : source_span {
    std::string symbol;        // "CritSec" form: printed before the address
    std::uint64_t address = 0;
    std::string symbol_after;  // "!cs" form: printed after the address, in parentheses
};

// "LockCount          1", "OwningThread       7ec", "*** Locked", "LockCount = 0x1", "LOCKED"
struct critsec_field : source_span {
    critsec_key key = critsec_key::lock_count;
    std::int64_t value = 0;  // LockCount "NOT LOCKED" -> -1; Yes/No -> 1/0; LOCKED -> 1
};

// "1 total locks, 1 locks currently held", "1 total locks", "Scanned 26 critical sections"
struct locks_summary : source_span {
    locks_summary_kind kind = locks_summary_kind::total_locks;
    std::uint64_t total = 0;
    boost::optional<std::uint64_t> held;
};

// `!locks -v` detail: "THREAD 8952d030 Cid 0acc.050c Teb: 7ffdf000 Win32Thread: fe82c4c0 RUNNING on processor 0"
struct thread_detail : source_span {
    std::uint64_t thread = 0;
    std::string cid;           // "0acc.050c"
    std::string state;         // "WAIT", "RUNNING", "READY", ...
    std::string rest;          // what follows the state: ": (WrQueue) KernelMode Non-Alertable"
};

// `!locks -v` detail: "Owning Process 89e1ead8 Image: windbg.exe", "Owning Process 80ed5238"
struct owning_process : source_span {
    std::uint64_t process = 0;
    std::string image;
};

} // namespace dbgsift::grammar::ast
