// SPDX-License-Identifier: MIT
#include "dbgsift/infer/sort_once.hpp"

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

TEST_SUITE_BEGIN("infer/sort_once");

namespace {
// A value that counts how often it is moved, as a culprit would pay for it.
struct Counted {
    int key = 0;
    std::string name;
    int moves = 0;
    Counted(int k, std::string n) : key(k), name(std::move(n)) {}
    Counted(Counted&& o) noexcept : key(o.key), name(std::move(o.name)), moves(o.moves + 1) {}
    Counted& operator=(Counted&& o) noexcept {
        key = o.key;
        name = std::move(o.name);
        moves = o.moves + 1;
        return *this;
    }
};

bool higher_first(Counted const& a, Counted const& b) { return a.key > b.key; }

std::vector<std::string> names(std::vector<Counted> const& values) {
    std::vector<std::string> out;
    for (auto const& v : values) {
        out.push_back(v.name);
    }
    return out;
}
} // namespace

TEST_CASE("infer::stable_sort_moving_once sorts as stable_sort does, moving each value once") {
    SUBCASE("equal keys keep the order they came in") {
        std::vector<Counted> values;
        values.reserve(5);  // no moves before the sort
        values.emplace_back(1, "a");
        values.emplace_back(3, "b");
        values.emplace_back(1, "c");
        values.emplace_back(3, "d");
        values.emplace_back(2, "e");
        dbgsift::infer::stable_sort_moving_once(values, higher_first);
        CHECK(names(values) == std::vector<std::string>{"b", "d", "e", "a", "c"});
        for (auto const& v : values) {
            CHECK(v.moves == 1);
        }
    }
    SUBCASE("the same order as std::stable_sort over many ties") {
        std::vector<Counted> ours, theirs;
        for (int i = 0; i < 200; ++i) {
            int const key = (i * 37) % 11;
            ours.emplace_back(key, std::to_string(i));
            theirs.emplace_back(key, std::to_string(i));
        }
        dbgsift::infer::stable_sort_moving_once(ours, higher_first);
        std::stable_sort(theirs.begin(), theirs.end(), higher_first);
        CHECK(names(ours) == names(theirs));
    }
    SUBCASE("an empty list stays empty") {
        std::vector<Counted> values;
        dbgsift::infer::stable_sort_moving_once(values, higher_first);
        CHECK(values.empty());
    }
}

TEST_SUITE_END();
