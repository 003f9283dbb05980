// SPDX-License-Identifier: MIT
#include "dbgsift/segment/header_probes.hpp"
#include "dbgsift/text/trim.hpp"
#include "support/files.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

using dbgsift::parse::CommandSpec;

// Made-up specs whose header tests are plain: no corpus line is the header of two commands,
// and the moot probes' one subtle case is a line that is.
bool starts_own(std::string_view line) { return line.starts_with("Own"); }
bool holds_other(std::string_view line) { return line.find("Other") != std::string_view::npos; }
bool is_own_two(std::string_view line) { return line.ends_with("two"); }
bool holds_own(std::string_view line) { return line.find("Own") != std::string_view::npos; }
bool holds_zq(std::string_view line) { return line.find("Zq") != std::string_view::npos; }

CommandSpec fake_spec(std::string_view kind, bool (*is_header)(std::string_view), std::vector<std::string_view> words) {
    CommandSpec spec{kind, nullptr, is_header, nullptr, dbgsift::model::Target::user, nullptr};
    spec.header_words = std::move(words);
    return spec;
}

// In spec order: "own" (twice: a kind may have more than one spec), then "other".
std::vector<CommandSpec> fake_specs() {
    std::vector<CommandSpec> specs;
    specs.push_back(fake_spec("own", starts_own, {"Own"}));
    specs.push_back(fake_spec("other", holds_other, {"Other", "Nothing"}));
    specs.push_back(fake_spec("own", is_own_two, {"two"}));
    return specs;
}

std::string_view kind_of(CommandSpec const* spec) { return spec == nullptr ? "none" : spec->kind; }

} // namespace

TEST_SUITE_BEGIN("segment/header_probes");

TEST_CASE("segment::spec_for_header: the first spec in order whose test accepts the line") {
    auto const specs = fake_specs();
    auto const probes = dbgsift::segment::make_header_probes(specs);
    CHECK(kind_of(spec_for_header(probes, "Own header", 0)) == "own");
    CHECK(kind_of(spec_for_header(probes, "Own Other", 0)) == "own");  // both: the first
    CHECK(kind_of(spec_for_header(probes, "  an Other one", 2)) == "other");
    CHECK(kind_of(spec_for_header(probes, "an Other one", 0)) == "other");
    CHECK(kind_of(spec_for_header(probes, "neither", 0)) == "none");
    CHECK(kind_of(spec_for_header(probes, "", 0)) == "none");
}

TEST_CASE("segment::spec_for_header with the open block's kind moot gives the same answer") {
    auto const specs = fake_specs();
    auto const probes = dbgsift::segment::make_header_probes(specs);
    REQUIRE(probes.of_kind.size() == specs.size());
    std::uint64_t const* own = probes_of_kind(probes, specs[0]);
    CHECK(probes_of_kind(probes, specs[2]) == probes.of_kind[2].data());
    CHECK(probes.of_kind[2] == probes.of_kind[0]);  // one kind, one set of probes
    SUBCASE("a line only its own kind's header is no other's") {
        CHECK(kind_of(spec_for_header(probes, "Own header", 0, own)) == "none");
    }
    SUBCASE("another kind's header is found past the moot probes") {
        CHECK(kind_of(spec_for_header(probes, "an Other one", 0, own)) == "other");
        CHECK(spec_for_header(probes, "an Other one", 0, own) == &specs[1]);
    }
    SUBCASE("a line that is both, its own kind's spec first, stays its own kind's") {
        CHECK(spec_for_header(probes, "Own Other", 0, own) == &specs[0]);
        CHECK(spec_for_header(probes, "Own Other", 0, nullptr) == &specs[0]);
    }
    SUBCASE("a moot spec after the other one's is not asked first") {
        // "Own Other two" is a header of all three: the first, an own one, is the answer.
        CHECK(spec_for_header(probes, "Own Other two", 0, own) == &specs[0]);
        // Led by a blank it is no header of the first own spec: "other" comes before the second.
        CHECK(spec_for_header(probes, " Own Other two", 1, nullptr) == &specs[1]);
        CHECK(spec_for_header(probes, " Own Other two", 1, own) == &specs[1]);
    }
    SUBCASE("the other kind's probes moot, an own header is found as ever") {
        std::uint64_t const* other = probes_of_kind(probes, specs[1]);
        CHECK(spec_for_header(probes, "Own Other", 0, other) == &specs[0]);
        CHECK(kind_of(spec_for_header(probes, "an Other one", 0, other)) == "none");
    }
}

TEST_CASE("segment::spec_for_header: a spec's probes past the first group of 64") {
    // 70 specs of one kind before the other: the other's probes land in the second group, and
    // the moot ones before them span both groups.
    std::vector<CommandSpec> specs;
    for (int i = 0; i < 70; ++i) {
        specs.push_back(fake_spec("own", i == 69 ? starts_own : is_own_two, {"Own"}));
    }
    specs.push_back(fake_spec("other", holds_other, {"Other"}));
    auto const probes = dbgsift::segment::make_header_probes(specs);
    REQUIRE(probes.groups.size() == 2);
    std::uint64_t const* own = probes_of_kind(probes, specs[0]);
    CHECK(spec_for_header(probes, "Own Other", 0, own) == &specs[69]);  // in the second group
    CHECK(spec_for_header(probes, "Own Other two", 0, own) == &specs[0]);  // in the first
    CHECK(spec_for_header(probes, "Other", 0, own) == &specs[70]);
    CHECK(kind_of(spec_for_header(probes, "Own", 0, own)) == "none");
}

TEST_CASE("segment::spec_for_header asks the moot probes through the same filters") {
    // An own spec whose test is looser than its filters: it accepts "Own" anywhere, but its
    // header_firsts and header_after_number say its headers start with 'O', after a number too.
    // Asking it past its filters would make a line another kind's header is its own.
    std::vector<CommandSpec> specs;
    specs.push_back(fake_spec("own", holds_own, {"Own"}));
    specs.back().header_firsts = "O1";
    specs.back().header_after_number = "O";
    specs.push_back(fake_spec("other", holds_other, {"Other"}));
    auto const probes = dbgsift::segment::make_header_probes(specs);
    std::uint64_t const* own = probes_of_kind(probes, specs[0]);
    SUBCASE("a line led by a byte no own header starts with") {
        CHECK(spec_for_header(probes, "an Own Other", 0, nullptr) == &specs[1]);
        CHECK(spec_for_header(probes, "an Own Other", 0, own) == &specs[1]);
    }
    SUBCASE("a digit-led line whose byte after the number no own header goes on with") {
        CHECK(spec_for_header(probes, "12 x Own Other", 0, nullptr) == &specs[1]);
        CHECK(spec_for_header(probes, "12 x Own Other", 0, own) == &specs[1]);
    }
    SUBCASE("a line the filters let through stays its own kind's") {
        CHECK(spec_for_header(probes, "Own Other", 0, own) == &specs[0]);
        CHECK(spec_for_header(probes, "12 Own Other", 0, own) == &specs[0]);
    }
}

TEST_CASE("segment::spec_for_header finds a word's bytes wherever they stand in the line") {
    // The line's mask is read sixteen bytes a step, the last eight read again: a word in the first,
    // the middle or the last bytes, of lines of every length about those steps.
    std::vector<CommandSpec> specs;
    specs.push_back(fake_spec("zq", holds_zq, {"Zq"}));
    auto const probes = dbgsift::segment::make_header_probes(specs);
    for (std::size_t size = 2; size <= 40; ++size) {
        for (std::size_t at = 0; at + 2 <= size; ++at) {
            std::string line(size, 'x');
            line.replace(at, 2, "Zq");
            for (std::size_t indent = 0; indent <= at; ++indent) {
                std::string indented = line;
                indented.replace(0, indent, std::string(indent, ' '));
                INFO(indented);
                CHECK(spec_for_header(probes, indented, indent) == &specs[0]);
            }
            line.replace(at, 2, "Zx");
            CHECK(spec_for_header(probes, line, 0) == nullptr);
        }
    }
}

// What spec_for_header stands for: every spec's header test asked in order, the first that
// accepts the line (nullptr: none). The probes' filters only spare tests that would say no.
CommandSpec const* first_accepting_spec(std::string_view line) {
    for (auto const& spec : dbgsift::parse::command_specs()) {
        if (spec.is_header != nullptr && spec.is_header(line)) {
            return &spec;
        }
    }
    return nullptr;
}

TEST_CASE("segment::spec_for_header answers every corpus line as asking every spec in order does") {
    auto const& probes = dbgsift::segment::header_probes();
    auto const& specs = dbgsift::parse::command_specs();
    std::size_t lines = 0, headers = 0;
    for (auto const& text : dbgsift::test::texts_under(CORPUS_DIR)) {
        for (auto const line : dbgsift::test::lines_of(text)) {
            auto const indent = dbgsift::text::first_non_blank(line);
            if (indent >= line.size()) {
                continue;  // the reader asks no blank line
            }
            ++lines;
            auto const* const expected = first_accepting_spec(line);
            headers += expected != nullptr;
            if (spec_for_header(probes, line, indent) != expected) {
                FAIL_CHECK("answered apart: " << std::string(line));
            }
            // Under an open block of each kind: the same answer, or none for one of that kind.
            for (auto const& open : specs) {
                if (open.is_header == nullptr) {
                    continue;
                }
                auto const* const moot = spec_for_header(probes, line, indent, probes_of_kind(probes, open));
                bool const same = moot == expected || (moot == nullptr && expected->kind == open.kind);
                if (!same) {
                    FAIL_CHECK("answered apart under " << open.kind << ": " << std::string(line));
                }
            }
        }
    }
    CHECK(lines > 5000);
    CHECK(headers > 200);
}

TEST_SUITE_END();
