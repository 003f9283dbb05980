// SPDX-License-Identifier: MIT
// Whether two snapshots may be compared as two moments of one machine. An article or a
// ticket often pastes several machines' output into one log: comparing those would invent
// growth. Different physical memory, OS line or computer name means a different machine.
#pragma once
#include "../model/snapshot.hpp"

namespace dbgsift::infer {

inline bool same_machine(model::Snapshot const& a, model::Snapshot const& b) {
    if (a.target != b.target) {
        return false;
    }
    if (!a.os.empty() && !b.os.empty() && a.os != b.os) {
        return false;
    }
    if (!a.machine.empty() && !b.machine.empty() && a.machine != b.machine) {
        return false;  // the dumps' own "Machine Name:" differ
    }
    if (a.vm && b.vm) {
        auto const* pa = a.vm->find(model::VmCounterId::physical_memory);
        auto const* pb = b.vm->find(model::VmCounterId::physical_memory);
        if (pa != nullptr && pb != nullptr && pa->pages != pb->pages) {
            return false;
        }
    }
    return true;
}

} // namespace dbgsift::infer
