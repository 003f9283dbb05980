// SPDX-License-Identifier: MIT
#include "dbgsift/infer/rules.hpp"
#include "dbgsift/pipeline.hpp"
#include "dbgsift/report/json_sections.hpp"
#include "dbgsift/report/report.hpp"
#include "dbgsift/segment/reader.hpp"

#include <doctest/doctest.h>

#include <string>

TEST_SUITE_BEGIN("report/json");

namespace report = dbgsift::report;

TEST_CASE("report: the JSON built in an arena prints what the heap-built tree prints") {
    // corpus/acceptance/seed003-leak.log: !vm, !poolused and !process blocks (five prompts).
    auto const c = dbgsift::read_path(CORPUS_DIR "/acceptance/seed003-leak.log", 0);
    auto const r = dbgsift::infer::analyze(c, {});
    report::RenderOptions const o;
    auto const on_heap = report::to_json(c, r, o);  // no arena alive: the default heap
    CHECK(report::render_ndjson(c, r, o) == boost::json::serialize(on_heap) + "\n");
    CHECK(report::render_json(c, r, o) == report::pretty(on_heap));
    CHECK(on_heap.at("snapshots").as_array().size() > 0);
}

TEST_CASE("report: ndjson_line prints boost::json::serialize's text, whatever its scratch held before") {
    // A line past the kept scratch (8 MiB: the scratch grows, then is given back), then small
    // ones reusing it, each with the escapes the serializer writes.
    boost::json::object big;
    big.emplace("text", std::string(9u << 20, 'x') + "\"\\\n\x01");
    boost::json::object small;
    small.emplace("line", 12);
    small.emplace("message", "expected ')' \t here");
    for (auto const* doc : {&big, &small, &small}) {
        CHECK(report::ndjson_line(*doc) == boost::json::serialize(*doc) + "\n");
    }
}

TEST_CASE("report: a JsonArena is this thread's JSON storage only while it lives") {
    auto const* heap = report::json_storage().get();
    {
        report::JsonArena arena;
        CHECK(report::json_storage().get() != heap);
        CHECK(report::json_storage().is_deallocate_trivial());
        {
            report::JsonArena inner;
            CHECK(report::json_storage().is_deallocate_trivial());
        }
        CHECK(report::json_storage().get() != heap);
    }
    CHECK(report::json_storage().get() == heap);
}

TEST_CASE("report: diagnostics past the per-input cap are counted in 'diagnostics_omitted'") {
    std::string log = "0: kd> !vm\n";
    for (std::size_t i = 0; i < dbgsift::segment::k_max_kept_diagnostics + 3; ++i) {
        log += "%%% 7\n";  // no !vm row, no prose: one diagnostic each
    }
    auto const c = dbgsift::read_buffer(log);
    auto const doc = report::to_json(c, dbgsift::infer::analyze(c, {}), {});
    auto const& input = doc.at("inputs").as_array().at(0).as_object();
    CHECK(input.at("diagnostics").as_array().size() == dbgsift::segment::k_max_kept_diagnostics);
    CHECK(input.at("diagnostics_omitted").as_uint64() == 3);

    auto const small = dbgsift::read_buffer("0: kd> !vm\n%%% 7\n");
    auto const small_doc = report::to_json(small, dbgsift::infer::analyze(small, {}), {});
    CHECK_FALSE(small_doc.at("inputs").as_array().at(0).as_object().contains("diagnostics_omitted"));
}
