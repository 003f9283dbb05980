// SPDX-License-Identifier: MIT
// A stable sort for values that hold strings and vectors (culprits, suspects, findings).
#pragma once
#include <algorithm>
#include <cstddef>
#include <numeric>
#include <vector>

namespace dbgsift::infer {

// The order std::stable_sort(values, before) gives, found on indices, then each value moved
// once into place: stable_sort moves each value through its buffer and merges many times over,
// and a move of such a value touches every member (issue 14).
template <class T, class Before>
void stable_sort_moving_once(std::vector<T>& values, Before before) {
    std::vector<std::size_t> order(values.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&values, &before](std::size_t a, std::size_t b) { return before(values[a], values[b]); });
    std::vector<T> sorted;
    sorted.reserve(values.size());
    for (auto const i : order) {
        sorted.push_back(std::move(values[i]));
    }
    values = std::move(sorted);
}

} // namespace dbgsift::infer
