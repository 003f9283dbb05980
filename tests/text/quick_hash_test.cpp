// SPDX-License-Identifier: MIT
// text::quick_hash: equal text hashes equal, and every byte and the length count (the tables
// that use it compare keys, so this is about how rarely runs of different text share a slot),
// and text::PlaceTable finds again what it was given.
#include "dbgsift/text/quick_hash.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <set>
#include <string>
#include <vector>

TEST_SUITE_BEGIN("text/quick_hash");

using dbgsift::text::quick_hash;

TEST_CASE("quick_hash: the same text, wherever it lies, hashes the same") {
    std::string const a = "xsvchost.exe";
    std::string const b = "svchost.exe";
    CHECK(quick_hash(std::string_view(a).substr(1)) == quick_hash(b));
    CHECK(quick_hash("") == quick_hash(std::string_view()));
}

TEST_CASE("quick_hash: each byte at each place of texts up to 40 bytes, and each length, tell texts apart") {
    // Lengths around the ways it reads a text: bytes one by one (below 4), two overlapping
    // halves (4 to 7), whole words and an overlapping last one.
    std::set<std::uint64_t> seen;
    std::size_t texts = 0;
    for (std::size_t length = 0; length <= 40; ++length) {
        std::string const plain(length, 'a');
        seen.insert(quick_hash(plain));
        ++texts;
        for (std::size_t at = 0; at < length; ++at) {
            for (char const b : {'b', '\0', '\xff', 'A'}) {
                std::string s = plain;
                s[at] = b;
                seen.insert(quick_hash(s));
                ++texts;
            }
        }
    }
    CHECK(seen.size() == texts);
    // A text and the same with a zero byte more are two texts.
    CHECK(quick_hash(std::string("ab")) != quick_hash(std::string("ab\0", 3)));
    CHECK(quick_hash(std::string("abcdefgh")) != quick_hash(std::string("abcdefgh\0", 9)));
}

TEST_CASE("PlaceTable: a key's first place found again, even when every hash is the same") {
    using dbgsift::text::PlaceTable;
    for (bool const one_hash : {false, true}) {
        std::vector<std::string> kept;
        PlaceTable places(6);
        for (std::string const key : {"a", "b", "a", "c", "b", "d"}) {
            auto const [place, added] = places.find_or_add(one_hash ? 7 : quick_hash(key), kept.size(),
                                                           [&](std::uint32_t at) { return kept[at] == key; });
            if (added) {
                CHECK(place == kept.size());
                kept.push_back(key);
            } else {
                CHECK(kept[place] == key);
            }
        }
        CHECK(kept == std::vector<std::string>{"a", "b", "c", "d"});
    }
}

TEST_SUITE_END();
