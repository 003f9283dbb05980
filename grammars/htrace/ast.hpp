// SPDX-License-Identifier: MIT
// Row shapes of `!htrace` and `!htrace -diff`, user mode (ntsdexts) and kernel mode
// (kdexts), kept as printed; parse/htrace.cpp gives them meaning.
#pragma once
#include "../source.hpp"
#include <boost/optional.hpp>
#include <cstdint>

namespace dbgsift::grammar::ast {

enum class htrace_operation { open, close, bad_reference };

// "Handle = 0x0000003c - OPEN" (user), "Handle 0x7CC - CLOSE:" (kernel)
struct htrace_entry : source_span {
    std::uint64_t handle = 0;
    htrace_operation operation = htrace_operation::open;
};

// "Thread ID = 0x000017ec, Process ID = 0x000017e8"
struct htrace_thread : source_span {
    std::uint64_t thread = 0;
    std::uint64_t process = 0;
};

enum class htrace_note_kind {
    new_traces,      // "0xd9 new stack traces since the previous snapshot."
    displayed,       // "Displayed 0x4 stack traces for outstanding handles opened since the previous"
    parsed,          // "Parsed 0x1CA stack traces."
    dumped,          // "Dumped 0x2 stack traces."
    process,         // "Process 0x815328B0" (kernel)
    object_table,    // "ObjectTable 0xE15ECBB8" (kernel)
    none_outstanding // "No outstanding handles opened since the previous snapshot were detected."
};

struct htrace_note : source_span {
    htrace_note_kind kind = htrace_note_kind::new_traces;
    std::uint64_t value = 0;
};

} // namespace dbgsift::grammar::ast
