// SPDX-License-Identifier: MIT
// `!handle` output: the per-type summary and per-handle blocks (user mode), or one
// process's handle table (kernel mode).
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
    std::string name;      // empty for "<none>"
    std::optional<std::uint64_t> object;             // kernel: the object address
    std::optional<std::uint64_t> attributes;
    std::optional<std::uint64_t> handle_count, pointer_count, granted_access;
    Loc loc;
};

struct HandleSummary {
    std::optional<Sourced<std::uint64_t>> total;  // "273020 Handles", or a kernel table's entries
    std::vector<HandleTypeCount> types;
    std::vector<HandleEntry> handles;
    std::string process;   // kernel !handle: the image of the PROCESS it follows
    std::optional<std::uint64_t> process_cid;
    std::optional<std::uint64_t> free_entries;  // kernel: "free handle" rows seen
    Loc loc;
};

} // namespace dbgsift::model
