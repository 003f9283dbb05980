// SPDX-License-Identifier: MIT
// pool-corruption on corpus/pool/004.txt: BAD_POOL_HEADER (0x19) blamed on Driver.sys, and
// !poolval saying the page is INVALID (previous size 0x41 should be 0x0). Values checked by eye.
#include "dbgsift/infer/rules.hpp"
#include "dbgsift/pipeline.hpp"
#include "dbgsift/segment/reader.hpp"
#include "support/files.hpp"

#include <doctest/doctest.h>

namespace {
using namespace dbgsift;

infer::Finding const* corruption(infer::Report const& r) {
    for (auto const& f : r.findings) {
        if (f.pattern == infer::Pattern::pool_corruption) {
            return &f;
        }
    }
    return nullptr;
}

bool cites(infer::Finding const& f, std::uint32_t line) {
    for (auto const& e : f.evidence) {
        if (e.line == line) {
            return true;
        }
    }
    return false;
}

} // namespace

TEST_SUITE_BEGIN("infer/pool_corruption");

TEST_CASE("pool-corruption: the bugcheck, the invalid page, and the driver !analyze names") {
    auto const c = read_buffer(test::slurp(std::string(CORPUS_DIR) + "/pool/004.txt"), "004.txt");
    auto const r = infer::analyze(c, {});
    auto const* f = corruption(r);
    REQUIRE(f != nullptr);
    CHECK(infer::to_string(f->pattern) == "pool-corruption");
    CHECK(f->severity == infer::Severity::high);
    CHECK(cites(*f, 8));   // BAD_POOL_HEADER (19)
    CHECK(cites(*f, 16));  // Arg2: the page
    CHECK(cites(*f, 70));  // is INVALID.
    CHECK(cites(*f, 73));  // invalid previous size [ 0x41 ] should be [ 0x0 ]
    CHECK(f->summary.find("INVALID") != std::string::npos);
    CHECK(f->summary.find("0x41") != std::string::npos);
    REQUIRE(!f->culprits.empty());
    CHECK(f->culprits[0].kind == infer::CulpritKind::module);
    CHECK(f->culprits[0].name == "Driver.sys");
    CHECK(f->culprits[0].reasons[0].find("does not prove") != std::string::npos);
    REQUIRE(!r.rankings.modules.empty());
    CHECK(r.rankings.modules[0].name == "Driver.sys");
    bool special_pool = false;
    for (auto const& s : f->next_steps) {
        CHECK(s.find("!poolval ffffbd06d46e0000") == std::string::npos);  // the log ran it
        special_pool = special_pool || s.starts_with("verifier /flags 0x1 /driver Driver.sys");
    }
    CHECK(special_pool);
}

TEST_CASE("pool-corruption: a bugcheck that is not about the pool, and a pool page with no verdict, say nothing") {
    auto const c = read_buffer(
        "0: kd> !analyze -v\n"
        "DRIVER_IRQL_NOT_LESS_OR_EQUAL (d1)\n"
        "Arg1: 0000000000000000, memory referenced\n"
        "MODULE_NAME: Driver\n"
        "IMAGE_NAME:  Driver.sys\n"
        "0: kd> !poolval ffffbd06d46e0000\n"
        "Pool page ffffbd06d46e0000 region is Paged pool\n"
        "Validating Pool headers for pool page: ffffbd06d46e0000\n",
        "made-up.txt");
    auto const r = infer::analyze(c, {});
    CHECK(corruption(r) == nullptr);
}

TEST_CASE("pool-corruption: a !poolval on a page it cannot place is not evidence; !pool's 'not valid pool' is") {
    // corpus/pool/006.txt: BAD_POOL_HEADER, !pool on Arg2 does not walk, !poolval on a mistyped address
    auto const c = read_buffer(test::slurp(std::string(CORPUS_DIR) + "/pool/006.txt"), "006.txt");
    auto const r = infer::analyze(c, {});
    auto const* f = corruption(r);
    REQUIRE(f != nullptr);
    CHECK(cites(*f, 2));   // BAD_POOL_HEADER (19)
    CHECK(cites(*f, 10));  // Arg2
    CHECK(cites(*f, 18));  // is not valid pool. Checking for freed (or corrupt) pool
    CHECK_FALSE(cites(*f, 26));  // Pool page [ 0fffc48068d7d000 ] is INVALID. (region Unknown)
    CHECK(f->summary.find("region Unknown") != std::string::npos);
    CHECK(f->culprits.empty());  // !analyze -show names no module
    bool poolval_asked = false;
    for (auto const& s : f->next_steps) {
        poolval_asked = poolval_asked || s.starts_with("!poolval 0xffffc48068d7d000");
    }
    CHECK(poolval_asked);  // the log's !poolval was on another address
}

TEST_CASE("pool-corruption: the load banner's short form, then !analyze -v of the same stop, is one stop") {
    // Real lines of pastebin.com/QpLfYqP8 (a BAD_POOL_HEADER minidump), the page's list marks dropped
    auto const c = read_buffer(
        "*******************************************************************************\n"
        "*                                                                             *\n"
        "*                        Bugcheck Analysis                                    *\n"
        "*                                                                             *\n"
        "*******************************************************************************\n"
        "Use !analyze -v to get detailed debugging information.\n"
        "BugCheck 19, {e, ffffe780a65411b0, fffff8020290b993, 9c73b16807d1787e}\n"
        "Probably caused by : memory_corruption\n"
        "Followup: memory_corruption\n"
        "---------\n"
        "3: kd> !analyze -v\n"
        "BAD_POOL_HEADER (19)\n"
        "Arguments:\n"
        "Arg1: 000000000000000e,\n"
        "Arg2: ffffe780a65411b0\n"
        "Arg3: fffff8020290b993\n"
        "Arg4: 9c73b16807d1787e\n"
        "PROCESS_NAME: LoLPatcher.exe\n",
        "pastebin.txt");
    auto const r = infer::analyze(c, {});
    auto const* f = corruption(r);
    REQUIRE(f != nullptr);
    CHECK(cites(*f, 7));   // BugCheck 19, {e, ...}
    CHECK(cites(*f, 12));  // BAD_POOL_HEADER (19)
    auto const first = f->summary.find("BAD_POOL_HEADER");
    REQUIRE(first != std::string::npos);
    CHECK(f->summary.find("BAD_POOL_HEADER", first + 1) == std::string::npos);  // said once
    CHECK(f->culprits.empty());  // memory_corruption is !analyze's bucket, not a driver
}
