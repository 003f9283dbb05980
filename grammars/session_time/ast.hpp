// SPDX-License-Identifier: MIT
// The text after "Debug session time:", as a moment that sorts across logs.
#pragma once
#include "../source.hpp"

namespace dbgsift::grammar::ast {

// "Thu Jan 17 10:58:58.567 2019 (UTC + 9:00)", "Wed Nov 5 16:53:16.949 2008 (GMT+9)"
struct session_time {
    unsigned month = 1;           // 1..12
    unsigned day = 1;
    unsigned hour = 0, minute = 0, second = 0;
    unsigned millis = 0;          // 0 when the debugger printed none
    unsigned year = 1970;
    int offset_sign = 1;          // +1 east of UTC, -1 west
    unsigned offset_hours = 0, offset_minutes = 0;
};

} // namespace dbgsift::grammar::ast
