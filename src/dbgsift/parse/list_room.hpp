// SPDX-License-Identifier: MIT
// Room for a block's list, made once at its first entry and given back at its end. Grown from
// one, a list moves every entry it holds at each doubling (1, 2, 4, 8, ...); started with room
// for a typical block it moves none. A block far smaller than that room, kept in the snapshot
// until the report, must not keep it: many small blocks would hold many times their input.
#pragma once
#include <cstddef>

namespace dbgsift::parse {

// Before a list's first entry: room for `typical` entries.
template <typename List>
void make_room_at_first(List& list, std::size_t typical) {
    if (list.empty()) {
        list.reserve(typical);
    }
}

// When the list is done: room more than twice its entries (more than growth from one could
// leave) is given back.
template <typename List>
void give_back_spare_room(List& list) {
    if (list.capacity() > 2 * list.size()) {
        list.shrink_to_fit();
    }
}

} // namespace dbgsift::parse
