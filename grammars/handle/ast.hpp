// SPDX-License-Identifier: MIT
// Row shapes of `!handle` output: the user-mode summary and per-handle blocks, and the
// kernel handle-table rows.
#pragma once
#include "../source.hpp"
#include <cstdint>
#include <string>
#include <vector>

namespace dbgsift::grammar::ast {

// "Event 222742", "ALPC Port 5", "TpWorkerFactory\t2"
struct handle_type_count : source_span {
    std::string type;
    std::uint64_t count = 0;
};

// "0004: Object: 80ed5238  GrantedAccess: 001f0fff"
// "006c: Object: ffffa604f53aa910  GrantedAccess: 0012019f (Inherit) (Audit) Entry: ffff8000ab2be1b0"
struct kernel_handle_entry : source_span {
    std::uint64_t handle = 0;
    std::uint64_t object = 0;
    std::uint64_t granted_access = 0;
    std::vector<std::string> flags;  // "Protected", "Inherit", "Audit"
};

// "Object: fffff8a000633f00  Type: (fffffa80035fef20) Section"
struct kernel_object : source_span {
    std::uint64_t object = 0;
    std::uint64_t type_object = 0;
    std::string type;
};

// "HandleCount: 1  PointerCount: 262144"
struct kernel_object_counts : source_span {
    std::uint64_t handle_count = 0;
    std::uint64_t pointer_count = 0;
};

} // namespace dbgsift::grammar::ast
