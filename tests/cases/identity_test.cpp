// SPDX-License-Identifier: MIT
#include "dbgsift/cases/identity.hpp"
#include "dbgsift/pipeline.hpp"

#include <doctest/doctest.h>

#include <string>

namespace cases = dbgsift::cases;

TEST_SUITE_BEGIN("cases/identity");

TEST_CASE("session_time_utc_ms reads the debugger's session time, offset included") {
    // corpus/session/002.txt:7 "Debug session time: Thu Jan 17 10:58:58.567 2019 (UTC + 9:00)"
    auto const t = cases::session_time_utc_ms("Thu Jan 17 10:58:58.567 2019 (UTC + 9:00)");
    REQUIRE(t.has_value());
    // 2019-01-17 01:58:58.567 UTC; `date -u -d '2019-01-17 01:58:58' +%s` is 1547690338.
    CHECK(*t == 1547690338567);
    SUBCASE("a west offset adds hours; two clocks of one instant are equal") {
        // "Mon Dec 16 14:04:57.973 2024 (UTC - 5:00)" is 19:04:57.973 UTC
        auto const west = cases::session_time_utc_ms("Mon Dec 16 14:04:57.973 2024 (UTC - 5:00)");
        auto const utc = cases::session_time_utc_ms("Mon Dec 16 19:04:57.973 2024 (UTC + 0:00)");
        REQUIRE(west.has_value());
        CHECK(west == utc);
    }
    SUBCASE("the old GMT form, and an uptime pasted onto the same line") {
        // shared/corpus: "Wed Nov 5 16:53:16.949 2008 (GMT+9) System Uptime: 0 days 8:28:36.780"
        auto const a = cases::session_time_utc_ms("Wed Nov 5 16:53:16.949 2008 (GMT+9) System Uptime: 0 days 8:28:36.780");
        auto const b = cases::session_time_utc_ms("Wed Nov 5 16:53:19.964 2008 (GMT+9)");
        REQUIRE(a.has_value());
        REQUIRE(b.has_value());
        CHECK(*b - *a == 3015);
    }
    SUBCASE("text that is not a time reads as nothing") {
        CHECK_FALSE(cases::session_time_utc_ms("").has_value());
        CHECK_FALSE(cases::session_time_utc_ms("yesterday").has_value());
        CHECK_FALSE(cases::session_time_utc_ms("Thu Feb 31 10:58:58.567 2019 (UTC + 9:00)").has_value());
    }
}

TEST_CASE("machine_identity: computer name, OS line and physical memory from the log") {
    auto const c = dbgsift::read_path(std::string(CORPUS_DIR) + "/session/002.txt", 0);
    auto const id = cases::machine_identity(c);
    // corpus/session/002.txt:5 Machine Name:"VMOA2024974-01" (typographic quotes in the file)
    CHECK(id.computer == "VMOA2024974-01");
    // corpus/session/002.txt:2
    CHECK(id.os == "Windows 7 Kernel Version 7601 (Service Pack 1) MP (4 procs) Free x64");
    // corpus/session/002.txt:38 "Physical Memory: 2097038 ( 8388152 Kb)"
    REQUIRE(id.physical_pages.has_value());
    CHECK(*id.physical_pages == 2097038);
    CHECK(id.complete());
    CHECK(cases::first_session_time(c) == cases::session_time_utc_ms("Thu Jan 17 10:58:58.567 2019 (UTC + 9:00)"));

    SUBCASE("a log without a machine name proves nothing") {
        auto const other = dbgsift::read_path(std::string(CORPUS_DIR) + "/vm/001.txt", 0);
        CHECK_FALSE(cases::machine_identity(other).complete());
    }
    SUBCASE("two machines in one log are no identity") {
        auto const text = std::string("Windows 10 Kernel Version 19041 MP (4 procs) Free x64\n"
                                      "Machine Name:\"A\"\n0: kd> !vm\nPhysical Memory: 100 ( 400 Kb)\n"
                                      "Opened log file 'b.log'\n"
                                      "Windows 10 Kernel Version 19041 MP (4 procs) Free x64\n"
                                      "Machine Name:\"B\"\n0: kd> !vm\nPhysical Memory: 100 ( 400 Kb)\n");
        auto const mixed = cases::machine_identity(dbgsift::read_buffer(text));
        CHECK_FALSE(mixed.consistent);
        CHECK_FALSE(mixed.complete());
    }
}
