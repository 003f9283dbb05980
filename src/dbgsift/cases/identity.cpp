// SPDX-License-Identifier: MIT
#include "identity.hpp"

#include <cmath>


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
            if (auto const* physical = s.vm->find(model::VmCounterId::physical_memory)) {
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

std::optional<std::int64_t> first_session_time(model::Case const& c) {
    std::optional<std::int64_t> first;
    for (auto const& s : c.snapshots) {
        if (!s.seconds) {
            continue;  // the reader already read the session time once (segment/session_time.hpp)
        }
        auto const t = std::llround(*s.seconds * 1000.0);
        if (!first || t < *first) {
            first = t;
        }
    }
    return first;
}

} // namespace dbgsift::cases
