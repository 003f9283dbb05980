// SPDX-License-Identifier: MIT
#include "dbgsift/cases/archive.hpp"
#include "dbgsift/cases/run_cases.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

namespace cases = dbgsift::cases;

namespace {

std::string corpus(char const* relative) { return std::string(CORPUS_DIR) + "/" + relative; }

std::vector<cases::Outcome> run(std::vector<std::string> const& paths, cases::Joining joining,
                                unsigned jobs = 2) {
    cases::Plan plan;
    plan.jobs = jobs;
    plan.joining = joining;
    std::vector<cases::Outcome> out;
    cases::run_cases(paths, plan, [&](cases::Outcome&& o) { out.push_back(std::move(o)); });
    return out;
}

} // namespace

TEST_SUITE_BEGIN("cases/run_cases");

TEST_CASE("each file is its own case; growth is never read across unrelated files") {
    // corpus/heap/002.txt (a Go/cgo process) and heap/014.txt (a C++ sample): two customers.
    auto const out = run({corpus("heap/002.txt"), corpus("heap/014.txt")}, cases::Joining::per_file);
    REQUIRE(out.size() == 2);
    CHECK(out[0].inputs.size() == 1);
    CHECK_FALSE(out[0].join.joined());
    // Each keeps its own one-snapshot finding (heap/002.txt:7, heap/014.txt:7).
    CHECK(out[0].headline == "heap-leak");
    CHECK(out[1].headline == "heap-leak");
    CHECK(out[0].rendered.find("grew") == std::string::npos);
    CHECK(out[1].rendered.find("grew") == std::string::npos);
}

TEST_CASE("--series joins the files and finds the growth between them") {
    // corpus/heap/005.txt:14 124K and heap/006.txt:14 9492K: one process before and after.
    auto const out = run({corpus("heap/005.txt"), corpus("heap/006.txt")}, cases::Joining::series);
    REQUIRE(out.size() == 1);
    CHECK(out[0].inputs.size() == 2);
    CHECK(out[0].join.reason == "--series says so, in the order given");
    CHECK(out[0].headline == "heap-leak");
    CHECK(out[0].rendered.find("grew from 124 KB in snapshot 1 to 9,492 KB (9.27 MB) in snapshot 2") != std::string::npos);
}

TEST_CASE("--series on logs naming two computers says so") {
    // Two copies of corpus/session/002.txt, the second with another Machine Name (line 5).
    auto const dir = std::filesystem::temp_directory_path() / "dbgsift-run-cases-test";
    std::filesystem::create_directories(dir);
    std::ifstream in(corpus("session/002.txt"), std::ios::binary);
    std::string const text{std::istreambuf_iterator<char>(in), {}};
    auto const at = text.find("Machine Name:");
    REQUIRE(at != std::string::npos);
    auto const end = text.find('\n', at);
    std::ofstream(dir / "a.txt", std::ios::binary) << text;
    std::ofstream(dir / "b.txt", std::ios::binary)
        << text.substr(0, at) + "Machine Name:\"OTHER-HOST\"" + text.substr(end);
    auto const out = run({(dir / "a.txt").string(), (dir / "b.txt").string()}, cases::Joining::series);
    REQUIRE(out.size() == 1);
    CHECK(out[0].join.reason.find("the logs name 2 computers (VMOA2024974-01, OTHER-HOST)") !=
          std::string::npos);
    std::filesystem::remove_all(dir);
}

TEST_CASE("logs proving one machine join when they are neighbours, in session-time order") {
    auto const later = corpus("series/002-two-hours-later.txt");
    auto const earlier = corpus("session/002.txt");
    SUBCASE("given later first, read earlier first") {
        for (unsigned jobs : {1u, 2u}) {
            auto const out = run({later, earlier}, cases::Joining::per_file, jobs);
            REQUIRE(out.size() == 1);
            REQUIRE(out[0].join.inputs.size() == 2);
            CHECK(out[0].join.inputs[0] == earlier);
            CHECK(out[0].join.inputs[1] == later);
            CHECK(out[0].join.reason.find("same computer name VMOA2024974-01") != std::string::npos);
        }
    }
    SUBCASE("another machine's log between them keeps all three apart") {
        auto const out = run({earlier, corpus("vm/001.txt"), later}, cases::Joining::per_file);
        CHECK(out.size() == 3);
    }
    SUBCASE("NDJSON never joins on its own") {
        cases::Plan plan;
        plan.join_proven_machines = false;
        std::size_t n = 0;
        cases::run_cases({earlier, later}, plan, [&](cases::Outcome&&) { ++n; });
        CHECK(n == 2);
    }
}

TEST_CASE("an unreadable input is its own case and says so") {
    auto const out = run({corpus("no-such-file.txt"), corpus("heap/002.txt")}, cases::Joining::per_file);
    REQUIRE(out.size() == 2);
    REQUIRE(out[0].unreadable.size() == 1);
    CHECK(out[0].unreadable[0].first == corpus("no-such-file.txt"));
    CHECK(out[1].unreadable.empty());
}

namespace {

// The JSON document of a run, each case written from its line or, with `streamed`, kept whole
// and written as it is made (what a case past Plan::stream_json_above_lines gets).
std::string json_of(std::vector<std::string> const& paths, cases::Joining joining, bool streamed,
                    unsigned jobs) {
    cases::Plan plan;
    plan.jobs = jobs;
    plan.joining = joining;
    plan.layout = cases::Layout::json;
    plan.stream_json_above_lines = streamed ? 0 : cases::k_stream_json_above_lines;
    std::ostringstream out;
    cases::CaseWriter writer(out, plan.layout);
    bool kept = true;
    cases::run_cases(paths, plan, [&](cases::Outcome&& o) {
        kept = kept && (o.analysed != nullptr) == streamed;
        writer.add(std::move(o));
    });
    writer.finish();
    CHECK(kept);
    return out.str();
}

} // namespace

TEST_CASE("a case written as it is made gives the bytes of one written from its line") {
    // One case; three cases, two of them joined as one machine (session/002.txt and its copy two
    // hours later); the same files as a series.
    std::vector<std::vector<std::string>> const runs = {
        {corpus("pool/001.txt")},
        {corpus("heap/002.txt"), corpus("session/002.txt"), corpus("series/002-two-hours-later.txt")},
    };
    for (auto const& paths : runs) {
        for (unsigned jobs : {1u, 2u}) {
            for (auto joining : {cases::Joining::per_file, cases::Joining::series}) {
                CAPTURE(paths.size());
                CAPTURE(jobs);
                auto const from_lines = json_of(paths, joining, false, jobs);
                CHECK(from_lines.size() > 1000);
                CHECK(json_of(paths, joining, true, jobs) == from_lines);
            }
        }
    }
}
