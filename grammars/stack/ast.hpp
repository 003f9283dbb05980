// SPDX-License-Identifier: MIT
// One frame of a call stack as the debuggers print it, kept as the text has it;
// parse/stack.cpp turns it into a model::Frame.
#pragma once
#include "../source.hpp"
#include "../text_range.hpp"
#include <boost/optional.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace dbgsift::grammar::ast {

// "[c:\src\leak.cpp @ 42]" (WinDbg) or "(c:myprojectutil.cpp, 674)" (UMDH)
// The file is a range into the line read: the parser copies it once, trimmed, to the model.
struct frame_source {
    text_range file;
    std::uint32_t line = 0;
};

// "ntdll!RtlAllocateHeap+0x1a", "MyApp!operator new+0x0000000E", "TestLeakLib+0x0001ca4e"
// Module and function are ranges into the line read, like the source file: the parser copies
// each once into the model, where a string built here was moved there and destroyed.
struct frame_symbol {
    text_range module;
    text_range function;  // empty for "module+offset"; may hold blanks ("operator new")
    boost::optional<std::uint64_t> offset;
    boost::optional<frame_source> source;
};

// "77e44ab6 ntdll!RtlpCallInterceptRoutine+0x00000026", "0x7c809543: kernel32!CreateEventA",
// " ntdll!RtlDebugAllocateHeap+000000E1", "0x0040d9be" (no symbol at all)
// (symbol is no optional: its rule reads an empty module and no function when nothing follows
// the address, so it is always there; read in place, not built aside and moved in.)
struct stack_frame : source_span {
    boost::optional<std::uint64_t> address;
    frame_symbol symbol;
};

// A `k` / `kb` / `kn` line: an optional frame number, then Child-SP (x64) or ChildEBP (x86),
// RetAddr and, for kb, three arguments, then the call site:
// "00 ffffbf0f`b8e449e8 fffff803`06d643d2     nt!DbgBreakPointWithStatus"
// "014cfe64 77f6cc7b 00000460 00000000 00000000 ntdll!NtWaitForSingleObject+0xb"
struct k_frame : source_span {
    std::vector<std::uint64_t> columns;  // every number before the call site, as printed
    std::vector<std::uint64_t> args;     // x64 kb's ": Args to Child :" group, when printed
    frame_symbol symbol;  // empty (no module, no function) when the call site is a bare address
};

// "  4  id: 97.a3   Suspend: 0 Teb 7ffd9000 Unfrozen" (printed by `~4 kb` and by `~`)
struct k_thread : source_span {
    std::uint32_t number = 0;  // the debugger's thread number, as `~4` names it
    std::string id;            // "97.a3": process.thread, as printed
};

// A row of MEX's `!mex.lt` thread table: "->     0   700 Wait2!main+0xdc    0      0 Event... 0000003ba316b000 ..."
struct mex_thread : source_span {
    std::uint32_t number = 0;     // DbgID, the debugger's thread number
    std::uint64_t thread_id = 0;  // ThdID
};

// "97.a3" -> process 0x97, thread 0xa3
struct thread_id {
    std::uint64_t process = 0;
    std::uint64_t thread = 0;
};

// Which thread a `k` command ran on: "~4 kb" (the debugger's number) or "~~[a3]kb" (the id).
struct thread_ref {
    bool by_id = false;
    std::uint64_t value = 0;
};

} // namespace dbgsift::grammar::ast
