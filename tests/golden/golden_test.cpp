// SPDX-License-Identifier: MIT
// Runs the whole pipeline over every transcript in corpus/ and compares the JSON (which pins
// parsing) and the text report (which pins inference and rendering) with checked-in files.
// DBGSIFT_UPDATE_GOLDEN=1 rewrites them; review every rewritten file before committing it.
#include "dbgsift/cases/archive.hpp"
#include "dbgsift/infer/rules.hpp"
#include "dbgsift/report/report.hpp"
#include "dbgsift/segment/reader.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include "support/files.hpp"

namespace fs = std::filesystem;

namespace {

fs::path const corpus_root{GOLDEN_CORPUS_DIR};
fs::path const expected_root{GOLDEN_EXPECTED_DIR};

bool is_transcript(fs::path const& p) {
    auto const ext = p.extension().string();
    return ext == ".txt" || ext == ".log";
}

using dbgsift::test::slurp;

void write_file(fs::path const& p, std::string const& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
}

// The expected outputs of "heap/026.txt" are expected/corpus/heap/026.txt.json and
// expected/corpus/heap/026.txt.report.txt: the transcript's path from the repository root, a
// suffix added, so each transcript's expectation is found from its own path alone.
std::string const k_suffixes[2] = {".json", ".report.txt"};

fs::path expected_for(fs::path const& rel, std::string const& suffix) {
    return expected_root / "corpus" / (rel.generic_string() + suffix);
}

std::vector<fs::path> transcripts() {
    std::vector<fs::path> inputs;
    for (auto const& e : fs::recursive_directory_iterator(corpus_root)) {
        if (e.is_regular_file() && is_transcript(e.path())) {
            inputs.push_back(fs::relative(e.path(), corpus_root));
        }
    }
    std::sort(inputs.begin(), inputs.end());
    return inputs;
}

} // namespace

TEST_CASE("golden: every transcript in corpus/ gives its checked JSON and text report") {
    bool const update = std::getenv("DBGSIFT_UPDATE_GOLDEN") != nullptr;
    auto const inputs = transcripts();
    REQUIRE_FALSE(inputs.empty());
    for (auto const& rel : inputs) {
        auto const name = rel.generic_string();
        SUBCASE(name.c_str()) {
            std::ifstream in(corpus_root / rel, std::ios::binary);
            REQUIRE(in);
            // The path as a user would type it from the repository root: stable everywhere.
            auto const c = dbgsift::segment::read_input(in, "corpus/" + name, 0);
            auto const r = dbgsift::infer::analyze(c, {});
            dbgsift::report::RenderOptions const o;
            std::string const outputs[2] = {dbgsift::report::render_json(c, r, o),
                                            dbgsift::report::render_text(c, r, o)};
            for (int i = 0; i < 2; ++i) {
                auto const expected_path = expected_for(rel, k_suffixes[i]);
                if (update) {
                    write_file(expected_path, outputs[i]);
                    continue;
                }
                INFO("expected: ", expected_path.string(), "  (DBGSIFT_UPDATE_GOLDEN=1 rewrites it)");
                CHECK(fs::exists(expected_path));
                if (fs::exists(expected_path)) {
                    CHECK(outputs[i] == slurp(expected_path));
                }
            }
        }
    }
}

TEST_CASE("golden: no expected file is left without its transcript") {
    for (auto const& e : fs::recursive_directory_iterator(expected_root)) {
        if (!e.is_regular_file()) {
            continue;
        }
        auto const rel = fs::relative(e.path(), expected_root / "corpus").generic_string();
        auto const suffix = std::find_if(std::begin(k_suffixes), std::end(k_suffixes),
                                         [&](std::string const& s) { return rel.ends_with(s); });
        INFO("stale expected file: ", e.path().string());
        REQUIRE(suffix != std::end(k_suffixes));
        auto const transcript = fs::path(rel.substr(0, rel.size() - suffix->size()));
        CHECK(is_transcript(transcript));
        CHECK(fs::exists(corpus_root / transcript));
    }
}

// Runs over several inputs, as the command line makes them (issue 11: what one case is): the
// text and the JSON of each are pinned in tests/golden/runs/NAME.txt and .json.
namespace {

struct GoldenRun {
    char const* name;
    std::vector<std::string> inputs;  // relative to the repository root, as a user types them
    dbgsift::cases::Joining joining;
};

std::string run_to_string(GoldenRun const& run, dbgsift::cases::Layout layout) {
    dbgsift::cases::Plan plan;
    plan.jobs = 2;
    plan.joining = run.joining;
    plan.layout = layout;
    std::ostringstream out;
    dbgsift::cases::CaseWriter writer(out, layout);
    dbgsift::cases::run_cases(run.inputs, plan,
                              [&](dbgsift::cases::Outcome&& o) { writer.add(std::move(o)); });
    writer.finish();
    return out.str();
}

} // namespace

TEST_CASE("golden: runs over several inputs give their checked text and JSON") {
    using dbgsift::cases::Joining;
    bool const update = std::getenv("DBGSIFT_UPDATE_GOLDEN") != nullptr;
    fs::path const runs_root = expected_root.parent_path() / "runs";
    GoldenRun const runs[] = {
        // Two unrelated customers' heaps: two cases and a summary, no growth between them.
        {"unrelated-heaps", {"corpus/heap/002.txt", "corpus/heap/014.txt"}, Joining::per_file},
        // One process before and after (corpus/SOURCES.md: the pair 005/006), joined by --series.
        {"series-heap-005-006", {"corpus/heap/005.txt", "corpus/heap/006.txt"}, Joining::series},
        // The same machine two hours apart, given later first: joined on proof, in time order.
        {"proven-machine-002",
         {"corpus/series/002-two-hours-later.txt", "corpus/session/002.txt"},
         Joining::per_file},
    };
    struct InRoot {  // the paths in the reports are relative to the repository root
        fs::path before = fs::current_path();
        InRoot() { fs::current_path(corpus_root.parent_path()); }
        ~InRoot() { fs::current_path(before); }
    } const in_root;
    for (auto const& run : runs) {
        SUBCASE(run.name) {
            std::pair<dbgsift::cases::Layout, char const*> const layouts[] = {
                {dbgsift::cases::Layout::text, ".txt"}, {dbgsift::cases::Layout::json, ".json"}};
            for (auto const& [layout, suffix] : layouts) {
                auto const output = run_to_string(run, layout);
                auto const expected_path = runs_root / (std::string(run.name) + suffix);
                if (update) {
                    write_file(expected_path, output);
                    continue;
                }
                INFO("expected: ", expected_path.string(), "  (DBGSIFT_UPDATE_GOLDEN=1 rewrites it)");
                REQUIRE(fs::exists(expected_path));
                CHECK(output == slurp(expected_path));
            }
        }
    }
}
