// SPDX-License-Identifier: MIT
#pragma once
#include "../source.hpp"
#include <string>

namespace dbgsift::grammar::ast {

// Which debugger a prompt belongs to: kd / lkd (kernel) or "0:000>" (user mode).
enum class prompt_target { kernel, user };

// What a session marker line is.
enum class session_marker_kind {
    log_opened,        // "Opened log file '...'"
    log_closed,        // "Closing open log file ..."
    session_time,      // "Debug session time: ..."
    debugger_banner,   // "Microsoft (R) Windows Debugger Version ..."
    os_version,        // "Windows 10 Kernel Version 19041 MP ..."
    machine_name,      // "Machine Name: VMOA2024974-01" (a dump's computer name)
};

// "0: kd> !poolused 3", "0:000:x86> !heap -s", "lkd> !locks"
struct prompt_line : source_span {
    prompt_target target = prompt_target::kernel;
    std::string command;   // what was typed, blanks at both ends trimmed by the caller
};

// "Debug session time: Thu Sep  8 11:22:33.000 2016 (UTC + 2:00)"
struct session_marker : source_span {
    session_marker_kind kind = session_marker_kind::log_opened;
    std::string text;      // the rest of the line (the time, the OS description)
};

} // namespace dbgsift::grammar::ast
