// SPDX-License-Identifier: MIT
// Whole follow-up heap blocks and UMDH comparisons through the pipeline; values checked by
// eye against the transcripts.
#include "dbgsift/parse/commands.hpp"
#include "dbgsift/pipeline.hpp"

#include <doctest/doctest.h>
#include "support/files.hpp"

namespace {

dbgsift::model::Case corpus_case(std::string const& rel) {
    return dbgsift::read_buffer(dbgsift::test::slurp(std::string(CORPUS_DIR) + "/" + rel), rel);
}

dbgsift::model::Snapshot const& only_snapshot(dbgsift::model::Case const& c) {
    REQUIRE(c.snapshots.size() == 1);
    return c.snapshots.front();
}

} // namespace

TEST_SUITE_BEGIN("parse/heap_detail");

TEST_CASE("!heap -stat -h through !mex.mheap (corpus/heap/018.txt)") {
    auto const c = corpus_case("heap/018.txt");
    auto const& s = only_snapshot(c);
    REQUIRE(s.heap_stats.size() == 1);
    auto const& stat = s.heap_stats.front();
    CHECK(stat.heap == "00510000");
    CHECK(stat.group_by == dbgsift::model::HeapStatGroup::total_size);
    REQUIRE(stat.rows.size() == 20);  // max-display: 20, all printed
    CHECK(stat.rows[0].size == 0x156600);
    CHECK(stat.rows[0].blocks == 0x21e);
    CHECK(stat.rows[0].percent == doctest::Approx(94.45));
    CHECK(stat.rows[0].loc.line == 8);
    CHECK(stat.rows[19].size == 0x48);  // line 27: "48 12d - 54a8  (0.00)"
    CHECK(c.inputs.front().diagnostics.empty());
}

TEST_CASE("-stat -h 0 over two heaps, twice, then -flt s and -p -a on a full page heap (corpus/heap/027.txt)") {
    auto const c = corpus_case("heap/027.txt");
    auto const& s = only_snapshot(c);
    CHECK(c.inputs.front().diagnostics.empty());
    // Each -stat prints a table per heap; the second heap's is empty (lines 26-29, 57-60).
    REQUIRE(s.heap_stats.size() == 2);
    CHECK(s.heap_stats[0].heap == "0000021a6eb40000");
    CHECK(s.heap_stats[0].rows.front().size == 0x1000);  // line 6, before the allocation
    CHECK(s.heap_stats[1].rows.front().size == 0x2625a00);  // line 37, after it
    CHECK(s.heap_stats[1].rows.front().percent == doctest::Approx(99.89));
    REQUIRE(s.heap_filters.size() == 1);
    auto const& flt = s.heap_filters.front();
    CHECK(flt.size == std::uint64_t{0x2625a00});
    REQUIRE(flt.entries.size() == 1);  // line 69: the one busy DPH block
    CHECK(flt.entries.front().busy);
    CHECK(flt.entries.front().user_ptr == 0x297ec170600);
    CHECK(flt.entries.front().user_size == 0x2625a00);
    CHECK(flt.entries.front().heap == "297e9ed1000");
    REQUIRE(s.heap_blocks.size() == 1);
    CHECK(s.heap_blocks.front().page_heap);
    CHECK(s.heap_blocks.front().stack.frames.size() == 9);
}

TEST_CASE("!heap -flt s through !mex.mheap (corpus/heap/019.txt)") {
    auto const c = corpus_case("heap/019.txt");
    auto const& s = only_snapshot(c);
    REQUIRE(s.heap_filters.size() == 1);
    auto const& f = s.heap_filters.front();
    REQUIRE(f.size);
    CHECK(*f.size == 0x156600);  // from "-flt 156600"
    CHECK(f.entries.size() == 13);
    CHECK(f.entries.front().heap == "510000");
    CHECK(f.entries.front().user_ptr == 0x0ac49030);
    CHECK(f.entries.front().busy);
    CHECK(f.entries.front().state == "busy VirtualAlloc");
}

TEST_CASE("!heap -p -a with its allocation stack (corpus/heap/020.txt)") {
    auto const c = corpus_case("heap/020.txt");
    auto const& s = only_snapshot(c);
    REQUIRE(s.heap_blocks.size() == 1);
    auto const& b = s.heap_blocks.front();
    CHECK(b.address == 0x7edcc018);
    CHECK(b.heap == "510000");
    REQUIRE(b.entry);
    CHECK(b.entry->user_size == 0x156600);
    // 10 frames above the "..." elision, 3 below it
    REQUIRE(b.stack.frames.size() == 13);
    CHECK(b.stack.frames[0].name() == "ntdll!RtlpCallInterceptRoutine");
    CHECK(b.stack.frames[3].name() == "TestLeakLib!DllRegisterServer");
    CHECK(b.stack.frames[3].loc.line == 12);
    CHECK(b.stack.frames[6].name() == "TestLeakLib");
    CHECK(b.stack.frames.back().name() == "ntdll!_RtlUserThreadStart");
}

TEST_CASE("!heap -p -a, full page heap: block and allocation stack (corpus/heap/022.txt)") {
    auto const c = corpus_case("heap/022.txt");
    auto const& s = only_snapshot(c);
    CHECK(c.inputs.front().diagnostics.empty());
    REQUIRE(s.heap_blocks.size() == 1);
    auto const& b = s.heap_blocks.front();
    CHECK(b.address == 0xcc53afbc);
    CHECK(b.page_heap);
    CHECK(b.heap == "6731000");
    REQUIRE(b.entry);
    CHECK(b.entry->entry == 0xcc36323c);  // the DPH_HEAP_BLOCK
    CHECK(b.entry->user_ptr == 0xcc53afa8);
    CHECK(b.entry->user_size == 0x58);
    CHECK(b.entry->busy);
    CHECK(b.entry->loc.line == 5);
    REQUIRE(b.stack.frames.size() == 32);  // lines 6-37
    CHECK(b.stack.frames[0].name() == "verifier!AVrfDebugPageHeapAllocate");
    CHECK(b.stack.frames[6].name() == "MSVCR100!operator new");
    CHECK(b.stack.frames[7].name() == "QtCore4!QImageData::create");
    CHECK(b.stack.frames[7].loc.line == 13);
}

TEST_CASE("!heap -p -a, full page heap, frames with source lines (corpus/heap/023.txt)") {
    auto const c = corpus_case("heap/023.txt");
    auto const& b = only_snapshot(c).heap_blocks.at(0);
    REQUIRE(b.entry);
    CHECK(b.entry->user_ptr == 0x8200ec0);
    CHECK(b.entry->user_size == 0x140);
    REQUIRE(b.stack.frames.size() == 32);
    auto const& f = b.stack.frames[5];  // line 11
    CHECK(f.name() == "pdfium_test_exe!opj_tcd_code_block_dec_allocate");
    REQUIRE(f.source.get() != nullptr);
    CHECK(f.source.get()->file == "third_party\\libopenjpeg20\\tcd.c");
    CHECK(f.source.get()->line == 1134);
}

TEST_CASE("!heap -p -a, full page heap, a freed block (corpus/heap/024.txt)") {
    auto const c = corpus_case("heap/024.txt");
    auto const& b = only_snapshot(c).heap_blocks.at(0);
    CHECK(b.page_heap);
    REQUIRE(b.entry);
    CHECK_FALSE(b.entry->busy);
    CHECK(b.entry->state == "free-ed");
    CHECK(b.entry->user_size == 0);  // the free-ed form prints no user part
    CHECK(b.stack.frames.front().name() == "verifier!AVrfDebugPageHeapFree");
    CHECK(c.inputs.front().diagnostics.empty());
}

TEST_CASE("!heap -stat over all heaps (corpus/heap/025.txt)") {
    auto const c = corpus_case("heap/025.txt");
    auto const& s = only_snapshot(c);
    CHECK(c.inputs.front().diagnostics.empty());
    REQUIRE(s.heap_usage.size() == 6);
    CHECK(s.heap_usage[0].heap == "003c0000");
    CHECK(s.heap_usage[0].committed == 0x8000);
    CHECK(s.heap_usage[0].loc.line == 2);
    CHECK(s.heap_usage[3].heap == "00140000");  // line 20: the only heap reserving 1 MB
    CHECK(s.heap_usage[3].reserved == 0x100000);
    CHECK(s.heap_usage[5].heap == "00380000");
    CHECK(s.heap_usage[5].committed == 0x2000);
    CHECK(s.heap_stats.empty());
}

TEST_CASE("UMDH comparison, hex (corpus/umdh/001.txt, MS docs)") {
    auto const c = corpus_case("umdh/001.txt");
    auto const& s = only_snapshot(c);
    REQUIRE(s.umdh.size() == 1);
    auto const& u = s.umdh.front();
    CHECK_FALSE(u.decimal);
    REQUIRE(u.traces.size() == 1);
    auto const& t = u.traces.front();
    CHECK(t.backtrace == "BackTrace00053");
    CHECK(t.delta == 21280);  // the doc: "a difference of 21,280 (0x5320) bytes"
    CHECK(t.after == 61712);
    CHECK(t.before == 40432);
    CHECK(*t.allocs == 0x3a);
    CHECK(t.stack.frames.size() == 12);
    REQUIRE(u.total);
    CHECK(*u.total == 0x5320);
}

TEST_CASE("UMDH comparison, decimal -d (corpus/umdh/002.txt)") {
    auto const c = corpus_case("umdh/002.txt");
    auto const& u = only_snapshot(c).umdh.front();
    CHECK(u.decimal);  // 487424 - 4096 = 483328 adds up only in decimal
    auto const& t = u.traces.front();
    CHECK(t.delta == 483328);
    CHECK(*t.allocs == 119);
    CHECK(*t.allocs_delta == 118);
    REQUIRE(t.stack.frames.size() == 7);
    REQUIRE(t.stack.frames.back().source.get() != nullptr);
    CHECK(t.stack.frames.back().source.get()->line == 674);
}
