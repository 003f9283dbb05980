// SPDX-License-Identifier: MIT
#include "grammars/locks/locks.hpp"
#include "support/parse_line.hpp"
#include <boost/optional/optional_io.hpp>
#include <doctest/doctest.h>

using dbgsift::diagnostic;
using dbgsift::grammar::parse_line;
namespace g = dbgsift::grammar;
namespace ast = dbgsift::grammar::ast;

TEST_SUITE_BEGIN("grammar/locks");

TEST_CASE("grammar::locks_command") {
    std::vector<diagnostic> diags;
    ast::locks_command_kind kind{};
    SUBCASE("kernel !locks with and without arguments") {
        // shared/seeds/002 (acceptance seed002-myav.log:71)
        REQUIRE(parse_line("!locks", 1, g::locks_command(), kind, diags));
        CHECK(kind == ast::locks_command_kind::locks);
        // shared/corpus/locks/011.txt:1
        REQUIRE(parse_line("!locks -v 0x89929320", 1, g::locks_command(), kind, diags));
        CHECK(kind == ast::locks_command_kind::locks);
    }
    SUBCASE("extension-qualified names") {
        REQUIRE(parse_line("!ntsdexts.locks", 1, g::locks_command(), kind, diags));
        CHECK(kind == ast::locks_command_kind::locks);
        REQUIRE(parse_line("!kdexts.locks -v", 1, g::locks_command(), kind, diags));
        CHECK(kind == ast::locks_command_kind::locks);
    }
    SUBCASE("!cs and !critsec") {
        // shared/corpus/locks/007.txt:1
        REQUIRE(parse_line("!cs -l", 1, g::locks_command(), kind, diags));
        CHECK(kind == ast::locks_command_kind::critsec);
        REQUIRE(parse_line("!critsec 3a8c0e9c", 1, g::locks_command(), kind, diags));
        CHECK(kind == ast::locks_command_kind::critsec);
    }
    SUBCASE("other commands are not !locks") {
        CHECK_FALSE(parse_line("!lockstat", 1, g::locks_command(), kind, diags));
        CHECK_FALSE(parse_line("!csr", 1, g::locks_command(), kind, diags));
        CHECK_FALSE(parse_line("!vm 4", 1, g::locks_command(), kind, diags));
        CHECK_FALSE(parse_line("lm", 1, g::locks_command(), kind, diags));
        // corpus/locks/115.txt:17: MEX's own table, not the ntsdexts "Key = value" form
        CHECK_FALSE(parse_line("!mex.cs", 17, g::locks_command(), kind, diags));
        CHECK_FALSE(parse_line("!MEX.cs", 17, g::locks_command(), kind, diags));
    }
    SUBCASE("!cs -lso (corpus/locks/116.txt:1)") {
        REQUIRE(parse_line("!cs -lso", 1, g::locks_command(), kind, diags));
        CHECK(kind == ast::locks_command_kind::critsec);
    }
}

TEST_CASE("grammar::resource_header") {
    std::vector<diagnostic> diags;
    ast::resource_header row;
    SUBCASE("symbolic name, shared by ten threads") {
        // acceptance seed002-myav.log:73 (shared/seeds/002 last example)
        REQUIRE(parse_line("Resource @ nt!CmpRegistryLock (0x80478b00)    Shared 10 owning threads", 73,
                           g::resource_header(), row, diags));
        CHECK(row.name.symbol == "nt!CmpRegistryLock");
        CHECK(row.name.address == 0x80478b00);
        CHECK(row.state.kind == ast::resource_state_kind::shared);
        CHECK(row.state.owners == 10);
        CHECK(row.line == 73);
    }
    SUBCASE("bare address, exclusively owned, after a blank line") {
        // shared/corpus/locks/008.txt:3
        REQUIRE(parse_line("Resource @ 0x85205ec8    Exclusively owned", 3, g::resource_header(), row,
                           diags));
        CHECK(row.name.symbol.empty());
        CHECK(row.name.address == 0x85205ec8);
        CHECK(row.state.kind == ast::resource_state_kind::exclusive);
    }
    SUBCASE("single blank between address and state (whitespace collapsed)") {
        // shared/corpus/locks/010.txt:8
        REQUIRE(parse_line("Resource @ 0x89da1a68 Shared 1 owning threads", 8, g::resource_header(), row,
                           diags));
        CHECK(row.state.kind == ast::resource_state_kind::shared);
        CHECK(row.state.owners == 1);
    }
    SUBCASE("x64 symbolic name with a trailing blank") {
        // shared/corpus/locks/012.txt:4
        REQUIRE(parse_line("Resource @ nt!PiEngineLock (0xfffff8019cd8a380)    Exclusively owned ", 4,
                           g::resource_header(), row, diags));
        CHECK(row.name.symbol == "nt!PiEngineLock");
        CHECK(row.name.address == 0xfffff8019cd8a380);
        CHECK(row.state.kind == ast::resource_state_kind::exclusive);
    }
    SUBCASE("author annotation after the debugger text") {
        // shared/corpus/locks/002.txt:2
        REQUIRE(parse_line("Resource @ nwrdr!_NwScavengerSpinLock (0xfc664ee0)    Exclusively owned", 2,
                           g::resource_header(), row, diags));
        CHECK(row.name.symbol == "nwrdr!_NwScavengerSpinLock");
        // shared/corpus/session/001.txt:1 (NT4 resource-timeout break: no state printed)
        REQUIRE(parse_line("Resource @ fc664ee0                  // Here's the resource lock address", 1,
                           g::resource_header(), row, diags));
        CHECK(row.name.symbol.empty());
        CHECK(row.name.address == 0xfc664ee0);
        CHECK(row.state.kind == ast::resource_state_kind::not_printed);
    }
    SUBCASE("x64 bare address with a backtick; an available resource") {
        REQUIRE(parse_line("Resource @ 0xffffc001`d1d4a2c8    Exclusively owned", 1, g::resource_header(), row,
                           diags));
        CHECK(row.name.address == 0xffffc001d1d4a2c8);
        ast::resource_header available;
        REQUIRE(parse_line("Resource @ nt!ExpFirmwareTableResource (0xfffff80002a6e2e0)    Available", 1,
                           g::resource_header(), available, diags));
        CHECK(available.state.kind == ast::resource_state_kind::available);
    }
    SUBCASE("prose that merely starts like a header is not one") {
        CHECK_FALSE(parse_line("Resource @ the registry is busy", 1, g::resource_header(), row, diags));
    }
}

TEST_CASE("grammar::resource_counter") {
    std::vector<diagnostic> diags;
    ast::resource_counter row;
    SUBCASE("the three counters of seed 002") {
        // acceptance seed002-myav.log:74-76
        REQUIRE(parse_line("    Contention Count = 9149810", 75, g::resource_counter(), row, diags));
        CHECK(row.which == ast::resource_counter_kind::contention);
        CHECK(row.value == 9149810);
        REQUIRE(parse_line("    NumberOfSharedWaiters = 718", 76, g::resource_counter(), row, diags));
        CHECK(row.which == ast::resource_counter_kind::shared_waiters);
        CHECK(row.value == 718);
        REQUIRE(parse_line("    NumberOfExclusiveWaiters = 21", 77, g::resource_counter(), row, diags));
        CHECK(row.which == ast::resource_counter_kind::exclusive_waiters);
        CHECK(row.value == 21);
    }
    SUBCASE("leading whitespace stripped by the notes' author") {
        // shared/corpus/locks/010.txt:5
        REQUIRE(parse_line("Contention Count = 3911396", 5, g::resource_counter(), row, diags));
        CHECK(row.value == 3911396);
    }
    SUBCASE("a count past 2^64 fails instead of wrapping") {
        CHECK_FALSE(parse_line("Contention Count = 99999999999999999999", 1, g::resource_counter(), row,
                               diags));
    }
}

TEST_CASE("grammar::resource_flags and old_owner (NT4 resource time-out)") {
    std::vector<diagnostic> diags;
    SUBCASE("ActiveCount with flags") {
        ast::resource_flags row;
        // shared/corpus/session/001.txt:3
        REQUIRE(parse_line(" ActiveCount = 0001  Flags = IsOwnedExclusive ExclusiveWaiter", 3,
                           g::resource_flags(), row, diags));
        CHECK(row.active_count == 1);
        REQUIRE(row.flags.size() == 2);
        CHECK(row.flags[0] == "IsOwnedExclusive");
    }
    SUBCASE("owner slot with an annotation, and an empty slot") {
        ast::old_owner row;
        // shared/corpus/session/001.txt:5-6
        REQUIRE(parse_line("  Thread = ffaf5410, Count = 01                // Here's the owning thread", 5,
                           g::old_owner(), row, diags));
        CHECK(row.thread == 0xffaf5410);
        CHECK(row.count == 1);
        REQUIRE(parse_line("  Thread = 00000000, Count = 00", 6, g::old_owner(), row, diags));
        CHECK(row.thread == 0);
    }
}

TEST_CASE("grammar::thread_list") {
    std::vector<diagnostic> diags;
    ast::thread_list row;
    SUBCASE("current owner marked <*>") {
        // shared/corpus/locks/008.txt:6
        REQUIRE(parse_line("     Threads: 88b9fcb0-01<*>", 6, g::thread_list(), row, diags));
        CHECK(row.role == ast::thread_list_role::owners);
        REQUIRE(row.threads.size() == 1);
        CHECK(row.threads[0].thread == 0x88b9fcb0);
        CHECK(row.threads[0].count == std::uint64_t{1});
        CHECK(row.threads[0].current);
    }
    SUBCASE("owner followed by an author annotation") {
        // shared/corpus/locks/002.txt:5
        REQUIRE(parse_line("     Threads: ffaf5410-01                  // Owning thread again", 5,
                           g::thread_list(), row, diags));
        REQUIRE(row.threads.size() == 1);
        CHECK(row.threads[0].thread == 0xffaf5410);
        CHECK_FALSE(row.threads[0].current);
    }
    SUBCASE("owner table entry with the actual thread") {
        // shared/corpus/locks/010.txt:9
        REQUIRE(parse_line("Threads: 8a4cb533-01<*> *** Actual Thread 8a4cb530", 9, g::thread_list(), row,
                           diags));
        REQUIRE(row.threads.size() == 1);
        CHECK(row.threads[0].thread == 0x8a4cb533);
        CHECK(row.threads[0].actual == std::uint64_t{0x8a4cb530});
    }
    SUBCASE("x64 owner with a blank after <*>") {
        // shared/corpus/locks/012.txt:6
        REQUIRE(parse_line("     Threads: ffffb986625ef040-01<*> ", 6, g::thread_list(), row, diags));
        CHECK(row.threads[0].thread == 0xffffb986625ef040);
    }
    SUBCASE("several owners on one line") {
        REQUIRE(parse_line("     Threads: 89e4a020-01<*> 8a1b2c30-01    8a4e5020-02", 1, g::thread_list(), row,
                           diags));
        REQUIRE(row.threads.size() == 3);
        CHECK(row.threads[2].count == std::uint64_t{2});
    }
    SUBCASE("waiter list header, then continuation rows") {
        // shared/corpus/locks/008.txt:7-9
        REQUIRE(parse_line("     Threads Waiting On Exclusive Access:", 7, g::thread_list(), row, diags));
        CHECK(row.role == ast::thread_list_role::exclusive_waiters);
        CHECK(row.threads.empty());
        REQUIRE(parse_line("              850bbd78       89b2b3f0       89754030       84753d78  <<<", 8,
                           g::thread_list(), row, diags));
        CHECK(row.role == ast::thread_list_role::more);
        REQUIRE(row.threads.size() == 4);
        CHECK(row.threads[3].thread == 0x84753d78);
        CHECK_FALSE(row.threads[3].count);
        ast::thread_list last;  // a fresh row: X3 appends to a container it is handed
        REQUIRE(parse_line("              84e92b78       853cf760       89b44578       ", 10, g::thread_list(),
                           last, diags));
        CHECK(last.threads.size() == 3);
    }
    SUBCASE("x64 addresses printed with a backtick") {
        // the layout of newer x64 kdexts output (Windows 8+), as in the !locks reference
        REQUIRE(parse_line("     Threads: ffffe000`3e1ce840-01<*> ", 1, g::thread_list(), row, diags));
        REQUIRE(row.threads.size() == 1);
        CHECK(row.threads[0].thread == 0xffffe0003e1ce840);
        ast::thread_list waiters;
        REQUIRE(parse_line("              ffffe000`4b5b3840       ", 2, g::thread_list(), waiters, diags));
        CHECK(waiters.threads[0].thread == 0xffffe0004b5b3840);
    }
    SUBCASE("twenty hex digits are not two threads") {
        ast::thread_list glued;
        CHECK_FALSE(parse_line("              ffffe0004b5b3840ffff", 2, g::thread_list(), glued, diags));
    }
    SUBCASE("the wrapped annotation is not a list row") {
        // shared/corpus/locks/008.txt:9
        CHECK_FALSE(parse_line("remember ME", 9, g::thread_list(), row, diags));
    }
    SUBCASE("a stack frame is not a list row") {
        // shared/corpus/locks/004.txt:22
        CHECK_FALSE(parse_line("fafa3d30 804fe997 nt!KiSwapContext+0x25 (FPO: [EBP 0xfafa3d48] [0,0,4])", 22,
                               g::thread_list(), row, diags));
    }
}

TEST_CASE("grammar::critsec_header") {
    std::vector<diagnostic> diags;
    ast::critsec_header row;
    SUBCASE("ntsdexts form, x64 address") {
        // shared/corpus/locks/006.txt:2
        REQUIRE(parse_line("    CritSec ntdll!LdrpLoaderLock+0 at 00007ff9d241f4f8", 2, g::critsec_header(),
                           row, diags));
        CHECK(row.symbol == "ntdll!LdrpLoaderLock+0");
        CHECK(row.address == 0x00007ff9d241f4f8);
        CHECK(row.symbol_after.empty());
    }
    SUBCASE("no symbol, only a displacement") {
        // shared/corpus/session/005.txt:18
        REQUIRE(parse_line("CritSec +24e750 at 24e750", 18, g::critsec_header(), row, diags));
        CHECK(row.symbol == "+24e750");
        CHECK(row.address == 0x24e750);
    }
    SUBCASE("!cs form with the symbol after the address") {
        // shared/corpus/locks/007.txt:3
        REQUIRE(parse_line("    Critical section   = 0x00007ff9d241f4f8 (ntdll!LdrpLoaderLock+0x0)", 3,
                           g::critsec_header(), row, diags));
        CHECK(row.symbol.empty());
        CHECK(row.address == 0x00007ff9d241f4f8);
        CHECK(row.symbol_after == "ntdll!LdrpLoaderLock+0x0");
    }
}

TEST_CASE("grammar::critsec_field") {
    std::vector<diagnostic> diags;
    ast::critsec_field row;
    SUBCASE("ntsdexts fields, decimal and hexadecimal") {
        // shared/corpus/locks/006.txt:3,7
        REQUIRE(parse_line("    WaiterWoken        No", 3, g::critsec_field(), row, diags));
        CHECK(row.key == ast::critsec_key::waiter_woken);
        CHECK(row.value == 0);
        REQUIRE(parse_line("    OwningThread       7ec      #目前占用改资源的线程", 7, g::critsec_field(), row,
                           diags));
        CHECK(row.key == ast::critsec_key::owning_thread);
        CHECK(row.value == 0x7ec);
    }
    SUBCASE("an annotation in Chinese after the value") {
        // shared/corpus/locks/006.txt:4
        REQUIRE(parse_line("    LockCount          1        #从-1开始，-1表示没有线程调用entercs，", 4,
                           g::critsec_field(), row, diags));
        CHECK(row.key == ast::critsec_key::lock_count);
        CHECK(row.value == 1);
    }
    SUBCASE("ContentionCount and EntryCount are printed in hex") {
        // shared/corpus/session/005.txt:22 and the !critsec doc example "EntryCount 472"
        REQUIRE(parse_line("ContentionCount    6", 22, g::critsec_field(), row, diags));
        CHECK(row.key == ast::critsec_key::contention_count);
        CHECK(row.value == 6);
        REQUIRE(parse_line("EntryCount         472", 1, g::critsec_field(), row, diags));
        CHECK(row.value == 0x472);
    }
    SUBCASE("LockCount NOT LOCKED is -1") {
        REQUIRE(parse_line("LockCount          NOT LOCKED", 1, g::critsec_field(), row, diags));
        CHECK(row.key == ast::critsec_key::lock_count);
        CHECK(row.value == -1);
    }
    SUBCASE("the locked markers") {
        // shared/corpus/locks/006.txt:11, session/005.txt:24 (trailing blank), locks/007.txt:4
        REQUIRE(parse_line("    *** Locked                  #当前锁状态", 11, g::critsec_field(), row, diags));
        CHECK(row.key == ast::critsec_key::locked);
        CHECK(row.value == 1);
        REQUIRE(parse_line("*** Locked ", 24, g::critsec_field(), row, diags));
        REQUIRE(parse_line("    LOCKED", 4, g::critsec_field(), row, diags));
        CHECK(row.value == 1);
        REQUIRE(parse_line("NOT LOCKED", 1, g::critsec_field(), row, diags));
        CHECK(row.key == ast::critsec_key::locked);
        CHECK(row.value == 0);
    }
    SUBCASE("!cs Key = value form") {
        // shared/corpus/locks/007.txt:5-10 (tab and four-space indentation mixed)
        REQUIRE(parse_line("    LockCount          = 0x1", 5, g::critsec_field(), row, diags));
        CHECK(row.key == ast::critsec_key::lock_count);
        CHECK(row.value == 1);
        REQUIRE(parse_line("    OwningThread       = 0x00000000000007ec", 7, g::critsec_field(), row, diags));
        CHECK(row.key == ast::critsec_key::owning_thread);
        CHECK(row.value == 0x7ec);
        REQUIRE(parse_line("    WaiterWoken        = No", 6, g::critsec_field(), row, diags));
        CHECK(row.key == ast::critsec_key::waiter_woken);
        REQUIRE(parse_line("\tDebugInfo          = 0x00007ff9d241f978", 2, g::critsec_field(), row, diags));
        CHECK(row.key == ast::critsec_key::debug_info);
        REQUIRE(parse_line("    LockSemaphore      = 0xFFFFFFFF", 9, g::critsec_field(), row, diags));
        CHECK(row.key == ast::critsec_key::lock_semaphore);
    }
    SUBCASE("every !cs key reads as itself: no key's literal takes the start of another's") {
        // critsec_key_names tries its literals in order: one that began another key would read
        // that key's start and leave the rest before its '='.
        struct named_key {
            char const* line;
            ast::critsec_key key;
        };
        named_key const keys[] = {
            {"DebugInfo = 0x1", ast::critsec_key::debug_info},
            {"LockSemaphore = 0x1", ast::critsec_key::lock_semaphore},
            {"SpinCount = 0x1", ast::critsec_key::spin_count},
            {"LockCount = 0x1", ast::critsec_key::lock_count},
            {"RecursionCount = 0x1", ast::critsec_key::recursion_count},
            {"OwningThread = 0x1", ast::critsec_key::owning_thread},
            {"WaiterWoken = 0x1", ast::critsec_key::waiter_woken},
            {"EntryCount = 0x1", ast::critsec_key::entry_count},
            {"ContentionCount = 0x1", ast::critsec_key::contention_count},
        };
        for (auto const& named : keys) {
            CAPTURE(named.line);
            REQUIRE(parse_line(named.line, 1, g::critsec_field(), row, diags));
            CHECK(row.key == named.key);
            CHECK(row.value == 1);
        }
    }
    SUBCASE("a letter in a decimal field is not read") {
        CHECK_FALSE(parse_line("RecursionCount     1x", 1, g::critsec_field(), row, diags));
    }
}

TEST_CASE("grammar::locks_summary") {
    std::vector<diagnostic> diags;
    ast::locks_summary row;
    SUBCASE("totals with and without the held count") {
        // shared/corpus/locks/002.txt:6, 012.txt:7
        REQUIRE(parse_line("1 total locks, 1 locks currently held", 6, g::locks_summary(), row, diags));
        CHECK(row.kind == ast::locks_summary_kind::total_locks);
        CHECK(row.total == 1);
        CHECK(row.held == std::uint64_t{1});
        ast::locks_summary bare;
        REQUIRE(parse_line("1 total locks", 7, g::locks_summary(), bare, diags));
        CHECK_FALSE(bare.held);
    }
    SUBCASE("critical sections scanned") {
        // shared/corpus/locks/006.txt:13
        REQUIRE(parse_line("    Scanned 26 critical sections", 13, g::locks_summary(), row, diags));
        CHECK(row.kind == ast::locks_summary_kind::critical_sections);
        CHECK(row.total == 26);
    }
    SUBCASE("fields led by the same bytes are neither a summary nor a header") {
        // corpus/locks/007.txt:10 (led by the S of Scanned), corpus/locks/013.txt:7 (the C of CritSec)
        CHECK_FALSE(parse_line("    SpinCount          = 0x0000000004000000", 10, g::locks_summary(), row, diags));
        ast::critsec_header header;
        CHECK_FALSE(parse_line("ContentionCount    0", 7, g::critsec_header(), header, diags));
        CHECK(diags.empty());
    }
}

TEST_CASE("grammar::thread_detail and owning_process (!locks -v)") {
    std::vector<diagnostic> diags;
    SUBCASE("THREAD line of a waiting worker thread") {
        ast::thread_detail row;
        // shared/corpus/locks/004.txt:6
        REQUIRE(parse_line("     THREAD 80ed0020  Cid 4.2c  Teb: 00000000 Win32Thread: 00000000 WAIT: (WrQueue) "
                           "KernelMode Non-Alertable",
                           6, g::thread_detail(), row, diags));
        CHECK(row.thread == 0x80ed0020);
        CHECK(row.cid == "4.2c");
        CHECK(row.state == "WAIT");
    }
    SUBCASE("THREAD line of a running thread, whitespace stripped") {
        ast::thread_detail row;
        // shared/corpus/locks/011.txt:5
        REQUIRE(parse_line("THREAD 8952d030 Cid 0acc.050c Teb: 7ffdf000 Win32Thread: fe82c4c0 RUNNING on processor 0",
                           5, g::thread_detail(), row, diags));
        CHECK(row.state == "RUNNING");
    }
    SUBCASE("Owning Process with and without the image") {
        ast::owning_process row;
        // shared/corpus/locks/011.txt:8
        REQUIRE(parse_line("Owning Process 89e1ead8 Image: windbg.exe", 8, g::owning_process(), row, diags));
        CHECK(row.process == 0x89e1ead8);
        CHECK(row.image == "windbg.exe");
        ast::owning_process bare;
        // shared/corpus/locks/004.txt:10
        REQUIRE(parse_line("     Owning Process 80ed5238", 10, g::owning_process(), bare, diags));
        CHECK(bare.image.empty());
    }
}

TEST_CASE("grammar::locks_aside and annotated_line") {
    std::vector<diagnostic> diags;
    ast::locks_aside_kind kind{};
    char marker = 0;
    SUBCASE("scanning banner with any number of dots") {
        // shared/corpus/locks/010.txt:3,7 and 012.txt:2
        REQUIRE(parse_line("KD: Scanning for held locks.", 3, g::locks_aside(), kind, diags));
        CHECK(kind == ast::locks_aside_kind::scanning);
        REQUIRE(parse_line("KD: Scanning for held locks.......................................", 7,
                           g::locks_aside(), kind, diags));
        REQUIRE(parse_line("**** DUMP OF ALL RESOURCE OBJECTS ****", 2, g::locks_aside(), kind, diags));
        CHECK(kind == ast::locks_aside_kind::dump_banner);
    }
    SUBCASE("!cs -s: a section created without a saved stack") {
        // corpus/locks/113.txt:41 and :50 (`!cs -s`, after "SpinCount          = 0x0")
        REQUIRE(parse_line("No stack trace saved", 41, g::locks_aside(), kind, diags));
        CHECK(kind == ast::locks_aside_kind::no_stack_trace);
        // corpus/locks/113.txt:59, the form it stands in for
        REQUIRE(parse_line("Stack trace for DebugInfo = 0x6A261EE0:", 59, g::locks_aside(), kind, diags));
        CHECK(kind == ast::locks_aside_kind::stack_trace);
        CHECK_FALSE(parse_line("No stack trace", 41, g::locks_aside(), kind, diags));
    }
    SUBCASE("OwningThread: the two asides after one shared word, never a field") {
        // the forms the grammar names ("OwningThread DbgId = ~0s", "OwningThread Stack =")
        REQUIRE(parse_line("OwningThread DbgId = ~0s", 1, g::locks_aside(), kind, diags));
        CHECK(kind == ast::locks_aside_kind::owning_thread_id);
        REQUIRE(parse_line("OwningThread Stack =", 1, g::locks_aside(), kind, diags));
        CHECK(kind == ast::locks_aside_kind::owning_thread_stack);
        // corpus/locks/013.txt:5 and 113.txt:9: fields, for critsec_field
        for (auto const* field : {"OwningThread       a7", "OwningThread       = 0x460"}) {
            CHECK_FALSE(parse_line(field, 5, g::locks_aside(), kind, diags));
        }
    }
    SUBCASE("a line holding only an annotation") {
        // shared/corpus/locks/006.txt:5
        REQUIRE(parse_line("                                #0表示有一个线程。大于0就是有多线程等待了", 5,
                           g::locks_aside(), kind, diags));
        CHECK(kind == ast::locks_aside_kind::annotation);
    }
    SUBCASE("annotated rows are recognised, plain rows are not") {
        // shared/corpus/locks/008.txt:8
        REQUIRE(parse_line("              850bbd78       89b2b3f0       89754030       84753d78  <<<", 8,
                           g::annotated_line(), marker, diags));
        CHECK(marker == '<');
        CHECK_FALSE(parse_line("     Threads: 88b9fcb0-01<*>", 6, g::annotated_line(), marker, diags));
    }
}

TEST_CASE("grammar::break_in: the break-in notice inside a prompt-less paste") {
    std::vector<diagnostic> diags;
    ast::break_in_kind kind{};
    // corpus/locks/014.txt:7-8 (NT4 resource time-out break)
    REQUIRE(parse_line("ntoskrnl!_DbgBreakPoint:", 7, g::break_in(), kind, diags));
    CHECK(kind == ast::break_in_kind::location);
    REQUIRE(parse_line("80131400 cc               int     3", 8, g::break_in(), kind, diags));
    CHECK(kind == ast::break_in_kind::instruction);
    // corpus/pool/003.txt:16-17 (x64, backquoted address)
    REQUIRE(parse_line("nt!DbgBreakPointWithStatus:", 16, g::break_in(), kind, diags));
    REQUIRE(parse_line("fffff803`06c2f460 cc              int     3", 17, g::break_in(), kind, diags));
    CHECK(kind == ast::break_in_kind::instruction);
    // a row of thread addresses is not an instruction (shared/corpus/locks/008.txt:8)
    CHECK_FALSE(parse_line("              850bbd78       89b2b3f0       89754030       84753d78", 8, g::break_in(),
                           kind, diags));
    CHECK_FALSE(parse_line("Resource @ nt!CmpRegistryLock (0x80478b00)    Shared 1 owning threads", 1,
                           g::break_in(), kind, diags));
}

TEST_CASE("grammar::qualified_symbol splits a lock's symbol") {
    std::vector<diagnostic> diags;
    ast::qualified_symbol parts;
    SUBCASE("module and function") {
        // acceptance seed002-myav.log:73 "Resource @ nt!CmpRegistryLock (0x80478b00) ..."
        REQUIRE(parse_line("nt!CmpRegistryLock", 73, g::qualified_symbol(), parts, diags));
        CHECK(parts.module == "nt");
        CHECK(parts.function == "CmpRegistryLock");
        CHECK_FALSE(parts.offset);
    }
    SUBCASE("old x86 decoration is dropped") {
        // corpus/locks/002.txt:2 "Resource @ nwrdr!_NwScavengerSpinLock (0xfc664ee0) ..."
        REQUIRE(parse_line("nwrdr!_NwScavengerSpinLock", 2, g::qualified_symbol(), parts, diags));
        CHECK(parts.module == "nwrdr");
        CHECK(parts.function == "NwScavengerSpinLock");
    }
    SUBCASE("a displacement") {
        // corpus/locks/007.txt:3 "Critical section   = 0x00007ff9d241f4f8 (ntdll!LdrpLoaderLock+0x0)"
        REQUIRE(parse_line("ntdll!LdrpLoaderLock+0x0", 3, g::qualified_symbol(), parts, diags));
        CHECK(parts.module == "ntdll");
        CHECK(parts.function == "LdrpLoaderLock");
        REQUIRE(parts.offset);
        CHECK(*parts.offset == 0);
    }
    SUBCASE("a hex displacement without 0x") {
        // corpus/locks/013.txt:10 "CritSec isatq!AtqActiveContextList+a8 at 68629100"
        REQUIRE(parse_line("isatq!AtqActiveContextList+a8", 10, g::qualified_symbol(), parts, diags));
        CHECK((parts.module == "isatq" && parts.function == "AtqActiveContextList"));
        CHECK(parts.offset == boost::optional<std::uint64_t>(0xa8));
    }
    SUBCASE("nothing after the '!': an empty function") {
        REQUIRE(parse_line("nt!", 1, g::qualified_symbol(), parts, diags));
        CHECK(parts.module == "nt");
        CHECK(parts.function.empty());
    }
    SUBCASE("no module: not a qualified symbol") {
        // "CritSec +24e750 at 24e750": the symbol is only a displacement
        CHECK_FALSE(parse_line("+24e750", 1, g::qualified_symbol(), parts, diags));
        CHECK_FALSE(parse_line("!foo", 1, g::qualified_symbol(), parts, diags));
    }
    CHECK(diags.empty());
}

TEST_CASE("grammar::thread_state") {
    std::vector<diagnostic> diags;
    auto state = dbgsift::model::ThreadState::other;
    // corpus/locks/004.txt:6 "... Win32Thread: 00000000 WAIT: (WrQueue) KernelMode Non-Alertable"
    REQUIRE(parse_line("WAIT", 6, g::thread_state(), state, diags));
    CHECK(state == dbgsift::model::ThreadState::wait);
    REQUIRE(parse_line("RUNNING", 1, g::thread_state(), state, diags));
    CHECK(state == dbgsift::model::ThreadState::running);
    CHECK_FALSE(parse_line("WAITING", 1, g::thread_state(), state, diags));  // whole words only
}

TEST_SUITE_END();
