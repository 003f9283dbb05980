// SPDX-License-Identifier: MIT
// heap-corruption on corpus/heap_failure/001.txt: an overrun caught by the heap manager's tail
// check (line 15), then a verifier stop with page heap on (line 44). Values checked by eye.
#include "dbgsift/infer/rules.hpp"
#include "dbgsift/pipeline.hpp"
#include "dbgsift/segment/reader.hpp"
#include "support/files.hpp"

#include <doctest/doctest.h>

namespace {
using namespace dbgsift;

infer::Finding const* corruption(infer::Report const& r) {
    for (auto const& f : r.findings) {
        if (f.pattern == infer::Pattern::heap_corruption) {
            return &f;
        }
    }
    return nullptr;
}

bool has_note(infer::Report const& r, std::string_view words) {
    for (auto const& n : r.notes) {
        if (n.find(words) != std::string::npos) {
            return true;
        }
    }
    return false;
}

} // namespace

TEST_SUITE_BEGIN("infer/heap_corruption");

TEST_CASE("heap-corruption names the heap and the process, and asks for the allocation stack") {
    auto const c = read_buffer(test::slurp(std::string(CORPUS_DIR) + "/heap_failure/001.txt"), "001.txt");
    auto const r = infer::analyze(c, {});
    auto const* f = corruption(r);
    REQUIRE(f != nullptr);
    CHECK(f->severity == infer::Severity::high);
    CHECK(f->summary.find("block 0x15c3dc0 was written past its requested 12 bytes") != std::string::npos);
    CHECK(f->summary.find("Corruption is not a leak") != std::string::npos);
    REQUIRE(f->culprits.size() == 2);
    CHECK(f->culprits[0].kind == infer::CulpritKind::heap);
    CHECK(f->culprits[0].name == "0x5e11000");  // the verifier stop's heap handle, line 46
    CHECK(f->culprits[1].kind == infer::CulpritKind::process);
    CHECK(f->culprits[1].name == "demo.exe");
    REQUIRE(!f->next_steps.empty());
    CHECK(f->next_steps.front().starts_with("!heap -p -a 0x15c3dc0"));
    // page heap was on (a verifier stop): no advice to turn it on, and a note that sizes include it
    for (auto const& step : f->next_steps) {
        CHECK(step.find("gflags") == std::string::npos);
    }
    CHECK(has_note(r, "Application Verifier was active"));
    CHECK_FALSE(has_note(r, "the same log reports heap corruption"));  // no leak was claimed
}

TEST_CASE("heap-corruption: without a verifier stop it asks for full page heap") {
    auto const c = read_buffer("0:000> g\n"
                               "HEAP[demo.exe]: Heap block at 015C3DC0 modified at 015C3DD4 past requested size of c\n",
                               "overrun.log");
    auto const r = infer::analyze(c, {});
    auto const* f = corruption(r);
    REQUIRE(f != nullptr);
    bool asks = false;
    for (auto const& step : f->next_steps) {
        asks = asks || step.starts_with("gflags /p /enable demo.exe /full");
    }
    CHECK(asks);
    CHECK_FALSE(has_note(r, "Application Verifier was active"));
}

TEST_CASE("heap-corruption next to a heap leak: the leak is to be read knowing the heap is damaged") {
    // heap/005 then heap/006: heap commit grows 128 KB -> 12,088 KB (user_memory_test.cpp); then
    // the overrun line of heap_failure/001.txt:15
    auto whole = read_buffer(test::slurp(std::string(CORPUS_DIR) + "/heap/005.txt"), "heap/005.txt");
    segment::merge_case(whole, read_buffer(test::slurp(std::string(CORPUS_DIR) + "/heap/006.txt"), "heap/006.txt"));
    segment::merge_case(whole, read_buffer("HEAP[demo.exe]: Heap block at 015C3DC0 modified at 015C3DD4 past "
                                           "requested size of c\n",
                                           "overrun.log"));
    auto const r = infer::analyze(whole, {});
    REQUIRE(corruption(r) != nullptr);
    bool leak = false;
    for (auto const& f : r.findings) {
        leak = leak || f.pattern == infer::Pattern::heap_leak;
    }
    CHECK(leak);
    CHECK(has_note(r, "the same log reports heap corruption"));
}

TEST_SUITE_END();
