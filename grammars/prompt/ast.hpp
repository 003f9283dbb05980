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
    char kind = 'o';       // 'o' opened log, 'c' closed log, 't' time, 'd' debugger banner, 'v' OS
    std::string text;      // the rest of the line (the time, the OS description)
};

// The date of a "Debug session time:" line: "Thu Sep  8 11:22:33.000 2016 (UTC + 2:00)".
// The zone is not kept: only differences between two times of one session are used.
struct session_time : source_span {
    unsigned month = 1;   // 1..12
    unsigned day = 1;
    unsigned hour = 0;
    unsigned minute = 0;
    double second = 0;
    unsigned year = 1970;
};

} // namespace dbgsift::grammar::ast
