// SPDX-License-Identifier: MIT
// A hash of short text (image names, pool tags, commands) for the analysis' own hash tables,
// inlined: std::hash<std::string_view> calls libstdc++'s _Hash_bytes, some sixty instructions
// for a process's image name (issue 14). Every byte counts, so equal hashes of different text
// stay as rare as a table needs; it is no defence against text chosen to collide.
#pragma once
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace dbgsift::text {

inline std::uint64_t quick_hash(std::string_view s) {
    constexpr std::uint64_t k_odd = 0x9E3779B97F4A7C15u;  // 2^64 / golden ratio
    auto mix = [](std::uint64_t h, std::uint64_t word) {
        h = (h ^ word) * k_odd;
        return h ^ (h >> 29);
    };
    std::uint64_t h = mix(0, s.size());
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        std::uint64_t word;
        std::memcpy(&word, s.data() + i, 8);
        h = mix(h, word);
    }
    if (i == s.size()) {
        return h;
    }
    // The last 1 to 7 bytes: the word ending the text when there was one before (its bytes
    // already counted are mixed in again), else the bytes themselves.
    std::uint64_t word = 0;
    if (s.size() >= 8) {
        std::memcpy(&word, s.data() + s.size() - 8, 8);
    } else if (s.size() >= 4) {
        std::uint32_t head;
        std::uint32_t tail;
        std::memcpy(&head, s.data(), 4);
        std::memcpy(&tail, s.data() + s.size() - 4, 4);
        word = head | std::uint64_t{tail} << 32;
    } else {
        for (char const ch : s) {
            word = word << 8 | static_cast<unsigned char>(ch);
        }
    }
    return mix(h, word);
}

// The slots of a hash table of the analysis (open-addressed or chained) for `count` entries:
// a power of two at least twice their number, a hash's slot the top bits of its product with
// 2^64 / golden ratio, which spreads hashes that differ only in their high or low bits.
class HashSlots {
public:
    explicit HashSlots(std::size_t count) : m_shift(64 - std::bit_width(count * 2 | 1)) {}
    std::size_t count() const { return std::size_t{1} << (64 - m_shift); }
    std::size_t of(std::uint64_t hash) const {
        return static_cast<std::size_t>((hash * 0x9E3779B97F4A7C15u) >> m_shift);
    }

private:
    int m_shift;
};

// Places in a list the caller keeps, in a table open-addressed (linear probing) by the
// entries' hashes, for at most `count` entries, so never full: a set or map of the analysis
// without a node per entry, nor a copy of its key (issue 14).
class PlaceTable {
public:
    explicit PlaceTable(std::size_t count) : m_slot(count), m_places(m_slot.count(), k_none) {}
    // The place of the entry with this hash that `holds` (a place -> bool) says is the one
    // looked for, {place, false}; else {next, true}, `next` now held for the entry the caller
    // puts at that place of its list (its size: it appends the entry).
    template <class Holds>
    std::pair<std::uint32_t, bool> find_or_add(std::uint64_t hash, std::size_t next, Holds const& holds) {
        auto& place = m_places[slot_of(hash, holds)];
        if (place == k_none) {
            place = static_cast<std::uint32_t>(next);
            return {place, true};
        }
        return {place, false};
    }
    // The place of the entry with this hash that `holds` says is the one looked for, or none.
    template <class Holds>
    std::optional<std::uint32_t> find(std::uint64_t hash, Holds const& holds) const {
        auto const place = m_places[slot_of(hash, holds)];
        return place == k_none ? std::nullopt : std::optional<std::uint32_t>(place);
    }

private:
    static constexpr std::uint32_t k_none = UINT32_MAX;

    // The slot holding the entry `holds` says is the one, else the empty slot that ends its probe.
    template <class Holds>
    std::size_t slot_of(std::uint64_t hash, Holds const& holds) const {
        auto const mask = m_places.size() - 1;
        auto at = m_slot.of(hash);
        while (m_places[at] != k_none && !holds(m_places[at])) {
            at = (at + 1) & mask;
        }
        return at;
    }
    HashSlots m_slot;
    std::vector<std::uint32_t> m_places;  // by slot
};

// quick_hash for the standard containers.
struct QuickHash {
    std::size_t operator()(std::string_view s) const { return quick_hash(s); }
};

} // namespace dbgsift::text
