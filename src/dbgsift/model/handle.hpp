// SPDX-License-Identifier: MIT
// `!handle` output: the per-type summary and per-handle blocks.
#pragma once
#include "source.hpp"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dbgsift::model {

struct HandleTypeCount {
    std::string type;      // "Event", "ALPC Port"
    std::uint64_t count = 0;
    Loc loc;
};

struct HandleEntry {
    std::uint64_t handle = 0;
    std::string type;
    std::string name;
    std::optional<std::uint64_t> handle_count, pointer_count, granted_access;
    Loc loc;
};

struct HandleSummary {
    std::optional<Sourced<std::uint64_t>> total;  // "273020 Handles"
    std::vector<HandleTypeCount> types;
    std::vector<HandleEntry> handles;
    std::string process;   // image or cid when the command named one (kernel !handle)
    Loc loc;
};

} // namespace dbgsift::model
