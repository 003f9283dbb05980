// SPDX-License-Identifier: MIT
// A call stack as a debugger printed it: frames split into module, function and offset.
#pragma once
#include "boxed.hpp"
#include "source.hpp"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dbgsift::model {

// Where a frame's code is, when the debugger had line numbers: "[c:\src\leak.cpp @ 42]".
struct SourceLine {
    std::string file;           // "c:\src\leak.cpp"
    std::uint32_t line = 0;     // 42
};

struct Frame {
    std::optional<std::uint64_t> address;  // the return address, when printed
    std::string module;                    // "ntdll", "MyApp"; empty for a bare address
    std::string function;                  // "RtlAllocateHeap", "CLeak::Alloc"; empty for "module+offset"
    std::optional<std::uint64_t> offset;   // "+0x1a"
    // Boxed: most frames have none, and a big transcript keeps a hundred thousand (issue 14).
    Boxed<SourceLine> source;              // empty unless printed
    // kb's "Args to Child": on x86 the first three stack arguments of the call
    // (RtlEnterCriticalSection's first is the critical section it waits for); on x64 the four
    // home slots, which hold what the callee spilled there, or stale values.
    std::vector<std::uint64_t> args;
    Loc loc;

    // "MyApp!CLeak::Alloc", "TestLeakLib" (no function), "" (bare address)
    std::string name() const { return function.empty() ? module : module + "!" + function; }
};

// Innermost frame first, as every debugger prints them.
struct Stack {
    std::vector<Frame> frames;
};

// One `k` / `kb` / `kn` listing (`~N kb` names its thread first).
struct ThreadStack {
    std::string thread;  // "97.a3" from the thread line, when printed
    std::optional<std::uint32_t> number;     // the debugger's thread number ("~4 kb", the thread line)
    std::optional<std::uint64_t> thread_id;  // 0xa3 of "97.a3", or of "~~[a3]kb"
    Stack stack;
    Loc loc;
};

// One line of `~`: the debugger's number for a thread and its ids.
struct ListedThread {
    std::uint32_t number = 0;
    std::string thread;  // "1364.a9" as printed
    std::optional<std::uint64_t> thread_id;
    Loc loc;
};

} // namespace dbgsift::model
