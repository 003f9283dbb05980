// SPDX-License-Identifier: MIT
// One frame of a call stack as the debuggers print it, kept as the text has it;
// parse/stack.cpp turns it into a model::Frame.
#pragma once
#include "../source.hpp"
#include <boost/optional.hpp>
#include <cstdint>
#include <string>

namespace dbgsift::grammar::ast {

// "[c:\src\leak.cpp @ 42]" (WinDbg) or "(c:myprojectutil.cpp, 674)" (UMDH)
struct frame_source {
    std::string file;
    std::uint32_t line = 0;
};

// "ntdll!RtlAllocateHeap+0x1a", "MyApp!operator new+0x0000000E", "TestLeakLib+0x0001ca4e"
struct frame_symbol {
    std::string module;
    std::string function;  // empty for "module+offset"; may hold blanks ("operator new")
    boost::optional<std::uint64_t> offset;
    boost::optional<frame_source> source;
};

// "77e44ab6 ntdll!RtlpCallInterceptRoutine+0x00000026", "0x7c809543: kernel32!CreateEventA",
// " ntdll!RtlDebugAllocateHeap+000000E1", "0x0040d9be" (no symbol at all)
struct stack_frame : source_span {
    boost::optional<std::uint64_t> address;
    boost::optional<frame_symbol> symbol;
};

} // namespace dbgsift::grammar::ast
