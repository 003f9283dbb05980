// SPDX-License-Identifier: MIT
#include "session_time.hpp"

#include "../../../grammars/session_time/session_time.hpp"
#include "../parse/line_attempts.hpp"

#include <chrono>

namespace dbgsift::segment {

std::optional<std::int64_t> session_time_utc_ms(std::string_view text) {
    grammar::ast::session_time t;
    if (!parse::matches(text, grammar::session_time(), t)) {
        return std::nullopt;  // a time that does not read only loses the ordering and the rates
    }
    using namespace std::chrono;
    year_month_day const date{year{static_cast<int>(t.year)}, month{t.month}, day{t.day}};
    if (!date.ok() || t.hour > 23 || t.minute > 59 || t.second > 60 || t.offset_hours > 14 ||
        t.offset_minutes > 59) {
        return std::nullopt;
    }
    auto const local = sys_days{date} + hours{t.hour} + minutes{t.minute} + seconds{t.second} +
                       milliseconds{t.millis};
    auto const offset = t.offset_sign * (hours{t.offset_hours} + minutes{t.offset_minutes});
    return duration_cast<milliseconds>((local - offset).time_since_epoch()).count();
}

} // namespace dbgsift::segment
