// SPDX-License-Identifier: MIT
#include "snapshot_book.hpp"

namespace dbgsift::segment {

std::size_t SnapshotBook::find_or_create(model::Target target, std::uint32_t ordinal,
                                         model::Loc loc) {
    for (std::size_t i = m_session_first; i < m_snapshots.size(); ++i) {
        if (m_snapshots[i].target == target && m_snapshots[i].ordinal == ordinal) {
            return i;
        }
    }
    model::Snapshot s;
    s.target = target;
    s.ordinal = ordinal;
    s.loc = loc;
    s.time = m_time;
    s.os = m_os;
    m_snapshots.push_back(std::move(s));
    return m_snapshots.size() - 1;
}

std::size_t SnapshotBook::place(model::Target target, std::string const& slot, model::Loc loc) {
    std::uint32_t const base = m_base[target];
    std::size_t index = 0;
    if (slot.empty()) {
        auto const latest = m_latest.find(target);
        index = latest != m_latest.end() ? latest->second : find_or_create(target, base, loc);
    } else {
        std::uint32_t& count = m_slot_counts[{target, slot}];
        index = find_or_create(target, base + count, loc);
        ++count;
    }
    m_latest[target] = index;
    return index;
}

void SnapshotBook::new_session() {
    for (auto& [target, base] : m_base) {
        base = 0;
    }
    m_slot_counts.clear();
    m_latest.clear();
    m_session_first = m_snapshots.size();
    m_time.clear();
    m_os.clear();
}

void SnapshotBook::stamp() {
    for (std::size_t i = m_session_first; i < m_snapshots.size(); ++i) {
        if (m_snapshots[i].time.empty()) {
            m_snapshots[i].time = m_time;
        }
        if (m_snapshots[i].os.empty()) {
            m_snapshots[i].os = m_os;
        }
    }
}

} // namespace dbgsift::segment
