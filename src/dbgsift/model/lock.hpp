// SPDX-License-Identifier: MIT
// `!locks`: kernel ERESOURCEs and user-mode critical sections (`!locks`, `!cs`, `!critsec`).
#pragma once
#include "source.hpp"
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dbgsift::model {

// A thread's scheduling state in a `!locks -v` THREAD line; `other` for any other word.
enum class ThreadState { other, running, ready, wait, standby, terminated, transition, initialized };

// The one table of their spellings: the locks grammar reads states by it.
inline constexpr std::array<std::string_view, 8> k_thread_state_names{
    "", "RUNNING", "READY", "WAIT", "STANDBY", "TERMINATED", "TRANSITION", "INITIALIZED"};
static_assert(k_thread_state_names.size() == static_cast<std::size_t>(ThreadState::initialized) + 1);

// One thread of an owner or waiter list.
struct LockThread {
    std::uint64_t thread = 0;   // the thread to look at ("*** Actual Thread" when printed)
    std::uint64_t count = 0;    // the "-01" after an owner
    bool current_owner = false; // "<*>"
    // The owner-table entry as printed when the debugger named another actual thread
    // ("8a4cb533-01<*> *** Actual Thread 8a4cb530" -> 0x8a4cb533).
    std::optional<std::uint64_t> listed_as;
    bool wants_exclusive = true;  // waiters: listed under "Waiting On Exclusive Access"
    // From `!locks -v` THREAD blocks, when present.
    std::string state;          // "WAIT", "RUNNING", ... as printed
    ThreadState state_id = ThreadState::other;  // the same, as the grammar read it
    std::string wait_reason;    // "(Executive) KernelMode Non-Alertable"
    std::optional<std::uint64_t> process;
    std::string process_image;  // "windbg.exe"
    Loc loc;
};

struct Lock {
    bool kernel = true;         // false for a user-mode critical section
    std::string symbol;         // "nt!CmpRegistryLock"; empty when only an address is printed
    std::string module;         // "nt": the symbol's module, as the grammar split it ("" if none)
    std::string function;       // "CmpRegistryLock" (old x86 leading underscores dropped)
    std::uint64_t address = 0;
    bool exclusive = false;     // "Exclusively owned"
    bool available = false;     // "Available": nobody owns it
    std::optional<std::uint64_t> shared_owners;  // "Shared N owning threads"
    std::optional<Sourced<std::uint64_t>> contention_count;  // also ContentionCount of a CS
    std::optional<Sourced<std::uint64_t>> shared_waiters;
    std::optional<Sourced<std::uint64_t>> exclusive_waiters;
    std::vector<LockThread> owners;
    std::vector<LockThread> waiters;
    // user-mode critical section fields
    std::optional<Sourced<std::int64_t>> lock_count;  // -1 = not locked ("NOT LOCKED")
    std::optional<std::uint64_t> recursion_count, owning_thread, entry_count;
    std::optional<bool> waiter_woken;
    bool locked = false;        // "*** Locked" / "LOCKED"
    Loc loc;
};

// The closing line of `!locks`: "3 total locks, 2 locks currently held" (kernel) or
// "Scanned 26 critical sections" (user mode): how many were looked at, how many are held.
struct LockTotals {
    bool critical_sections = false;  // "Scanned N critical sections"
    Sourced<std::uint64_t> total;
    std::optional<Sourced<std::uint64_t>> held;
};

} // namespace dbgsift::model
