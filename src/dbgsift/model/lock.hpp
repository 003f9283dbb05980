// SPDX-License-Identifier: MIT
// `!locks`: kernel ERESOURCEs and user-mode critical sections.
#pragma once
#include "source.hpp"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dbgsift::model {

struct LockThread {
    std::uint64_t thread = 0;
    std::uint64_t count = 0;   // the "-01" after an owner
    bool current_owner = false; // "<*>"
};

struct Lock {
    bool kernel = true;         // false for a user-mode critical section
    std::string symbol;         // "nt!CmpRegistryLock"; empty when only an address is printed
    std::uint64_t address = 0;
    bool exclusive = false;
    std::uint64_t shared_owners = 0;
    std::optional<Sourced<std::uint64_t>> contention_count;
    std::optional<Sourced<std::uint64_t>> shared_waiters;
    std::optional<Sourced<std::uint64_t>> exclusive_waiters;
    std::vector<LockThread> owners;
    std::vector<LockThread> waiters;
    // user-mode critical section fields
    std::optional<std::int64_t> lock_count;
    std::optional<std::uint64_t> recursion_count, owning_thread, entry_count;
    bool locked = false;
    Loc loc;
};

} // namespace dbgsift::model
