// SPDX-License-Identifier: MIT
// Heap corruption reports on real lines: corpus/heap_failure/001.txt (a heap overrun caught by
// the tail check, then a verifier stop; provenance in corpus/SOURCES.md), and lines quoted from
// debugger sessions in public write-ups (GitHub code search, 2026-11): a bad free in a game's
// palette code, a use after free in a server, a 64-bit verifier stop in an off-by-one hunt.
// The "Heap error detected" report has no public transcript we could find: its lines are
// ntdll's own format strings (RtlpPrintErrorInformation) filled in.
#include "grammars/heap_failure/heap_failure.hpp"
#include "support/parse_line.hpp"
#include <doctest/doctest.h>

using dbgsift::grammar::parse_line;
namespace g = dbgsift::grammar;
using dbgsift::model::HeapFailureType;

TEST_SUITE_BEGIN("grammar/heap_failure");

TEST_CASE("grammar::heap_message") {
    std::vector<dbgsift::diagnostic> diags;
    SUBCASE("an overrun found by the tail check: corpus/heap_failure/001.txt:15") {
        g::ast::heap_message m;
        REQUIRE(parse_line("HEAP[demo.exe]: Heap block at 015C3DC0 modified at 015C3DD4 past requested size of c",
                           15, g::heap_message(), m, diags));
        CHECK(m.process == "demo.exe");
        CHECK(m.body.kind == g::ast::heap_message_kind::modified_past_size);
        CHECK(m.body.a == 0x015C3DC0);
        CHECK(m.body.b == 0x015C3DD4);
        CHECK(m.body.n == 0xc);
    }
    SUBCASE("a free of an address the heap never gave (a game freeing malloc memory with GlobalFree)") {
        g::ast::heap_message m;
        REQUIRE(parse_line("HEAP[SMAntietam.exe]: Invalid address specified to RtlFreeHeap( 00A50000, 02A155B8 )",
                           2, g::heap_message(), m, diags));
        CHECK(m.process == "SMAntietam.exe");
        CHECK(m.body.kind == g::ast::heap_message_kind::invalid_address);
        CHECK(m.body.function == "RtlFreeHeap");
        CHECK(m.body.a == 0x00A50000);
        CHECK(m.body.b == 0x02A155B8);
    }
    SUBCASE("a use after free, 64-bit, bare prefix (a server's soak test)") {
        g::ast::heap_message m;
        REQUIRE(parse_line("HEAP: Free Heap block 0000000005331AB0 modified at 0000000005331E90 after it was freed",
                           6, g::heap_message(), m, diags));
        CHECK(m.process.empty());
        CHECK(m.body.kind == g::ast::heap_message_kind::modified_after_free);
        CHECK(m.body.a == 0x5331AB0);
        CHECK(m.body.b == 0x5331E90);
    }
    SUBCASE("the heap manager's failure report (ntdll's format: \"Heap error detected at %p (heap handle %p)\")") {
        g::ast::heap_message m;
        REQUIRE(parse_line("HEAP[app.exe]: Heap error detected at 00315A18 (heap handle 00310000)", 1,
                           g::heap_message(), m, diags));
        CHECK(m.body.kind == g::ast::heap_message_kind::error_detected);
        CHECK(m.body.a == 0x00315A18);
        CHECK(m.body.b == 0x00310000);
    }
    CHECK(diags.empty());
    g::ast::heap_message no;
    CHECK_FALSE(parse_line("HEAP[demo.exe]: something else entirely", 1, g::heap_message(), no, diags));
}

TEST_CASE("grammar::heap_failure_field") {
    std::vector<dbgsift::diagnostic> diags;
    g::ast::heap_failure_field f;
    // ntdll's format "Error code: %d - %s", with and without the prefix
    REQUIRE(parse_line("HEAP[app.exe]: Error code: 13 - heap_failure_freelists_corruption", 1,
                       g::heap_failure_field(), f, diags));
    CHECK(f.key == g::ast::failure_field_key::error_type);
    CHECK(f.type == HeapFailureType::freelists_corruption);
    g::ast::heap_failure_field t;
    REQUIRE(parse_line("Error type: heap_failure_buffer_overrun (6)", 1, g::heap_failure_field(), t, diags));
    CHECK(t.type == HeapFailureType::buffer_overrun);
    g::ast::heap_failure_field newer;  // a name this table does not know yet
    REQUIRE(parse_line("Error type: heap_failure_something_new", 1, g::heap_failure_field(), newer, diags));
    CHECK(newer.type == HeapFailureType::other);
    g::ast::heap_failure_field p;
    REQUIRE(parse_line("HEAP[app.exe]: Parameter1: 00315a10", 1, g::heap_failure_field(), p, diags));
    CHECK(p.key == g::ast::failure_field_key::parameter);
    CHECK(p.index == 1);
    CHECK(p.a == 0x315a10);
    g::ast::heap_failure_field v;
    REQUIRE(parse_line("Last known valid blocks: before - 00315a10, after - 00315a58", 1, g::heap_failure_field(), v, diags));
    CHECK(v.a == 0x315a10);
    CHECK(v.b == 0x315a58);
    g::ast::heap_failure_field h;
    REQUIRE(parse_line("Heap handle: 00310000", 1, g::heap_failure_field(), h, diags));
    CHECK(h.key == g::ast::failure_field_key::heap_handle);
    CHECK(h.a == 0x310000);
    CHECK(diags.empty());
}

TEST_CASE("grammar::verifier_stop and its parameters") {
    std::vector<dbgsift::diagnostic> diags;
    // corpus/heap_failure/001.txt:44-49
    g::ast::verifier_stop v;
    REQUIRE(parse_line("VERIFIER STOP 0000000F: pid 0x352C: corrupted suffix pattern ", 44, g::verifier_stop(), v, diags));
    CHECK(v.code == 0xF);
    CHECK(v.pid == 0x352C);
    CHECK(v.description == "corrupted suffix pattern ");
    g::ast::verifier_parameter heap, block, size, at;
    REQUIRE(parse_line("\t05E11000 : Heap handle", 46, g::verifier_parameter(), heap, diags));
    CHECK(heap.role == g::ast::verifier_role::heap);
    CHECK(heap.value == 0x05E11000);
    REQUIRE(parse_line("\t05E15FF0 : Heap block", 47, g::verifier_parameter(), block, diags));
    CHECK(block.role == g::ast::verifier_role::block);
    REQUIRE(parse_line("\t0000000C : Block size", 48, g::verifier_parameter(), size, diags));
    CHECK(size.role == g::ast::verifier_role::size);
    CHECK(size.value == 12);
    REQUIRE(parse_line("\t05E15FFC : corruption address", 49, g::verifier_parameter(), at, diags));
    CHECK(at.role == g::ast::verifier_role::corruption);
    // the 64-bit layout with longer words (the off-by-one hunt), and an unused parameter
    // (an Acrobat double free: "	00000000 : ")
    g::ast::verifier_parameter longer, unused;
    REQUIRE(parse_line("    000001956FBD9FF0 : Heap block involved in the operation.", 12, g::verifier_parameter(), longer, diags));
    CHECK(longer.role == g::ast::verifier_role::block);
    CHECK(longer.value == 0x000001956FBD9FF0);
    REQUIRE(parse_line("\t00000000 : ", 23, g::verifier_parameter(), unused, diags));
    CHECK(unused.role == g::ast::verifier_role::other);
    boost::spirit::x3::unused_type none;
    CHECK(parse_line("===========================================================", 50, g::verifier_frame(), none, diags));
    CHECK(parse_line("This verifier stop is not continuable. Process will be terminated ", 51, g::verifier_frame(), none, diags));
    CHECK(parse_line("when you use the `go' debugger command.", 52, g::verifier_frame(), none, diags));
    CHECK(diags.empty());
}

TEST_CASE("grammar::heap_error_banner") {
    std::vector<dbgsift::diagnostic> diags;
    boost::spirit::x3::unused_type none;
    CHECK(parse_line("**************************************************************", 1, g::heap_error_banner(), none, diags));
    CHECK(parse_line("*                                                            *", 2, g::heap_error_banner(), none, diags));
    CHECK(parse_line("*                  HEAP ERROR DETECTED                       *", 3, g::heap_error_banner(), none, diags));
    CHECK_FALSE(parse_line("*  Bugcheck Analysis  *", 4, g::heap_error_banner(), none, diags));
}

TEST_SUITE_END();
