// SPDX-License-Identifier: MIT
#include "identity.hpp"

#include "../../../grammars/parse_line.hpp"
#include "../../../grammars/session_time/session_time.hpp"

#include <chrono>

namespace dbgsift::cases {
namespace {

// Keeps the first value met; a later different one means the log mixes machines.
template <typename T>
void agree(T& kept, T const& seen, bool& consistent) {
    if (seen == T{}) {
        return;
    }
    if (kept == T{}) {
        kept = seen;
    } else if (kept != seen) {
        consistent = false;
    }
}

} // namespace

MachineIdentity machine_identity(model::Case const& c) {
    MachineIdentity id;
    for (auto const& s : c.snapshots) {
        agree(id.computer, s.machine, id.consistent);
        agree(id.os, s.os, id.consistent);
        if (s.vm) {
            if (auto const* physical = s.vm->find("Physical Memory")) {
                std::optional<std::uint64_t> const pages = physical->pages;
                agree(id.physical_pages, pages, id.consistent);
            }
        }
    }
    return id;
}

std::string describe(MachineIdentity const& id) {
    return "same computer name " + id.computer + ", OS build '" + id.os +
           "' and physical memory " +
           (id.physical_pages ? std::to_string(*id.physical_pages) : std::string("?")) + " pages";
}

std::optional<std::int64_t> session_time_utc_ms(std::string const& text) {
    grammar::ast::session_time t;
    std::vector<diagnostic> ignored;  // a time that does not read only loses the ordering
    if (!grammar::parse_line(text, 0, grammar::session_time(), t, ignored)) {
        return std::nullopt;
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

std::optional<std::int64_t> first_session_time(model::Case const& c) {
    std::optional<std::int64_t> first;
    for (auto const& s : c.snapshots) {
        if (auto const t = session_time_utc_ms(s.time); t && (!first || *t < *first)) {
            first = t;
        }
    }
    return first;
}

} // namespace dbgsift::cases
