// SPDX-License-Identifier: MIT
// Heap corruption reports through their block parser and inside !heap -s; values checked by eye
// against corpus/heap_failure/001.txt.
#include "dbgsift/parse/commands.hpp"

#include <doctest/doctest.h>
#include "support/files.hpp"

namespace {

using dbgsift::model::HeapFailureKind;
using dbgsift::model::HeapFailureType;

} // namespace

TEST_SUITE_BEGIN("parse/heap_failure");

TEST_CASE("parse::heap_failure opens on the heap manager's lines and verifier stops only") {
    auto const spec = dbgsift::parse::heap_failure_spec();
    CHECK_FALSE(spec.is_command("g"));
    // corpus/heap_failure/001.txt:15 and :44
    CHECK(spec.is_header("HEAP[demo.exe]: Heap block at 015C3DC0 modified at 015C3DD4 past requested size of c"));
    CHECK(spec.is_header("VERIFIER STOP 0000000F: pid 0x352C: corrupted suffix pattern "));
    CHECK_FALSE(spec.is_header("Heap block at 015c3dc0 modified at 015c3dd4 past requested size of c (5 * 8 - 1c)"));
    CHECK_FALSE(spec.is_header("HEAPS are fine"));
    CHECK(spec.slot("").empty());
}

TEST_CASE("parse::heap_failure folds each report and its parameters") {
    // corpus/heap_failure/001.txt:15-18 and 43-58
    auto const fed = dbgsift::test::feed_block(dbgsift::parse::heap_failure_spec(), "", {
        {15, "HEAP[demo.exe]: Heap block at 015C3DC0 modified at 015C3DD4 past requested size of c"},
        {16, "WARNING: This break is not a step/trace completion."},
        {43, "==========================================================="},
        {44, "VERIFIER STOP 0000000F: pid 0x352C: corrupted suffix pattern "},
        {46, "\t05E11000 : Heap handle"},
        {47, "\t05E15FF0 : Heap block"},
        {48, "\t0000000C : Block size"},
        {49, "\t05E15FFC : corruption address"},
        {50, "==========================================================="},
        {51, "This verifier stop is not continuable. Process will be terminated "},
        {52, "when you use the `go' debugger command."},
        {55, "(352c.2f58): Break instruction exception - code 80000003 (first chance)"},
    });
    CHECK(fed.diags.empty());
    CHECK(fed.not_understood == 0);
    CHECK(fed.understood == 10);  // the WARNING and the break line are the debugger's, ignored
    REQUIRE(fed.snapshot.heap_failures.size() == 2);
    auto const& overrun = fed.snapshot.heap_failures[0];
    CHECK(overrun.kind == HeapFailureKind::modified_past_size);
    CHECK(overrun.type == HeapFailureType::buffer_overrun);
    CHECK(overrun.process == "demo.exe");
    CHECK(overrun.block == 0x015C3DC0u);
    CHECK(overrun.modified_at == 0x015C3DD4u);
    CHECK(overrun.requested_size == 12u);
    CHECK(overrun.loc.line == 15);
    auto const& stop = fed.snapshot.heap_failures[1];
    CHECK(stop.kind == HeapFailureKind::verifier_stop);
    CHECK(stop.verifier_code == 0xF);
    CHECK(stop.description == "corrupted suffix pattern");
    CHECK(stop.heap == 0x05E11000u);
    CHECK(stop.block == 0x05E15FF0u);
    CHECK(stop.requested_size == 12u);
    CHECK(stop.modified_at == 0x05E15FFCu);
    CHECK(stop.loc.line == 44);
}

TEST_CASE("parse::heap_failure joins the heap manager's failure report line by line") {
    // ntdll's RtlpPrintErrorInformation format strings, filled in (no public transcript found)
    auto const fed = dbgsift::test::feed_block(dbgsift::parse::heap_failure_spec(), "", {
        {1, "HEAP[app.exe]: Heap error detected at 00315A18 (heap handle 00310000)"},
        {2, "HEAP[app.exe]: Error code: 6 - heap_failure_buffer_overrun"},
        {3, "HEAP[app.exe]: Parameter1: 00315a10"},
        {4, "HEAP[app.exe]: Last known valid blocks: before - 00315a10, after - 00315a58"},
        {5, "HEAP[app.exe]: Stack trace available at 77b3e2a8"},
    });
    REQUIRE(fed.snapshot.heap_failures.size() == 1);
    auto const& f = fed.snapshot.heap_failures[0];
    CHECK(f.kind == HeapFailureKind::heap_error);
    CHECK(f.type == HeapFailureType::buffer_overrun);
    CHECK(f.block == 0x00315A18u);
    CHECK(f.heap == 0x00310000u);
    CHECK(f.process == "app.exe");
    CHECK(fed.understood == 5);
}

// The box as the !heap extension lays it out; no public transcript of it was found, so these
// lines follow its field names (Error address, Heap handle, Error type, Stack trace).
TEST_CASE("parse::heap -s reads Virtual block lines and the HEAP ERROR DETECTED box") {
    auto const fed = dbgsift::test::feed_block(dbgsift::parse::heap_spec(), "!heap -s", {
        {1, "**************************************************************"},
        {2, "*                                                            *"},
        {3, "*                  HEAP ERROR DETECTED                       *"},
        {4, "*                                                            *"},
        {5, "**************************************************************"},
        {6, "Details:"},
        {7, "Error address: 00315a18"},
        {8, "Heap handle: 00310000"},
        {9, "Error type: heap_failure_block_not_busy (8)"},
        {10, "Stack trace:"},
        {11, "                77a3e5a7: ntdll!RtlpLogHeapFailure+0x00000041"},
        {12, "                77a0e4c1: ntdll!RtlFreeHeap+0x00000064"},
        {13, "                00401037: demo!CBuffer::Release+0x00000017"},
        {14, "  Heap     Flags   Reserv  Commit  Virt   Free  List   UCR  Virt  Lock  Fast "},
        {15, "                    (k)     (k)    (k)     (k) length      blocks cont. heap "},
        {16, "-----------------------------------------------------------------------------"},
        {17, "00150000 00000002   16384  13788  13872    252    38     1    1      0   L  "},
        {18, "    Virtual block: 01750000 - 01750000 (size 00000000)"},
        {19, "00250000 00001002      64     24     24     14     2     1    0      0   L  "},
    });
    CHECK(fed.diags.empty());
    CHECK(fed.not_understood == 0);
    REQUIRE(fed.snapshot.heaps.size() == 1);
    REQUIRE(fed.snapshot.heaps[0].heaps.size() == 2);
    CHECK(fed.snapshot.heaps[0].heaps[0].virtual_blocks_listed == 1);
    CHECK(fed.snapshot.heaps[0].heaps[1].virtual_blocks_listed == 0);
    REQUIRE(fed.snapshot.heap_failures.size() == 1);
    auto const& f = fed.snapshot.heap_failures[0];
    CHECK(f.kind == HeapFailureKind::heap_error);
    CHECK(f.type == HeapFailureType::block_not_busy);
    CHECK(f.block == 0x00315a18u);
    CHECK(f.heap == 0x00310000u);
    REQUIRE(f.stack.frames.size() == 3);
    CHECK(f.stack.frames[2].module == "demo");
    CHECK(f.stack.frames[2].function == "CBuffer::Release");
}

TEST_CASE("parse::heap -p -a: the box before the block is read, the block still is") {
    // the box (layout as above), then corpus/heap/020.txt:5-8
    auto const fed = dbgsift::test::feed_block(dbgsift::parse::heap_spec(), "!heap -p -a 7edcc018", {
        {1, "**************************************************************"},
        {2, "*                  HEAP ERROR DETECTED                       *"},
        {3, "**************************************************************"},
        {4, "Error type: heap_failure_buffer_overrun (6)"},
        {5, "    address 7edcc018 found in"},
        {6, "    _HEAP @ 510000"},
        {7, "      HEAP_ENTRY Size Prev Flags    UserPtr UserSize - state"},
        {8, "        7edcc018 2ae00 0000  [00]   7edcc030    156600 - (busy VirtualAlloc)"},
    });
    CHECK(fed.diags.empty());
    REQUIRE(fed.snapshot.heap_failures.size() == 1);
    CHECK(fed.snapshot.heap_failures[0].type == HeapFailureType::buffer_overrun);
    REQUIRE(fed.snapshot.heap_blocks.size() == 1);
    CHECK(fed.snapshot.heap_blocks[0].address == 0x7edcc018u);
}

TEST_SUITE_END();
