// SPDX-License-Identifier: MIT
// What a log says about the machine it came from and when, so that separate files are joined
// into one time series only on proof: a folder of unrelated customers' logs compared as one
// machine invents growth that never happened.
#pragma once
#include "../model/case.hpp"
#include "../segment/session_time.hpp"
#include <cstdint>
#include <optional>
#include <string>

namespace dbgsift::cases {

// The three facts that together identify one machine. Two logs are one machine only when
// all three are printed in both and agree; any one missing is no proof.
struct MachineIdentity {
    std::string computer;                       // the dump's "Machine Name:"
    std::string os;                             // "Windows 10 Kernel Version 19041 MP ..." (holds the build)
    std::optional<std::uint64_t> physical_pages;  // `!vm` "Physical Memory:" pages
    bool consistent = true;                     // false: the log itself shows two machines

    bool complete() const {
        return consistent && !computer.empty() && !os.empty() && physical_pages.has_value();
    }
    friend bool operator==(MachineIdentity const&, MachineIdentity const&) = default;
};

// The identity a case's snapshots agree on; inconsistent when two snapshots disagree.
MachineIdentity machine_identity(model::Case const& c);

// "same computer name HOST-01, OS build 'Windows 10 Kernel Version 19041 ...' and physical
// memory 4193974 pages": the evidence sentence for a join.
std::string describe(MachineIdentity const& id);

using segment::session_time_utc_ms;  // (segment/session_time.hpp)

// The earliest session time a case prints; nothing when none of its snapshots has one.
std::optional<std::int64_t> first_session_time(model::Case const& c);

} // namespace dbgsift::cases
