// SPDX-License-Identifier: MIT
// `!heap -stat -h`, `!heap -flt s`, `!heap -p -a` and UMDH rows on real lines
// (corpus/heap/018-020.txt, corpus/umdh/001-002.txt).
#include "grammars/heap_entry/heap_entry.hpp"
#include "grammars/heap_leak/heap_leak.hpp"
#include "grammars/heap_stat/heap_stat.hpp"
#include "grammars/stack/stack.hpp"
#include "grammars/umdh/umdh.hpp"
#include "support/parse_line.hpp"
#include <doctest/doctest.h>

using dbgsift::grammar::parse_line;
namespace g = dbgsift::grammar;

TEST_SUITE_BEGIN("grammar/heap_detail");

TEST_CASE("grammar::heap_entry full page heap (DPH) lines") {
    std::vector<dbgsift::diagnostic> diags;
    g::ast::heap_root root;
    // corpus/heap/022.txt:3
    REQUIRE(parse_line("    _DPH_HEAP_ROOT @ 6731000", 3, g::heap_root(), root, diags));
    CHECK(root.page_heap);
    CHECK(root.address == "6731000");
    REQUIRE(parse_line("    _HEAP @ 510000", 5, g::heap_root(), root, diags));  // corpus/heap/020.txt:5
    CHECK_FALSE(root.page_heap);
    g::ast::heap_block_state state{};
    // corpus/heap/022.txt:4
    REQUIRE(parse_line("    in busy allocation (  DPH_HEAP_BLOCK:         UserAddr         UserSize -         "
                       "VirtAddr         VirtSize)",
                       4, g::dph_allocation(), state, diags));
    CHECK(state == g::ast::heap_block_state::busy);
    // corpus/heap/024.txt:4
    REQUIRE(parse_line("    in free-ed allocation (  DPH_HEAP_BLOCK:         VirtAddr         VirtSize)", 4,
                       g::dph_allocation(), state, diags));
    CHECK(state == g::ast::heap_block_state::free);
    g::ast::dph_block_row row;
    // corpus/heap/022.txt:5: a 0x58-byte block at cc53afa8, the rest of its page guarded
    REQUIRE(parse_line("                                cc36323c:         cc53afa8               58 -         "
                       "cc53a000             2000",
                       5, g::dph_block_row(), row, diags));
    CHECK(row.block == 0xcc36323c);
    REQUIRE(row.user.has_value());
    CHECK(row.user->address == 0xcc53afa8);
    CHECK(row.user->size == 0x58);
    CHECK(row.virtual_address == 0xcc53a000);
    CHECK(row.virtual_size == 0x2000);
    CHECK(diags.empty());
    SUBCASE("a freed block has no user part") {
        // corpus/heap/024.txt:5
        g::ast::dph_block_row freed;
        REQUIRE(parse_line("                                    f663924:          bde8000             4000", 5,
                           g::dph_block_row(), freed, diags));
        CHECK(freed.block == 0xf663924);
        CHECK_FALSE(freed.user.has_value());
        CHECK(freed.virtual_address == 0xbde8000);
        CHECK(freed.virtual_size == 0x4000);
    }
    SUBCASE("!heap -flt s on a full page heap (corpus/heap/027.txt:64-69)") {
        g::ast::heap_block_state list{};
        REQUIRE(parse_line("    Freed and decommitted blocks", 65, g::dph_filter_title(), list, diags));
        CHECK(list == g::ast::heap_block_state::free);
        REQUIRE(parse_line("    Busy allocations", 67, g::dph_filter_title(), list, diags));
        CHECK(list == g::ast::heap_block_state::busy);
        boost::spirit::x3::unused_type none;
        CHECK(parse_line("      DPH_HEAP_BLOCK : VirtAddr VirtSize", 66, g::dph_filter_header(), none, diags));
        CHECK(parse_line("      DPH_HEAP_BLOCK : UserAddr  UserSize - VirtAddr VirtSize", 68, g::dph_filter_header(),
                         none, diags));
        g::ast::dph_block_row spaced;
        REQUIRE(parse_line("        00000297e9edb068 : 00000297ec170600 0000000002625a00 - 00000297ec170000 "
                           "0000000002627000",
                           69, g::dph_block_row(), spaced, diags));
        CHECK(spaced.block == 0x297e9edb068);
        REQUIRE(spaced.user.has_value());
        CHECK(spaced.user->address == 0x297ec170600);
        CHECK(spaced.user->size == 0x2625a00);  // 40,000,000 bytes: the author's new int[10000000]
        CHECK(spaced.virtual_size == 0x2627000);
        CHECK(diags.empty());
    }
    SUBCASE("a row cut short is a diagnostic") {
        CHECK_FALSE(parse_line("          cc36323c:         cc53afa8               58 -", 5, g::dph_block_row(), row, diags));
        CHECK_FALSE(diags.empty());
    }
}

TEST_CASE("grammar::heap_usage (!heap -stat over all heaps)") {
    std::vector<dbgsift::diagnostic> diags;
    g::ast::heap_stat_heap h;
    // corpus/heap/025.txt:2-7
    REQUIRE(parse_line("_HEAP 003c0000", 2, g::heap_usage_heap(), h, diags));
    CHECK(h.address == "003c0000");
    CHECK_FALSE(parse_line("    _HEAP @ 510000", 5, g::heap_usage_heap(), h, diags));  // the -p -a form
    diags.clear();
    g::ast::heap_usage_row r;
    using C = g::ast::heap_usage_counter;
    REQUIRE(parse_line("     Segments            00000001", 3, g::heap_usage_row(), r, diags));
    CHECK(r.which == C::segments);
    CHECK(r.value == 1);
    REQUIRE(parse_line("         Reserved  bytes 00010000", 4, g::heap_usage_row(), r, diags));
    CHECK(r.which == C::reserved);
    CHECK(r.value == 0x10000);
    REQUIRE(parse_line("         Committed bytes 00008000", 5, g::heap_usage_row(), r, diags));
    CHECK(r.which == C::committed);
    CHECK(r.value == 0x8000);
    REQUIRE(parse_line("     VirtAllocBlocks     00000000", 6, g::heap_usage_row(), r, diags));
    CHECK(r.which == C::virtual_blocks);
    REQUIRE(parse_line("         VirtAlloc bytes 00000000", 7, g::heap_usage_row(), r, diags));
    CHECK(r.which == C::virtual_bytes);
    CHECK(diags.empty());
    CHECK_FALSE(parse_line("         Committed bytes", 5, g::heap_usage_row(), r, diags));
    CHECK_FALSE(diags.empty());
}

TEST_CASE("grammar::k_* (k, kb, ~N kb)") {
    std::vector<dbgsift::diagnostic> diags;
    boost::spirit::x3::unused_type none;
    for (auto const* typed : {"k", "kb", "~4 kb", "~6 kb", "kvL", "kb 5"}) {
        CHECK(parse_line(typed, 1, g::k_command(), none, diags));
    }
    CHECK_FALSE(parse_line("kd", 1, g::k_command(), none, diags));  // raw stack words, not frames
    CHECK_FALSE(parse_line("!kdexts.locks", 1, g::k_command(), none, diags));
    // corpus/pool/003.txt:19, corpus/heap/024.txt:42, corpus/locks/013.txt:39
    CHECK(parse_line(" # Child-SP          RetAddr               Call Site", 19, g::k_header(), none, diags));
    CHECK(parse_line(" # ChildEBP RetAddr  Args to Child              ", 42, g::k_header(), none, diags));
    CHECK(parse_line("ChildEBP RetAddr  Args to Child", 39, g::k_header(), none, diags));
    // corpus/heap/024.txt:43
    CHECK(parse_line("WARNING: Stack unwind information not available. Following frames may be wrong.", 43,
                     g::k_warning(), none, diags));
    // corpus/htrace/004.txt:449: the debugger loading symbols between two frames of a kb
    CHECK(parse_line("*** WARNING: Unable to verify checksum for "
                     "C:\\Users\\wenxinzhou\\Desktop\\demo\\WindowDemo\\Release\\WindowDemo.exe",
                     449, g::k_warning(), none, diags));
    g::ast::k_frame f;
    // corpus/pool/003.txt:27 (x64 k, numbered)
    REQUIRE(parse_line("07 ffffbf0f`b8e45620 fffff803`04c87dc0     nfssvr!_memset_repmovs+0x35", 27, g::k_frame(),
                       f, diags));
    CHECK(f.columns.size() == 3);
    CHECK(f.columns[1] == 0xffffbf0fb8e45620);
    CHECK(g::view(f.symbol.module) == "nfssvr");
    CHECK(g::view(f.symbol.function) == "_memset_repmovs");
    // corpus/heap/024.txt:44 (x86 kb, numbered, three arguments)
    g::ast::k_frame kb;
    REQUIRE(parse_line("00 1be7f740 00d9a90a 1b4c0368 00000000 1bb0efd0 FlashPlayer!WinMainSandboxed+0x2e92bf", 44,
                       g::k_frame(), kb, diags));
    CHECK(kb.columns.size() == 6);
    CHECK(g::view(kb.symbol.function) == "WinMainSandboxed");
    CHECK(*kb.symbol.offset == 0x2e92bf);
    // corpus/locks/013.txt:40 (old kb, no frame number)
    g::ast::k_frame old;
    REQUIRE(parse_line("014cfe64 77f6cc7b 00000460 00000000 00000000 ntdll!NtWaitForSingleObject+0xb", 40,
                       g::k_frame(), old, diags));
    CHECK(old.columns.size() == 5);
    CHECK(g::view(old.symbol.module) == "ntdll");
    // corpus/pool/003.txt:37: a bare address as the call site, taken as the last column; the
    // symbol reads empty
    g::ast::k_frame bare;
    REQUIRE(parse_line("11 ffffbf0f`b8e45b00 00000000`00000000     0xfffff803`0b5d5938", 37, g::k_frame(), bare,
                       diags));
    CHECK(bare.columns.size() == 4);  // frame number, Child-SP, RetAddr, the call site
    CHECK(bare.columns.back() == 0xfffff8030b5d5938);
    CHECK(bare.symbol.module.empty());
    CHECK(bare.symbol.function.empty());
    g::ast::k_thread t;
    // corpus/locks/013.txt:38
    REQUIRE(parse_line("  4  id: 97.a3   Suspend: 0 Teb 7ffd9000 Unfrozen", 38, g::k_thread(), t, diags));
    CHECK(t.id == "97.a3");
    CHECK_FALSE(parse_line("ntdll!RtlAllocateHeap+0x1a", 1, g::k_frame(), f, diags));  // one column is not k
    // corpus/htrace/004.txt:454: blanks and parentheses inside a template's function name
    g::ast::k_frame tmpl;
    REQUIRE(parse_line("0e 0eabfc80 7b175c68 0e8dafe8 74a5e029 7b175c20 "
                       "ucrtbase!thread_start<unsigned int (__stdcall*)(void *),1>+0x3f",
                       454, g::k_frame(), tmpl, diags));
    CHECK(g::view(tmpl.symbol.module) == "ucrtbase");
    CHECK(g::view(tmpl.symbol.function) == "thread_start<unsigned int (__stdcall*)(void *),1>");
    CHECK(*tmpl.symbol.offset == 0x3f);
    CHECK_FALSE(tmpl.symbol.source.has_value());
}

TEST_CASE("grammar::heap_stat") {
    std::vector<dbgsift::diagnostic> diags;
    // corpus/heap/018.txt:5-8
    g::ast::heap_stat_heap h;
    REQUIRE(parse_line("    heap @ 00510000", 5, g::heap_stat_heap(), h, diags));
    CHECK(h.address == "00510000");
    g::ast::heap_stat_group grp;
    REQUIRE(parse_line("    group-by: TOTSIZE max-display: 20", 6, g::heap_stat_group(), grp, diags));
    CHECK(grp.by == g::ast::heap_stat_grouping::total_size);
    CHECK(*grp.max_display == 20);
    boost::spirit::x3::unused_type none;
    CHECK(parse_line("        size     #blocks     total     ( %) (percent of total busy bytes)", 7,
                     g::heap_stat_header(), none, diags));
    g::ast::heap_stat_row row;
    REQUIRE(parse_line("        156600 21e - 2d4df400  (94.45)", 8, g::heap_stat_row(), row, diags));
    CHECK(row.size == 0x156600);
    CHECK(row.blocks == 0x21e);
    CHECK(row.total == 0x2d4df400);
    CHECK(row.size * row.blocks == row.total);  // checked by hand: 1402368 * 542
    CHECK(row.percent == doctest::Approx(94.45));
    CHECK(diags.empty());
    SUBCASE("the title, with the heap on the next line (corpus/heap/029.txt:3-4)") {
        CHECK(parse_line("    Allocations statistics for", 3, g::heap_stat_title(), none, diags));
        g::ast::heap_stat_heap next;
        REQUIRE(parse_line("     heap @ 00670000", 4, g::heap_stat_heap(), next, diags));
        CHECK(next.address == "00670000");
        g::ast::heap_stat_heap one_line;
        REQUIRE(parse_line("Allocations statistics for heap @ 00670000", 3, g::heap_stat_heap(), one_line, diags));
        CHECK(one_line.address == "00670000");
        CHECK_FALSE(parse_line("    Allocations statistics", 3, g::heap_stat_title(), none, diags));
        g::ast::heap_stat_heap flush;  // corpus/heap/027.txt:3, no indent
        REQUIRE(parse_line("heap @ 0000021a6eb40000", 3, g::heap_stat_heap(), flush, diags));
        CHECK(flush.address == "0000021a6eb40000");
    }
    SUBCASE("spaces collapsed by the blog (corpus/heap/029.txt:8-9)") {
        CHECK(parse_line("     size #blocks total ( %) (percent of total busy bytes)", 8, g::heap_stat_header(), none,
                         diags));
        g::ast::heap_stat_row r;
        REQUIRE(parse_line("     1037 25e5 - 2667433 (33.04)", 9, g::heap_stat_row(), r, diags));
        CHECK(r.size == 0x1037);
        CHECK(r.blocks == 0x25e5);
        CHECK(r.total == 0x2667433);
        CHECK(r.size * r.blocks == r.total);  // 4151 * 9701 = 40268851
        CHECK(r.percent == doctest::Approx(33.04));
    }
}

TEST_CASE("grammar::heap_entry") {
    std::vector<dbgsift::diagnostic> diags;
    // corpus/heap/020.txt:5-8
    g::ast::heap_found found;
    REQUIRE(parse_line("    address 7edcc018 found in", 4, g::heap_found(), found, diags));
    CHECK(found.address == 0x7edcc018);
    g::ast::heap_root root;
    REQUIRE(parse_line("    _HEAP @ 510000", 5, g::heap_root(), root, diags));
    CHECK(root.address == "510000");
    boost::spirit::x3::unused_type none;
    CHECK(parse_line("      HEAP_ENTRY Size Prev Flags    UserPtr UserSize - state", 6,
                     g::heap_entry_header(), none, diags));
    g::ast::heap_entry_row row;
    REQUIRE(parse_line("        7edcc018 2ae00 0000  [00]   7edcc030    156600 - (busy VirtualAlloc)", 7,
                       g::heap_entry_row(), row, diags));
    CHECK(row.entry == 0x7edcc018);
    CHECK(row.user_ptr == 0x7edcc030);
    CHECK(row.user_size == 0x156600);
    CHECK(row.state == g::ast::heap_block_state::busy);
    CHECK(g::view(row.detail) == "VirtualAlloc");
    CHECK(diags.empty());
    SUBCASE("+ust: the trace database index above the stack (corpus/heap/029.txt:39-40)") {
        // (the blog's <span> highlight around it is undressed before a grammar sees the line)
        g::ast::heap_entry_row blog;
        REQUIRE(parse_line("     00558600 0221 0000 [00] 00558618 01037 - (busy)", 39, g::heap_entry_row(), blog, diags));
        CHECK(blog.user_ptr == 0x558618);
        CHECK(blog.user_size == 0x1037);
        std::uint64_t index = 0;
        REQUIRE(parse_line("     Trace: b7a24", 40, g::heap_trace_index(), index, diags));
        CHECK(index == 0xb7a24);
        CHECK_FALSE(parse_line("     Trace:", 40, g::heap_trace_index(), index, diags));
    }
    SUBCASE("the symbol a block's first pointer resolves to, under its row (corpus/heap/028.txt:93, 105)") {
        CHECK(parse_line("          ? TAVE!std::_Init_locks::operator=+157e4", 93, g::heap_entry_hint(), none, diags));
        CHECK(parse_line("          shell32!__dyn_tls_init_callback <PERF> (shell32+0x708801)", 105,
                         g::heap_entry_hint(), none, diags));
        CHECK_FALSE(parse_line("        0c25afe8 2001 2001  [00]   0c25aff0    10000 - (busy)", 94, g::heap_entry_hint(),
                               none, diags));
        CHECK_FALSE(parse_line("        ......", 111, g::heap_entry_hint(), none, diags));
    }
    SUBCASE("MEX names what it runs") {
        // corpus/heap/019.txt:5
        CHECK(parse_line("    Running '!mex.head 5000 !mex.grep '_HEAP @ .*510000' -until _HEAP !ext.heap -flt s "
                         "156600' to gather the 5000 entries.",
                         4, g::heap_entry_note(), none, diags));
    }
    SUBCASE("a row cut short is a diagnostic") {
        CHECK_FALSE(parse_line("        7edcc018 2ae00 0000  [00]   7edcc030", 7, g::heap_entry_row(), row, diags));
        CHECK_FALSE(diags.empty());
    }
}

TEST_CASE("grammar::umdh") {
    std::vector<dbgsift::diagnostic> diags;
    g::ast::umdh_trace t;
    // corpus/umdh/001.txt:1 (the trailing blank is the doc's)
    REQUIRE(parse_line("+ 5320 (f110 - 9df0) 3a allocs BackTrace00053 ", 1, g::umdh_trace(), t, diags));
    CHECK(t.sign == g::ast::umdh_sign::grew);
    CHECK(t.delta == "5320");
    CHECK(t.after == "f110");
    CHECK(t.before == "9df0");
    CHECK(*t.allocs == "3a");
    CHECK(t.backtrace == "00053");
    CHECK_FALSE(t.allocation_counts);
    // corpus/umdh/002.txt:2
    g::ast::umdh_trace counts;
    REQUIRE(parse_line("+          118 (    119 -      1)     BackTrace23FF allocations", 2, g::umdh_trace(),
                       counts, diags));
    CHECK(counts.allocation_counts);
    CHECK(counts.backtrace == "23FF");
    CHECK_FALSE(counts.allocs.has_value());
    g::ast::umdh_total total;
    REQUIRE(parse_line("Total increase == 5320", 2, g::umdh_total(), total, diags));
    CHECK(total.amount == "5320");
    CHECK(diags.empty());
}

TEST_CASE("grammar::heap_leak (!heap -l, corpus/heap/001.txt)") {
    std::vector<dbgsift::diagnostic> diags;
    g::ast::heap_leak_row r;
    // corpus/heap/001.txt:33
    REQUIRE(parse_line("00251168  00251170  00170000  00000000        78        d0  busy extra user_flag", 33,
                       g::heap_leak_row(), r, diags));
    CHECK(r.entry == 0x251168);
    CHECK(r.user == 0x251170);
    CHECK(r.heap == "00170000");
    CHECK(r.size == 0x78);
    CHECK(r.previous_size == 0xd0);
    REQUIRE(r.flags.size() == 3);
    CHECK(r.flags[2] == "user_flag");
    std::uint64_t n = 0;
    REQUIRE(parse_line("21 leaks detected.", 36, g::heap_leak_total(), n, diags));
    CHECK(n == 21);
    boost::spirit::x3::unused_type none;
    CHECK(parse_line("## Entry     User      Heap      Segment       Size  PrevSize  Flags", 13,
                     g::heap_leak_chatter(), none, diags));
    CHECK(parse_line("Heap 00280000", 3, g::heap_leak_chatter(), none, diags));
    CHECK(diags.empty());
}

TEST_CASE("grammar::heap_leak: a row cut before its flags says what it lacks in words") {
    // A `db` dump line pasted under `!heap -l` (six hex words, then bytes, not flags) was
    // reported as "expected N5boost6spirit2x34plus...", X3's mangled name for `+flag`.
    std::vector<dbgsift::diagnostic> diags;
    g::ast::heap_leak_row r;
    CHECK_FALSE(parse_line("06b80000  00 00 c8 06 00 00 a8 06-00 00 00 00 00 00 00 00  ................", 206,
                           g::heap_leak_row(), r, diags));
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].line == 206);
    CHECK(diags[0].column == 25);
    CHECK(diags[0].message == "expected flags");
}

// HeapDetailParser tries a -p -a frame before the -l rows: that order is free only while no
// line reads as both and a frame that fails leaves no diagnostic.
TEST_CASE("grammar::heap_leak and stack_frame: no line reads as both") {
    std::vector<dbgsift::diagnostic> diags;
    g::ast::heap_leak_row r;
    g::ast::stack_frame f;
    std::uint64_t n = 0;
    // -p -a frames (corpus/heap/020.txt:9, 15): frames, neither a leak row nor a total
    for (std::string_view const frame : {"    77e44ab6 ntdll!RtlpCallInterceptRoutine+0x00000026",
                                         "    6a4aca4e TestLeakLib+0x0001ca4e"}) {
        CHECK(parse_line(frame, 9, g::stack_frame(), f, diags));
        CHECK_FALSE(parse_line(frame, 9, g::heap_leak_row(), r, diags));
        CHECK_FALSE(parse_line(frame, 9, g::heap_leak_total(), n, diags));
    }
    CHECK(diags.empty());
    // -l's row and total (corpus/heap/001.txt:15, 36) are no frames, and saying so leaves no
    // diagnostic behind
    CHECK_FALSE(parse_line("001b2958  001b2960  00170000  00000000        40        18  busy extra", 15,
                           g::stack_frame(), f, diags));
    CHECK_FALSE(parse_line("21 leaks detected.", 36, g::stack_frame(), f, diags));
    CHECK_FALSE(parse_line("06b80000  00 00 c8 06 00 00 a8 06-00 00 00 00 00 00 00 00  ................", 206,
                           g::stack_frame(), f, diags));
    CHECK(diags.empty());
}

TEST_CASE("grammar::expected_message: a mangled parser name never reaches a diagnostic") {
    CHECK(g::expected_message("number") == "expected number");
    CHECK(g::expected_message("'('") == "expected '('");
    CHECK(g::expected_message("N5boost6spirit2x34plusINS1_15rule_definitionIN7dbgsift7grammar") ==
          "expected the rest of the row");
    CHECK(g::expected_message("Name: pages ( Kb)") == "expected Name: pages ( Kb)");
}
