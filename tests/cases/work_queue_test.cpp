// SPDX-License-Identifier: MIT
#include "dbgsift/work_queue.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

TEST_SUITE_BEGIN("work_queue");

TEST_CASE("run_ordered delivers every result once, in index order, whatever the thread count") {
    for (unsigned jobs : {1u, 2u, 3u, 8u}) {
        std::vector<std::size_t> seen;
        dbgsift::run_ordered<std::size_t>(
            100, jobs,
            [](std::size_t i) {
                // Early items are the slowest, so later ones finish first.
                std::this_thread::sleep_for(std::chrono::microseconds(i < 5 ? 2000 : 10));
                return i * i;
            },
            [&](std::size_t i, std::size_t&& v) {
                CHECK(v == i * i);
                seen.push_back(i);
            });
        REQUIRE(seen.size() == 100);
        for (std::size_t i = 0; i < seen.size(); ++i) {
            CHECK(seen[i] == i);
        }
    }
}

TEST_CASE("one slow item does not stall the others: they run on while it works") {
    std::atomic<int> finished_before_slow{0};
    std::atomic<bool> slow_done{false};
    dbgsift::run_ordered<int>(
        12, 2,
        [&](std::size_t i) {
            if (i == 0) {
                std::this_thread::sleep_for(std::chrono::milliseconds(500));
                slow_done = true;
            } else if (!slow_done) {
                ++finished_before_slow;
            }
            return 0;
        },
        [](std::size_t, int&&) {});
    // A batch barrier of 4 x jobs inputs would let at most 7 finish beside item 0; the queue
    // lets all 11 (its window is 8 x jobs).
    CHECK(finished_before_slow.load() == 11);
}

TEST_CASE("memory holds a window of results, never all of them") {
    std::atomic<std::size_t> taken{0}, max_ahead{0};
    std::atomic<std::size_t> delivered{0};
    dbgsift::run_ordered<int>(
        500, 4,
        [&](std::size_t) {
            auto const ahead = ++taken - delivered;
            for (auto m = max_ahead.load(); ahead > m && !max_ahead.compare_exchange_weak(m, ahead);) {
            }
            return 0;
        },
        [&](std::size_t, int&&) { ++delivered; });
    CHECK(delivered == 500);
    CHECK(max_ahead.load() <= dbgsift::default_window(4));
}

TEST_CASE("an exception in a worker reaches the caller and stops the run") {
    CHECK_THROWS_AS(dbgsift::run_ordered<int>(
                        50, 3,
                        [](std::size_t i) -> int {
                            if (i == 7) {
                                throw std::runtime_error("boom");
                            }
                            return 0;
                        },
                        [](std::size_t, int&&) {}),
                    std::runtime_error);
}
