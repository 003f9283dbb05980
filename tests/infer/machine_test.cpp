// SPDX-License-Identifier: MIT
#include "dbgsift/infer/machine.hpp"
#include "dbgsift/infer/rules.hpp"
#include "dbgsift/pipeline.hpp"

#include <doctest/doctest.h>

TEST_SUITE_BEGIN("infer/machine");

namespace {
// A `!vm` block of a machine with `physical` pages and `paged` pages of paged pool in use.
std::string vm_block(int physical, int paged) {
    return "0: kd> !vm\n"
           " Physical Memory:   " + std::to_string(physical) + "   ( 2047524 Kb)\n"
           " ********** Excessive Paged Pool Usage *****\n"
           " PagedPool Usage:    " + std::to_string(paged) + "   (  131400 Kb)\n"
           " PagedPool Maximum:  40960   (  163840 Kb)\n";
}

std::string paged_summary(dbgsift::model::Case const& c) {
    auto const r = dbgsift::infer::analyze(c, {});
    std::string out;
    for (auto const& f : r.findings) {
        if (to_string(f.pattern) == "paged-pool-exhaustion") {
            out += f.summary + "\n";
        }
    }
    return out;
}
} // namespace

TEST_CASE("infer::same_machine keeps different machines out of a trend") {
    SUBCASE("two !vm of one machine: the later one says how far the pool grew") {
        auto const c = dbgsift::read_buffer(vm_block(511881, 30000) + vm_block(511881, 32850));
        REQUIRE(c.snapshots.size() == 2);
        CHECK(dbgsift::infer::same_machine(c.snapshots[0], c.snapshots[1]));
        CHECK(paged_summary(c).find("up from 30,000 pages") != std::string::npos);
    }
    SUBCASE("two !vm of machines with different memory (an article's cases): no growth claimed") {
        // seed 002 pastes several machines' !vm into one article
        auto const c = dbgsift::read_buffer(vm_block(786299, 30000) + vm_block(511881, 32850));
        REQUIRE(c.snapshots.size() == 2);
        CHECK_FALSE(dbgsift::infer::same_machine(c.snapshots[0], c.snapshots[1]));
        CHECK(paged_summary(c).find("up from") == std::string::npos);
    }
}


TEST_CASE("infer::same_machine: two computer names are two machines, even with equal memory") {
    // Two dumps' banners (the form of corpus/session/002.txt:5) with the same !vm memory.
    auto const c = dbgsift::read_buffer("Opened log file 'a.log'\nMachine Name:\"HOST-A\"\n" +
                                        vm_block(511881, 30000) +
                                        "Opened log file 'b.log'\nMachine Name:\"HOST-B\"\n" +
                                        vm_block(511881, 32850));
    REQUIRE(c.snapshots.size() == 2);
    CHECK(c.snapshots[0].machine == "HOST-A");
    CHECK(c.snapshots[1].machine == "HOST-B");
    CHECK_FALSE(dbgsift::infer::same_machine(c.snapshots[0], c.snapshots[1]));
    CHECK(paged_summary(c).find("up from") == std::string::npos);
}
TEST_SUITE_END();
