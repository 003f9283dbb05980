// SPDX-License-Identifier: MIT
// Stack frames on real lines: corpus/heap/020.txt (`!heap -p -a`), corpus/umdh/001.txt
// (MS docs UMDH example), corpus/umdh/002.txt (UMDH -d slides).
#include "grammars/stack/stack.hpp"
#include "support/parse_line.hpp"
#include <doctest/doctest.h>

using dbgsift::grammar::parse_line;
namespace g = dbgsift::grammar;

TEST_SUITE_BEGIN("grammar/stack");

TEST_CASE("grammar::stack_frame") {
    std::vector<dbgsift::diagnostic> diags;
    g::ast::stack_frame f;

    SUBCASE("address, module!function+offset (!heap -p -a)") {
        // corpus/heap/020.txt:11
        REQUIRE(parse_line("        77db1f3e ntdll!RtlAllocateHeap+0x0000003e", 11, g::stack_frame(), f, diags));
        REQUIRE(f.address.has_value());
        CHECK(*f.address == 0x77db1f3e);
        CHECK(g::view(f.symbol.module) == "ntdll");
        CHECK(g::view(f.symbol.function) == "RtlAllocateHeap");
        REQUIRE(f.symbol.offset.has_value());
        CHECK(*f.symbol.offset == 0x3e);
    }
    SUBCASE("module+offset without a function") {
        // corpus/heap/020.txt:15
        REQUIRE(parse_line("        6a4aca4e TestLeakLib+0x0001ca4e", 13, g::stack_frame(), f, diags));
        CHECK(g::view(f.symbol.module) == "TestLeakLib");
        CHECK(f.symbol.function.empty());
        CHECK(*f.symbol.offset == 0x1ca4e);
    }
    SUBCASE("a function name with a blank, no address (UMDH)") {
        // corpus/umdh/001.txt:11
        REQUIRE(parse_line("MyApp!operator new+0x0000000E", 11, g::stack_frame(), f, diags));
        CHECK_FALSE(f.address.has_value());
        CHECK(g::view(f.symbol.module) == "MyApp");
        CHECK(g::view(f.symbol.function) == "operator new");
        CHECK(*f.symbol.offset == 0xe);
    }
    SUBCASE("old UMDH offsets without 0x, and a (file, line) source") {
        // corpus/umdh/002.txt:4 and :10
        REQUIRE(parse_line(" ntdll!RtlDebugAllocateHeap+000000E1", 4, g::stack_frame(), f, diags));
        CHECK(*f.symbol.offset == 0xe1);
        g::ast::stack_frame s;
        REQUIRE(parse_line(" Test!readdir+00000075 (c:myprojectutil.cpp, 674)", 10, g::stack_frame(), s, diags));
        CHECK(g::view(s.symbol.function) == "readdir");
        REQUIRE(s.symbol.source.has_value());
        CHECK(dbgsift::grammar::view(s.symbol.source->file) == "c:myprojectutil.cpp");
        CHECK(s.symbol.source->line == 674);
    }
    SUBCASE("C++ scope in the function name") {
        // corpus/heap/020.txt:12 (export-only name, the offset is huge)
        REQUIRE(parse_line("        6a4e8af3 TestLeakLib!DllRegisterServer+0x0002bb83", 10, g::stack_frame(), f, diags));
        CHECK(g::view(f.symbol.function) == "DllRegisterServer");
        CHECK(*f.symbol.offset == 0x2bb83);
    }
    SUBCASE("a UMDH header line is not a frame") {
        // corpus/umdh/001.txt:2
        CHECK_FALSE(parse_line("Total increase == 5320", 2, g::stack_frame(), f, diags));
    }
}

TEST_CASE("grammar::stack_frame in !htrace output") {
    std::vector<dbgsift::diagnostic> diags;
    g::ast::stack_frame f;
    // corpus/htrace/002.txt:27
    REQUIRE(parse_line("0x00ab158f: CppResourceLeaks!LeakFileHandle+0x0000016f", 27, g::stack_frame(), f, diags));
    CHECK(*f.address == 0x00ab158f);
    CHECK(g::view(f.symbol.module) == "CppResourceLeaks");
    CHECK(g::view(f.symbol.function) == "LeakFileHandle");
    // corpus/htrace/001.txt:10 (kernel, upper-case hex)
    g::ast::stack_frame k;
    REQUIRE(parse_line("0x8018FCB9: ntoskrnl!ExDestroyHandle+0x103", 10, g::stack_frame(), k, diags));
    CHECK(g::view(k.symbol.module) == "ntoskrnl");
    CHECK(*k.symbol.offset == 0x103);
    // an address no module claims: "0x00101991: +0x00101991" (CppResourceLeaks readme, injected handle)
    g::ast::stack_frame u;
    REQUIRE(parse_line("0x00101991: +0x00101991", 1, g::stack_frame(), u, diags));
    CHECK(u.symbol.module.empty());
    CHECK(*u.symbol.offset == 0x00101991);
}

TEST_CASE("grammar: k thread lines, the thread a k command names, and the ~ listing") {
    std::vector<dbgsift::diagnostic> diags;
    SUBCASE("corpus/locks/013.txt:33 and :38: the thread number and its ids") {
        g::ast::k_thread t;
        REQUIRE(parse_line(".  6  Id: 1364.a9 Suspend: 1 Teb: 7ffd9000 Unfrozen", 33, g::k_thread(), t, diags));
        CHECK(t.number == 6);
        CHECK(t.id == "1364.a9");
        g::ast::thread_id ids;
        REQUIRE(parse_line(t.id, 33, g::thread_id(), ids, diags));
        CHECK(ids.process == 0x1364);
        CHECK(ids.thread == 0xa9);
        g::ast::k_thread t4;
        REQUIRE(parse_line("  4  id: 97.a3   Suspend: 0 Teb 7ffd9000 Unfrozen", 38, g::k_thread(), t4, diags));
        CHECK(t4.number == 4);
        CHECK(t4.id == "97.a3");
    }
    SUBCASE("the thread of ~4 kb and ~~[a3]kb; none for kb and ~*kb") {
        g::ast::thread_ref ref;
        REQUIRE(parse_line("~4 kb", 1, g::k_command_thread(), ref, diags));
        CHECK_FALSE(ref.by_id);
        CHECK(ref.value == 4);
        REQUIRE(parse_line("~~[a3]kb", 1, g::k_command_thread(), ref, diags));
        CHECK(ref.by_id);
        CHECK(ref.value == 0xa3);
        CHECK_FALSE(parse_line("kb", 1, g::k_command_thread(), ref, diags));
        CHECK_FALSE(parse_line("~*kb", 1, g::k_command_thread(), ref, diags));
    }
    SUBCASE("corpus/locks/013.txt:26: the thread listing command") {
        boost::spirit::x3::unused_type none;
        CHECK(parse_line(" ~ ", 26, g::thread_list_command(), none, diags));
        CHECK_FALSE(parse_line("~*kb", 26, g::thread_list_command(), none, diags));
    }
}

TEST_CASE("grammar: x64 kb rows carry their arguments between colons") {
    std::vector<dbgsift::diagnostic> diags;
    boost::spirit::x3::unused_type none;
    // corpus/locks/118.txt:2 and :5
    CHECK(parse_line(" # Child-SP          RetAddr           : Args to Child                                                           : Call Site",
                     2, g::k_header(), none, diags));
    g::ast::k_frame f;
    REQUIRE(parse_line("02 000000dd`eafffa10 00007ffe`c1465597 : 00007ff6`5e843628 00000000`00000000 00000000`00000000 "
                       "000000dd`eafffb50 : ntdll!RtlpWaitOnAddress+0xb2",
                       5, g::k_frame(), f, diags));
    CHECK(f.columns == std::vector<std::uint64_t>{0x02, 0xdd'eafffa10, 0x7ffe'c1465597});
    REQUIRE(f.args.size() == 4);
    CHECK(f.args[0] == 0x7ff6'5e843628);
    CHECK(g::view(f.symbol.module) == "ntdll");
    CHECK(g::view(f.symbol.function) == "RtlpWaitOnAddress");
    SUBCASE("the lines a thread selector prints under a thread (corpus/locks/118.txt:50-51) and a dash rule") {
        CHECK(parse_line("      Start: ucrtbase!thread_start<unsigned int (__cdecl*)(void * __ptr64)> (00007ffe`bd96cd30)",
                         50, g::k_warning(), none, diags));
        CHECK(parse_line("      Priority: 0  Priority class: 32  Affinity: f", 51, g::k_warning(), none, diags));
        CHECK(parse_line("-----------------------------------------", 27, g::k_warning(), none, diags));
    }
    SUBCASE("thread selectors with no command list threads; ~3s switches and is not one") {
        CHECK(parse_line("~~[0x0000000000000174]", 48, g::thread_list_command(), none, diags));
        CHECK(parse_line("~*", 1, g::thread_list_command(), none, diags));
        CHECK(parse_line("~3", 1, g::thread_list_command(), none, diags));
        CHECK_FALSE(parse_line("~3s", 1, g::thread_list_command(), none, diags));
        g::ast::thread_ref ref;
        REQUIRE(parse_line("~~[0x0000000000000174]kb", 1, g::k_command_thread(), ref, diags));
        CHECK(ref.by_id);
        CHECK(ref.value == 0x174);
    }
}

TEST_CASE("grammar: WOW64 module names, and what a thread switch echoes before its stack") {
    std::vector<dbgsift::diagnostic> diags;
    // corpus/locks/119.txt:7
    std::string base;
    REQUIRE(parse_line("ntdll_771d0000", 7, g::module_base_name(), base, diags));
    CHECK(base == "ntdll");
    std::string plain;
    CHECK_FALSE(parse_line("ntdll", 7, g::module_base_name(), plain, diags));
    std::string word;
    CHECK_FALSE(parse_line("my_module", 7, g::module_base_name(), word, diags));
    boost::spirit::x3::unused_type none;
    // corpus/locks/119.txt:1, 4-5
    CHECK(parse_line("~14s ; kb", 1, g::k_command(), none, diags));
    CHECK(parse_line("ntdll_771d0000!ZwWaitForSingleObject+0x15:", 4, g::k_switch_echo(), none, diags));
    CHECK(parse_line("771ef901 83c404 add esp,4", 5, g::k_switch_echo(), none, diags));
    g::ast::thread_ref ref;
    REQUIRE(parse_line("~14s ; kb", 1, g::k_command_thread(), ref, diags));
    CHECK(ref.value == 14);
}

TEST_CASE("grammar: MEX's !mex.lt thread table") {
    std::vector<dbgsift::diagnostic> diags;
    boost::spirit::x3::unused_type none;
    // corpus/locks/115.txt:24-28
    CHECK(parse_line("!mex.lt", 24, g::thread_list_command(), none, diags));
    CHECK(parse_line(" # DbgID ThdID Wait Function                       User Kernel Info     TEB              Create Time",
                     25, g::mex_thread_header(), none, diags));
    CHECK(parse_line("== ===== ===== =================================== ==== ====== ======== ================ ==========================",
                     26, g::mex_thread_header(), none, diags));
    g::ast::mex_thread t;
    REQUIRE(parse_line("->     0   700 Wait2!main+0xdc                        0      0 Event... 0000003ba316b000 08/07/2023 08:21:05.177 AM",
                       27, g::mex_thread_row(), t, diags));
    CHECK(t.number == 0);
    CHECK(t.thread_id == 0x700);
    g::ast::mex_thread u;
    REQUIRE(parse_line("       1  27b4 ntdll!NtWaitForAlertByThreadId+0x14    0      0          0000003ba316f000 08/07/2023 08:21:05.183 AM",
                       28, g::mex_thread_row(), u, diags));
    CHECK(u.number == 1);
    CHECK(u.thread_id == 0x27b4);
}
