// SPDX-License-Identifier: MIT
#include "snapshot_book.hpp"

#include <algorithm>
#include <iterator>

namespace dbgsift::segment {

std::size_t SnapshotBook::find_or_create(model::Target target, std::uint32_t ordinal,
                                         model::Loc loc) {
    auto& by_ordinal = m_index[target_index(target)];
    if (ordinal < by_ordinal.size() && by_ordinal[ordinal] != k_none) {
        return by_ordinal[ordinal];
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
    // Room for the first sixteen at once: the logs of an archive hold some twenty snapshots
    // each, and growing from one moved every snapshot made so far at each doubling.
    if (m_snapshots.empty()) {
        m_snapshots.reserve(16);
    }
    // Made in its place: a snapshot made aside and moved in cost a move and a destruction of
    // its two dozen lists.
    auto& s = m_snapshots.emplace_back();
    s.target = target;
    s.ordinal = ordinal;
    s.loc = loc;
    s.time = m_time;
    s.seconds = m_seconds;
    s.os = m_os;
    s.machine = m_machine;
    if (by_ordinal.size() <= ordinal) {
        by_ordinal.resize(std::size_t{ordinal} + 1, k_none);  // ordinals come in turn: one more
    }
    by_ordinal[ordinal] = m_snapshots.size() - 1;
    return m_snapshots.size() - 1;
}

std::size_t SnapshotBook::place(model::Target target, std::string const& slot, model::Loc loc) {
    // Ordinals count from 0 in each session: new_session forgets this session's tables.
    std::size_t& latest = m_latest[target_index(target)];
    std::size_t index = 0;
    if (slot.empty()) {
        index = latest != k_none ? latest : find_or_create(target, 0, loc);
    } else {
        auto counted = std::find_if(m_slot_counts.begin(), m_slot_counts.end(), [&](SlotCount const& s) {
            return s.target == target && s.slot == slot;
        });
        if (counted == m_slot_counts.end()) {
            m_slot_counts.push_back({target, slot, 0});
            counted = std::prev(m_slot_counts.end());
        }
        index = find_or_create(target, counted->count, loc);
        ++counted->count;
    }
    latest = index;
    return index;
}

void SnapshotBook::new_session() {
    m_slot_counts.clear();
    m_latest.fill(k_none);
    for (auto& by_ordinal : m_index) {
        by_ordinal.clear();
    }
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
