// SPDX-License-Identifier: MIT
// A call stack as a debugger printed it: frames split into module, function and offset.
#pragma once
#include "source.hpp"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dbgsift::model {

struct Frame {
    std::optional<std::uint64_t> address;  // the return address, when printed
    std::string module;                    // "ntdll", "MyApp"; empty for a bare address
    std::string function;                  // "RtlAllocateHeap", "CLeak::Alloc"; empty for "module+offset"
    std::optional<std::uint64_t> offset;   // "+0x1a"
    std::string source_file;               // "[c:\src\leak.cpp @ 42]" -> "c:\src\leak.cpp"
    std::uint32_t source_line = 0;
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
    Stack stack;
    Loc loc;
};

} // namespace dbgsift::model
