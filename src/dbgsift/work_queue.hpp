// SPDX-License-Identifier: MIT
// The one worker pool of the library: run `work(i)` for every i in [0, count) on `jobs`
// threads and hand each result to `deliver(i, result)` on the calling thread, in index order,
// as soon as it and every earlier result are ready. There is no batch barrier: a slow item
// holds back only the delivery of later ones, while the workers keep going up to `window`
// results ahead of it, so memory holds at most `window` results at any time.
#pragma once
#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <vector>

namespace dbgsift {

// All cores, as ripgrep does; at least one.
inline unsigned default_jobs() { return std::max(1u, std::thread::hardware_concurrency()); }

// How many finished results may wait for an earlier slow one: enough to keep every worker
// busy behind one slow item, small enough that memory stays a few cases.
inline std::size_t default_window(unsigned jobs) { return std::size_t{jobs} * 8; }

template <typename Result, typename Work, typename Deliver>
void run_ordered(std::size_t count, unsigned jobs, Work&& work, Deliver&& deliver) {
    jobs = static_cast<unsigned>(std::clamp<std::size_t>(jobs, 1, std::max<std::size_t>(count, 1)));
    auto in_this_thread = [&] {
        for (std::size_t i = 0; i < count; ++i) {
            deliver(i, work(i));
        }
    };
    if (jobs == 1) {
        in_this_thread();
        return;
    }
    std::size_t const window = default_window(jobs);
    std::vector<std::optional<Result>> slots(window);  // result i waits in slots[i % window]
    std::mutex mutex;
    std::condition_variable ready, room;
    std::size_t next_to_take = 0, next_to_deliver = 0;
    unsigned waiting_for_room = 0;  // wake workers only when one waits: no switch per item
    bool stop = false;
    std::exception_ptr failure;

    auto worker = [&] {
        for (;;) {
            std::size_t i = 0;
            {
                std::unique_lock lock(mutex);
                ++waiting_for_room;
                room.wait(lock, [&] { return stop || next_to_take < next_to_deliver + window; });
                --waiting_for_room;
                if (stop || next_to_take >= count) {
                    return;
                }
                i = next_to_take++;
            }
            std::optional<Result> result;
            std::exception_ptr error;
            try {
                result.emplace(work(i));
            } catch (...) {
                error = std::current_exception();
            }
            std::lock_guard lock(mutex);
            if (error) {
                failure = failure ? failure : error;
                stop = true;
                room.notify_all();
            } else {
                slots[i % window] = std::move(result);
            }
            if (error || i == next_to_deliver) {  // the caller waits for this one only
                ready.notify_one();
            }
        }
    };
    std::vector<std::jthread> pool;
    for (unsigned t = 0; t < jobs; ++t) {
        try {
            pool.emplace_back(worker);
        } catch (std::system_error const&) {
            break;  // no more threads (a ulimit): the ones started do the work
        }
    }
    if (pool.empty()) {
        in_this_thread();
        return;
    }
    auto halt = [&] {
        {
            std::lock_guard lock(mutex);
            stop = true;
        }
        room.notify_all();
        pool.clear();  // joins
    };
    try {
        for (; next_to_deliver < count;) {
            std::optional<Result> result;
            {
                std::unique_lock lock(mutex);
                ready.wait(lock, [&] { return failure || slots[next_to_deliver % window].has_value(); });
                if (failure) {
                    break;
                }
                result = std::move(slots[next_to_deliver % window]);
                slots[next_to_deliver % window].reset();
            }
            deliver(next_to_deliver, std::move(*result));
            bool wake = false;
            {
                std::lock_guard lock(mutex);
                ++next_to_deliver;
                wake = waiting_for_room > 0;
            }
            if (wake) {
                room.notify_all();
            }
        }
    } catch (...) {
        halt();
        throw;
    }
    halt();
    if (failure) {
        std::rethrow_exception(failure);
    }
}

} // namespace dbgsift
