// SPDX-License-Identifier: MIT
#include "snapshot_book.hpp"

namespace dbgsift::segment {

std::size_t SnapshotBook::find_or_create(model::Target target, std::uint32_t ordinal,
                                         model::Loc loc) {
    auto const found = m_index.find({target, ordinal});
    if (found != m_index.end()) {
        return found->second;
    }
    if (m_snapshots.size() >= k_max_snapshots) {
        m_overflowed = true;
        if (m_scratch == SIZE_MAX) {
            m_snapshots.emplace_back();
            m_scratch = m_snapshots.size() - 1;
        }
        m_snapshots[m_scratch] = model::Snapshot{};  // forget the previous overflow block
        return m_scratch;
    }
    model::Snapshot s;
    s.target = target;
    s.ordinal = ordinal;
    s.loc = loc;
    s.time = m_time;
    s.seconds = m_seconds;
    s.os = m_os;
    s.machine = m_machine;
    m_snapshots.push_back(std::move(s));
    m_index[{target, ordinal}] = m_snapshots.size() - 1;
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
    m_index.clear();
    m_session_first = m_snapshots.size();
    m_time.clear();
    m_seconds.reset();
    m_os.clear();
    m_machine.clear();
}

void SnapshotBook::stamp() {
    for (std::size_t i = m_session_first; i < m_snapshots.size(); ++i) {
        if (i == m_scratch) {
            continue;
        }
        if (m_snapshots[i].time.empty()) {
            m_snapshots[i].time = m_time;
            m_snapshots[i].seconds = m_seconds;
        }
        if (m_snapshots[i].os.empty()) {
            m_snapshots[i].os = m_os;
        }
        if (m_snapshots[i].machine.empty()) {
            m_snapshots[i].machine = m_machine;
        }
    }
}

} // namespace dbgsift::segment
