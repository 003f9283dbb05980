// SPDX-License-Identifier: MIT
// `!handle` output: the per-type summary and per-handle blocks (user mode), or one
// process's handle table (kernel mode).
#pragma once
#include "source.hpp"
#include <array>
#include <cstdint>
#include <string_view>
#include <optional>
#include <string>
#include <vector>

namespace dbgsift::model {

// The object types the handle rules reason about; every other type is `other` and keeps only
// its name (object types are an open set: drivers add their own).
enum class ObjectType { other, event, file, thread, mutant, semaphore, section };

// The one table of their spellings, as !handle prints them.
inline constexpr std::array<std::string_view, 7> k_object_type_names{"",       "Event",     "File",   "Thread",
                                                                    "Mutant", "Semaphore", "Section"};
static_assert(k_object_type_names.size() == static_cast<std::size_t>(ObjectType::section) + 1);

struct HandleTypeCount {
    std::string type;      // "Event", "ALPC Port"
    ObjectType object_type = ObjectType::other;  // the same, read by the grammar
    std::uint64_t count = 0;
    Loc loc;
};

struct HandleEntry {
    std::uint64_t handle = 0;
    std::string type;
    ObjectType object_type = ObjectType::other;
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
