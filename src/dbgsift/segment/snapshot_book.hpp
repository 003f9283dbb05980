// SPDX-License-Identifier: MIT
// Decides which snapshot a block belongs to. The k-th block filling a slot ("vm", "heap",
// "address", ...) belongs to the k-th snapshot of its target, so a log holding two
// `!address` and two `!heap -s` yields two moments; a session marker starts afresh.
#pragma once
#include "../model/snapshot.hpp"
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace dbgsift::segment {

class SnapshotBook {
public:
    // More snapshots than this in one input are read but not kept: a log that repeats a
    // command a hundred thousand times must not hold them all (memory stays bounded).
    static constexpr std::size_t k_max_snapshots = 1000;

    explicit SnapshotBook(std::vector<model::Snapshot>& snapshots) : m_snapshots(snapshots) {}

    // Index of the snapshot a block of `slot` for `target` fills; "" = the latest one.
    // Past k_max_snapshots, the index of a scratch snapshot that is emptied and dropped.
    std::size_t place(model::Target target, std::string const& slot, model::Loc loc);
    // True once a block had to go to the scratch snapshot.
    bool overflowed() const { return m_overflowed; }
    // True for the scratch snapshot (what it holds is dropped).
    bool is_scratch(std::size_t index) const { return index == m_scratch; }
    // A new debugging session (log opened, debugger banner): later blocks start new snapshots.
    void new_session();
    void set_time(std::string const& time, std::optional<double> seconds = std::nullopt) {
        m_time = time;
        m_seconds = seconds;
        stamp();
    }
    void set_os(std::string const& os) { m_os = os; stamp(); }
    void set_machine(std::string const& machine) { m_machine = machine; stamp(); }

private:
    std::size_t find_or_create(model::Target target, std::uint32_t ordinal, model::Loc loc);
    void stamp();

    static constexpr std::size_t k_targets = 3;  // model::Target's values, an index each
    static_assert(static_cast<std::size_t>(model::Target::user) + 1 == k_targets, "a Target without a table");
    static constexpr std::size_t k_none = SIZE_MAX;
    static std::size_t target_index(model::Target target) { return static_cast<std::size_t>(target); }

    // Small flat tables, not maps: a log has a handful of slots and snapshots, and a map
    // allocates a node for each (this runs for every block of every log of an archive).
    struct SlotCount {
        model::Target target;
        std::string slot;
        std::uint32_t count;  // blocks of this slot so far in this session
    };
    std::vector<model::Snapshot>& m_snapshots;
    std::vector<SlotCount> m_slot_counts;
    std::array<std::size_t, k_targets> m_latest{k_none, k_none, k_none};  // index of the last snapshot used
    // Per target, this session's snapshot index by ordinal (k_none: not made).
    std::array<std::vector<std::size_t>, k_targets> m_index;
    std::size_t m_scratch = SIZE_MAX;                  // index of the overflow snapshot
    bool m_overflowed = false;
    std::size_t m_session_first = 0;                   // first snapshot index of this session
    std::string m_time, m_os, m_machine;
    std::optional<double> m_seconds;
};

} // namespace dbgsift::segment
