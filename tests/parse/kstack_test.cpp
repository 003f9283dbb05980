// SPDX-License-Identifier: MIT
#include "dbgsift/pipeline.hpp"

#include <doctest/doctest.h>

TEST_SUITE_BEGIN("parse/kstack");

TEST_CASE("parse::kstack: ~*kb gives one stack per thread, with x86 kb arguments") {
    // corpus/locks/013.txt:38-41 and a second thread as ~*kb prints it
    auto const c = dbgsift::read_buffer("0:006> ~*kb\n"
                                        "  4  id: 97.a3   Suspend: 0 Teb 7ffd9000 Unfrozen\n"
                                        "ChildEBP RetAddr  Args to Child\n"
                                        "014cfe64 77f6cc7b 00000460 00000000 00000000 ntdll!NtWaitForSingleObject+0xb\n"
                                        "014cfee0 6833adb8 0024e750 80000000 01f21cb8 ntdll!RtlEnterCriticalSection+0x46\n"
                                        ".  6  Id: 1364.a9 Suspend: 1 Teb: 7ffd9000 Unfrozen\n"
                                        "ChildEBP RetAddr  Args to Child\n"
                                        "0155feb4 6862142e 68629100 0009f238 686222e1 ntdll!RtlEnterCriticalSection+0x46\n");
    REQUIRE(c.snapshots.size() == 1);
    auto const& stacks = c.snapshots[0].thread_stacks;
    REQUIRE(stacks.size() == 2);
    CHECK(stacks[0].thread == "97.a3");
    CHECK(stacks[0].thread_id == 0xa3);
    CHECK(stacks[0].number == 4);
    REQUIRE(stacks[0].stack.frames.size() == 2);
    CHECK(stacks[0].stack.frames[1].args == std::vector<std::uint64_t>{0x24e750, 0x80000000, 0x1f21cb8});
    CHECK(stacks[1].thread_id == 0xa9);
    REQUIRE(stacks[1].stack.frames.size() == 1);
    CHECK(stacks[1].stack.frames[0].args.front() == 0x68629100);
}

TEST_CASE("parse::kstack: ~ lists the threads; ~6 kb is thread 6") {
    // corpus/locks/013.txt:26-28, 53-55
    auto const c = dbgsift::read_buffer("0:006>  ~\n"
                                        "   0  Id: 1364.1330 Suspend: 1 Teb: 7ffdf000 Unfrozen\n"
                                        ".  6  Id: 1364.a9 Suspend: 1 Teb: 7ffd9000 Unfrozen\n"
                                        "0:006>  ~6 kb\n"
                                        "ChildEBP RetAddr  Args to Child\n"
                                        "0155fe38 77f6cc7b 00000414 00000000 00000000 ntdll!NtWaitForSingleObject+0xb\n");
    REQUIRE(c.snapshots.size() == 1);
    auto const& threads = c.snapshots[0].threads;
    REQUIRE(threads.size() == 2);
    CHECK(threads[1].number == 6);
    CHECK(threads[1].thread_id == 0xa9);
    REQUIRE(c.snapshots[0].thread_stacks.size() == 1);
    CHECK(c.snapshots[0].thread_stacks[0].number == 6);
    CHECK_FALSE(c.snapshots[0].thread_stacks[0].thread_id);
    CHECK(c.inputs[0].diagnostics.empty());
}

TEST_CASE("parse::kstack: each frame reads afresh, whatever shape the frame before it had") {
    // The parser keeps one k_frame attribute from line to line (issue 14): an x64 kb frame's
    // arguments, a symbol or a longer row of columns must not leak into the next frame.
    // corpus/pool/005.txt:223 (x64 kb), corpus/pool/003.txt:36-37 (kn, its last a bare address),
    // corpus/locks/013.txt:40 (x86 kb), then a two-column x86 k frame.
    auto const c = dbgsift::read_buffer(
        "0:006> kb\n"
        "fffffd0c`b5e9ec48 fffff805`421c88b8     : 00000000`0000013a 00000000`00000012 ffffe280`8c200140 "
        "ffffe280`9abee000 : nt!KeBugCheckEx\n"
        "10 ffffbf0f`b8e45ad0 fffff803`0b5d5938     nfssvr!NfsSrvTcpMessage+0x11\n"
        "11 ffffbf0f`b8e45b00 00000000`00000000     0xfffff803`0b5d5938\n"
        "014cfee0 6833adb8 0024e750 80000000 01f21cb8 ntdll!RtlEnterCriticalSection+0x46\n"
        "014cfe64 77f6cc7b ntdll!NtWaitForSingleObject+0xb\n");
    REQUIRE(c.snapshots.size() == 1);
    REQUIRE(c.snapshots[0].thread_stacks.size() == 1);
    auto const& frames = c.snapshots[0].thread_stacks[0].stack.frames;
    REQUIRE(frames.size() == 5);
    CHECK(frames[0].function == "KeBugCheckEx");
    CHECK(frames[0].args == std::vector<std::uint64_t>{0x13a, 0x12, 0xffffe2808c200140, 0xffffe2809abee000});
    CHECK(frames[1].function == "NfsSrvTcpMessage");
    CHECK(frames[1].args.empty());  // kn: three columns, no arguments
    CHECK(frames[2].name().empty());
    CHECK(frames[2].address == 0xfffff8030b5d5938);
    CHECK(frames[2].args.empty());
    CHECK(frames[3].args == std::vector<std::uint64_t>{0x24e750, 0x80000000, 0x1f21cb8});
    CHECK(frames[4].function == "NtWaitForSingleObject");
    CHECK(frames[4].offset == 0xb);
    CHECK(frames[4].args.empty());
    CHECK_FALSE(frames[4].address);
    CHECK(c.inputs[0].diagnostics.empty());
}
