// SPDX-License-Identifier: MIT
#include "dbgsift/infer/rules.hpp"
#include "dbgsift/pipeline.hpp"
#include "dbgsift/report/report.hpp"
#include "dbgsift/segment/reader.hpp"
#include "support/moved_right.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>
#include <string>

TEST_SUITE_BEGIN("report/json");

namespace report = dbgsift::report;

namespace {

// The case document of an NDJSON line, read back by Boost.
boost::json::object document(std::string const& line) {
    REQUIRE(!line.empty());
    CHECK(line.back() == '\n');
    CHECK(line.find('\n') == line.size() - 1);  // one line
    return boost::json::parse(line).as_object();
}

} // namespace

TEST_CASE("report: every corpus case's NDJSON line is the text boost::json prints for it") {
    // The writer prints the document straight from the model; Boost, given the same document
    // as a tree, must print the same bytes (escapes, numbers, doubles such as "score"), and the
    // pretty JSON must be that tree pretty-printed. Every transcript of corpus/ is a case here,
    // so every section of the snapshot model is written at least once.
    std::size_t cases = 0, with_findings = 0;
    for (auto const& entry : std::filesystem::recursive_directory_iterator(CORPUS_DIR)) {
        auto const ext = entry.path().extension();
        if (!entry.is_regular_file() || (ext != ".txt" && ext != ".log")) {
            continue;
        }
        CAPTURE(entry.path().string());
        auto const c = dbgsift::read_path(entry.path().string(), 0);
        auto const r = dbgsift::infer::analyze(c, {});
        report::RenderOptions const o;
        std::string const line(report::render_ndjson(c, r, o).text());
        auto const doc = document(line);
        CHECK(line == boost::json::serialize(doc) + "\n");
        auto const pretty = report::render_json(c, r, o);
        CHECK(pretty == report::pretty(doc));
        // Written as it is made (a huge case's document): the same bytes, pieces and all.
        std::ostringstream streamed, nested;
        report::write_json(streamed, report::PrettyJson(), c, r, o);
        CHECK(streamed.str() + "\n" == pretty);
        report::write_json(nested, report::PrettyJson(4), c, r, o);
        CHECK(nested.str() == dbgsift::test::moved_right(pretty, 4));
        ++cases;
        with_findings += r.findings.empty() ? 0 : 1;
    }
    CHECK(cases > 100);
    CHECK(with_findings > 50);
}

TEST_CASE("report: a caller's members come last in the case document") {
    // corpus/acceptance/seed003-leak.log: !vm, !poolused and !process blocks of one snapshot.
    auto const c = dbgsift::read_path(CORPUS_DIR "/acceptance/seed003-leak.log", 0);
    auto const r = dbgsift::infer::analyze(c, {});
    report::ExtraMembers const join = [](report::JsonWriter& w) {
        w.key("join");
        w.begin_object();
        w.member("reason", "test");
        w.end_object();
    };
    auto const plain = document(std::string(report::render_ndjson(c, r, {}).text()));
    auto const joined = document(std::string(report::render_ndjson(c, r, {}, join).text()));
    CHECK(plain.at("snapshots").as_array().size() == 1);
    CHECK_FALSE(plain.contains("join"));
    REQUIRE(joined.size() == plain.size() + 1);
    CHECK((joined.end() - 1)->key() == "join");
    CHECK((joined.end() - 1)->value().at("reason") == "test");
    CHECK(report::render_json(c, r, {}, join) == report::pretty(joined));
}

TEST_CASE("report: diagnostics past the per-input cap are counted in 'diagnostics_omitted'") {
    std::string log = "0: kd> !vm\n";
    for (std::size_t i = 0; i < dbgsift::segment::k_max_kept_diagnostics + 3; ++i) {
        log += "%%% 7\n";  // no !vm row, no prose: one diagnostic each
    }
    auto const c = dbgsift::read_buffer(log);
    auto const doc = document(std::string(report::render_ndjson(c, dbgsift::infer::analyze(c, {}), {}).text()));
    auto const& input = doc.at("inputs").as_array().at(0).as_object();
    CHECK(input.at("diagnostics").as_array().size() == dbgsift::segment::k_max_kept_diagnostics);
    CHECK(input.at("diagnostics_omitted").to_number<std::uint64_t>() == 3);

    auto const small = dbgsift::read_buffer("0: kd> !vm\n%%% 7\n");
    auto const small_doc =
        document(std::string(report::render_ndjson(small, dbgsift::infer::analyze(small, {}), {}).text()));
    CHECK_FALSE(small_doc.at("inputs").as_array().at(0).as_object().contains("diagnostics_omitted"));
}
