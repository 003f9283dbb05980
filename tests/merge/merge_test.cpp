// SPDX-License-Identifier: MIT
#include "dbgsift/merge/merge.hpp"

#include <doctest/doctest.h>

#include <sstream>

TEST_SUITE_BEGIN("merge");

TEST_CASE("merge::Summary tallies patterns and recurring culprits across cases") {
    std::istringstream ndjson(
        R"({"schema":"dbgsift/1","inputs":[{"path":"a.log","lines":10,"lines_understood":8,"lines_in_known_blocks":9}],)"
        R"("findings":[{"pattern":"pool-tag-leak","severity":"high"}],)"
        R"("rankings":{"pooltags":[{"name":"Leak","score":0.8},{"name":"Thre","score":0.1}]}})"
        "\n\n"
        R"({"schema":"dbgsift/1","inputs":[{"path":"b.log","lines":5,"error":"No such file"}],)"
        R"("findings":[],"rankings":{"pooltags":[{"name":"Thre","score":0.3},{"name":"Leak","score":0.2}]}})"
        "\n"
        "{not json\n"
        R"({"schema":"other/2"})"
        "\n");
    dbgsift::merge::Summary s;
    s.add_stream(ndjson, "runs.ndjson");
    auto const doc = s.to_json(10);
    CHECK(doc.at("cases").as_uint64() == 2);
    CHECK(doc.at("unreadable").as_uint64() == 1);
    CHECK(doc.at("cases_without_findings").as_uint64() == 1);
    CHECK(doc.at("lines").as_uint64() == 15);
    SUBCASE("a line that is not a dbgsift/1 object is counted with its line number") {
        CHECK(doc.at("bad_lines").as_uint64() == 2);
        REQUIRE(s.problems().size() == 2);
        CHECK(s.problems()[0].starts_with("runs.ndjson:4:"));
    }
    SUBCASE("patterns count cases per severity") {
        auto const& p = doc.at("patterns").at("pool-tag-leak").as_object();
        CHECK(p.at("cases").as_uint64() == 1);
        CHECK(p.at("by_severity").at("high").as_uint64() == 1);
    }
    SUBCASE("culprits named in both cases rank by cases, then by first places") {
        auto const& tags = doc.at("recurring").at("pooltags").as_array();
        REQUIRE(tags.size() == 2);
        CHECK(tags[0].at("name").as_string() == "Leak");  // 2 cases, 1 first (tie on cases: name)
        CHECK(tags[0].at("cases").as_uint64() == 2);
        CHECK(tags[0].at("first").as_uint64() == 1);
        CHECK(tags[0].at("best_score").as_double() == doctest::Approx(0.8));
        CHECK(tags[1].at("name").as_string() == "Thre");
    }
    SUBCASE("a culprit named in one case only does not recur") {
        std::istringstream more(
            R"({"schema":"dbgsift/1","inputs":[{"path":"c.log"}],"findings":[],)"
            R"("rankings":{"modules":[{"name":"myfault","score":0.7}]}})"
            "\n");
        s.add_stream(more, "more.ndjson");
        CHECK(s.to_json(10).at("recurring").at("modules").as_array().empty());
        CHECK(s.to_text(10).find("Recurring modules") == std::string::npos);
        CHECK(s.to_text(10).find("Recurring pooltags") != std::string::npos);
    }
}

TEST_CASE("merge::Summary: a file with no dbgsift/1 line is told apart, its warnings dropped") {
    std::istringstream junk("Opened log file 'c:\\case.log'\n0: kd> !vm\n");
    dbgsift::merge::Summary s;
    auto const tally = s.add_stream(junk, "case.log");
    CHECK(tally.cases == 0);
    CHECK(tally.bad_lines == 2);
    CHECK(s.problems().size() == 2);
    s.forget_problems("case.log");
    CHECK(s.problems().empty());
}

TEST_SUITE_END();
