// SPDX-License-Identifier: MIT
// `!htrace` and `!htrace -diff`: the handle operations recorded with their stacks.
#pragma once
#include "source.hpp"
#include "stack.hpp"
#include <cstdint>
#include <optional>
#include <vector>

namespace dbgsift::model {

enum class HandleOperation { open, close, bad_reference };

struct HandleTraceEntry {
    std::uint64_t handle = 0;
    HandleOperation operation = HandleOperation::open;
    std::optional<std::uint64_t> thread, process;  // user mode prints them
    Stack stack;
    Loc loc;
};

// One `!htrace` listing (newest entry first, as printed) or one `!htrace -diff`, which lists
// only the handles opened since the previous snapshot and still open.
struct HandleTrace {
    bool diff = false;
    std::optional<std::uint64_t> new_traces;  // "0xd9 new stack traces since the previous snapshot."
    std::optional<std::uint64_t> displayed;   // "Displayed 0x4 stack traces for outstanding handles ..."
    std::optional<std::uint64_t> process;     // kernel mode "Process 0x815328B0"
    std::vector<HandleTraceEntry> entries;
    Loc loc;
};

} // namespace dbgsift::model
