// SPDX-License-Identifier: MIT
#pragma once
#include "../source.hpp"
#include <string>

namespace dbgsift::grammar::ast {

// "0: kd> !poolused 3", "0:000:x86> !heap -s", "lkd> !locks"
struct prompt_line : source_span {
    char target = 'k';     // 'k' kernel (kd, lkd), 'u' user mode (0:000>)
    std::string command;   // what was typed, blanks at both ends trimmed by the caller
};

// "Debug session time: Thu Sep  8 11:22:33.000 2016 (UTC + 2:00)"
struct session_marker : source_span {
    char kind = 'o';       // 'o' opened log, 'c' closed log, 't' time, 'd' debugger banner, 'v' OS,
                           // 'm' the dump's "Machine Name:" 
    std::string text;      // the rest of the line (the time, the OS description)
};

} // namespace dbgsift::grammar::ast
