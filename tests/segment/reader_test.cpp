// SPDX-License-Identifier: MIT
#include "dbgsift/pipeline.hpp"
#include "dbgsift/segment/prose.hpp"
#include "dbgsift/segment/reader.hpp"
#include "dbgsift/parse/block_parser.hpp"
#include "dbgsift/text/contains.hpp"
#include "dbgsift/text/undress.hpp"
#include "support/files.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

TEST_SUITE_BEGIN("segment/reader");

TEST_CASE("segment::read_input splits a transcript at prompts") {
    auto const c = dbgsift::read_buffer("Opened log file 'x.log'\n"
                                        "0: kd> .reload\n"
                                        "Loading Kernel Symbols\n"
                                        "\n"
                                        "0: kd> !frobnicate 3\n"
                                        "some output\n"
                                        "0:000> !other\n");
    REQUIRE(c.inputs.size() == 1);
    auto const& blocks = c.inputs[0].blocks;
    REQUIRE(blocks.size() == 3);
    CHECK(blocks[0].command == ".reload");
    CHECK(blocks[0].line == 2);
    CHECK(blocks[0].end_line == 3);
    CHECK(blocks[1].command == "!frobnicate 3");
    CHECK(blocks[1].line == 5);
    CHECK(blocks[2].line == 7);
    SUBCASE("commands dbgsift does not know are listed, not parsed, and cost no coverage") {
        CHECK(blocks[0].kind == "unknown");
        CHECK_FALSE(blocks[0].parsed);
        CHECK(c.inputs[0].lines_in_known_blocks == 0);
        CHECK(c.inputs[0].diagnostics.empty());
    }
    CHECK(c.inputs[0].lines == 7);
}

TEST_CASE("segment::read_input keeps the original line numbers across CRLF and lone CR") {
    auto const c = dbgsift::read_buffer("intro\r\n0: kd> !a\r\r\n0: kd> !b\rx\r");
    auto const& blocks = c.inputs[0].blocks;
    REQUIRE(blocks.size() == 2);
    CHECK(blocks[0].line == 2);
    CHECK(blocks[1].line == 4);
    CHECK(c.inputs[0].lines == 5);
}

TEST_CASE("segment::read_input never fails on garbage, and reads it as lines of nothing") {
    std::string junk;
    for (int i = 0; i < 5000; ++i) {
        junk.push_back(static_cast<char>((i * 7919) % 256));
    }
    auto const c = dbgsift::read_buffer(junk);
    REQUIRE(c.inputs.size() == 1);
    auto const& in = c.inputs[0];
    // The bytes hold 19 '\n' and 19 lone '\r' (no "\r\n"): 38 line ends, 39 lines. Counted
    // here apart from the decoder, which must agree.
    std::size_t ends = 0;
    for (std::size_t i = 0; i < junk.size(); ++i) {
        ends += junk[i] == '\n' || (junk[i] == '\r' && (i + 1 == junk.size() || junk[i + 1] != '\n'));
    }
    CHECK(ends == 38);
    CHECK(in.lines == ends + 1);
    CHECK(in.encoding == "latin-1");  // byte 1 is 0xEF without the rest of a UTF-8 sequence
    CHECK(in.error.empty());
    CHECK(in.blocks.empty());  // no prompt, no command header
    CHECK(in.lines_in_known_blocks == 0);
    CHECK(in.lines_understood == 0);
    CHECK(in.diagnostics.empty());
    CHECK(c.snapshots.empty());
}

TEST_CASE("segment::read_input on a real transcript: blocks, kinds and lines") {
    // corpus/acceptance/seed003-leak.log: 125 lines; prompts at lines 1, 69, 107, 113, 119.
    auto const c = dbgsift::read_path(CORPUS_DIR "/acceptance/seed003-leak.log", 0);
    REQUIRE(c.inputs.size() == 1);
    auto const& in = c.inputs[0];
    CHECK(in.encoding == "utf-8");
    CHECK(in.lines == 125);
    REQUIRE(in.blocks.size() == 5);
    struct Expected {
        char const* command;
        char const* kind;
        std::uint32_t line, end_line;
    };
    // A block ends where the author's prose starts (line 65 "The debugger can parse ...",
    // line 103 "Now we must identify ...") or at the last line before the next prompt.
    Expected const expected[] = {
        {"!vm 1", "vm", 1, 65},
        {"!poolused /t5 2", "poolused", 69, 103},
        {"!for_each_module s -a @#Base @#End \"Leak\"", "search", 107, 111},
        {"lm a fffff880`044b63aa", "lm", 113, 117},
        {"lm a fffff880`044b6621", "lm", 119, 123},
    };
    for (std::size_t i = 0; i < in.blocks.size(); ++i) {
        CAPTURE(i);
        CHECK(in.blocks[i].command == expected[i].command);
        CHECK(in.blocks[i].kind == expected[i].kind);
        CHECK(in.blocks[i].line == expected[i].line);
        CHECK(in.blocks[i].end_line == expected[i].end_line);
        CHECK(in.blocks[i].parsed);
    }
    // Every line of the five known blocks was read by a grammar: 41 of 41, no diagnostic.
    CHECK(in.lines_in_known_blocks == 41);
    CHECK(in.lines_understood == 41);
    CHECK(in.diagnostics.empty());
    CHECK(c.snapshots.size() == 1);
}

// Reader::line returns at a blank line before any other test (is_elision calls it one, and the
// open parser is told nothing of it): blanks, tabs or nothing, it neither ends nor extends a block.
TEST_CASE("segment: a blank line neither ends nor extends a block") {
    auto const c = dbgsift::read_buffer("0: kd> !frobnicate 3\n"
                                        "some output\n"
                                        "   \t \n"
                                        "\n"
                                        "more output\n"
                                        " \n"
                                        "0:000> !other\n"
                                        "\t\n");
    REQUIRE(c.inputs.size() == 1);
    auto const& in = c.inputs[0];
    REQUIRE(in.blocks.size() == 2);
    CHECK(in.blocks[0].line == 1);
    CHECK(in.blocks[0].end_line == 5);
    CHECK(in.blocks[1].line == 7);
    CHECK(in.blocks[1].end_line == 7);
    CHECK(in.lines == 8);
    CHECK(in.diagnostics.empty());
}

TEST_CASE("segment::looks_like_prose") {
    // acceptance seed002-session.log:49
    CHECK(dbgsift::segment::looks_like_prose(
        "Paged and non-paged pool usage is far from maximum therefore we check session pool:"));
    // a !poolused row with a description is debugger output
    // acceptance seed004-stackdb.log:13
    CHECK(dbgsift::segment::looks_like_prose("Heap stays the same:"));
    CHECK_FALSE(dbgsift::segment::looks_like_prose("Unloaded modules:"));
    CHECK_FALSE(dbgsift::segment::looks_like_prose(
        " MmSt        0        0     85622 140642616     Mm section object prototype ptes , Binary: nt!mm"));
    CHECK_FALSE(dbgsift::segment::looks_like_prose("       PagedPool Usage:      120710 (    482840 Kb)"));
}

TEST_CASE("segment: a PoolMon screen pasted below another is the next snapshot") {
    // corpus/series/poolmon-001-io-x316.log: poolmon/001.txt twice, the second with Io grown
    auto const c = dbgsift::read_buffer(dbgsift::test::slurp(std::string(CORPUS_DIR) + "/series/poolmon-001-io-x316.log"),
                                        "poolmon-001-io-x316.log");
    REQUIRE(c.snapshots.size() == 2);
    REQUIRE(c.inputs.front().blocks.size() == 2);
    CHECK(c.inputs.front().blocks[1].kind == "poolmon");
    CHECK(c.inputs.front().blocks[1].line == 15);  // the second screen's Memory: line
    REQUIRE(c.snapshots[1].pool.size() == 1);
    auto const& rows = c.snapshots[1].pool[0].tags;
    auto const io = std::find_if(rows.begin(), rows.end(), [](auto const& t) { return t.tag == "Io"; });
    REQUIRE(io != rows.end());
    CHECK(io->nonpaged.used == 29041912u);
    CHECK(c.snapshots[0].pool[0].tags.size() == rows.size());
}

TEST_SUITE_END();

TEST_CASE("segment::read_input keeps memory bounded on endlessly repeated commands") {
    std::string log;
    for (int i = 0; i < 1500; ++i) {
        log += "0: kd> !vm\n NonPagedPool Usage: 10042   (   40168 Kb)\n";
    }
    auto const c = dbgsift::read_buffer(log);
    SUBCASE("at most 1000 snapshots are kept, and the input says so") {
        CHECK(c.snapshots.size() == 1000);
        REQUIRE_FALSE(c.inputs[0].diagnostics.empty());
        CHECK(c.inputs[0].diagnostics.back().message.find("more than 1000 snapshots") !=
              std::string::npos);
    }
    SUBCASE("every block is still read") {
        CHECK(c.inputs[0].lines_understood == 1500);
    }
}

TEST_CASE("segment::read_input: an overflowing number is a diagnostic in words, never a wrapped value") {
    // hostile-input suite: a Kb count past 2^64
    auto const c = dbgsift::read_buffer("0: kd> !vm\n NonPagedPool Usage: 4295955 ( 18446744073832008405 Kb)\n");
    REQUIRE(c.inputs[0].diagnostics.size() == 1);
    CHECK(c.inputs[0].diagnostics[0].line == 2);
    CHECK(c.inputs[0].diagnostics[0].message == "expected number");
    bool kept = false;
    for (auto const& s : c.snapshots) {
        kept = kept || (s.vm && s.vm->find(dbgsift::model::VmCounterId::nonpaged_pool_usage) != nullptr);
    }
    CHECK_FALSE(kept);
}

TEST_CASE("segment::read_input keeps the first diagnostics of an input and counts the rest") {
    // A !vm block of 25,000 lines no !vm grammar reads ("%%% 7" is no row, no prose): each is
    // a diagnostic. Past k_max_kept_diagnostics only the count grows, so memory stays bounded
    // on a gigabyte of them; the kept ones are the first by line, as when nothing is dropped.
    constexpr std::size_t k_bad = 25000;
    std::string log = "0: kd> !vm\n";
    for (std::size_t i = 0; i < k_bad; ++i) {
        log += "%%% 7\n";
    }
    auto const c = dbgsift::read_buffer(log);
    auto const& in = c.inputs[0];
    auto const kept = dbgsift::segment::k_max_kept_diagnostics;
    REQUIRE(in.diagnostics.size() == kept);
    CHECK(in.diagnostics_omitted == k_bad - kept);
    CHECK(in.diagnostics.front().line == 2);
    CHECK(in.diagnostics.back().line == kept + 1);
    CHECK(in.lines == k_bad + 1);
    CHECK(in.lines_in_known_blocks == k_bad);

    SUBCASE("an input under the cap keeps them all and omits none") {
        auto const small = dbgsift::read_buffer("0: kd> !vm\n%%% 7\n%%% 7\n");
        CHECK(small.inputs[0].diagnostics.size() == 2);
        CHECK(small.inputs[0].diagnostics_omitted == 0);
    }
}

TEST_CASE("segment::read_input opens a prompt-less paste at its header (past the literal prefilters)") {
    struct Paste {
        char const* header;  // the first line of a real paste
        char const* kind;
    };
    // corpus/poolmon/001.txt:1 and :4, corpus/umdh/001.txt:1, corpus/htrace/002.txt:3,
    // corpus/heap/018.txt:6, corpus/heap/019.txt:7: each a header line dbgsift must know
    // without a prompt before it.
    Paste const pastes[] = {
        {" Memory:  260620K Avail:   96364K  PageFlts:     0   InRam Krnl: 1916K P:17856K", "poolmon"},
        {" Tag  Type     Allocs            Frees            Diff   Bytes       Per Alloc", "poolmon"},
        {"+ 5320 (f110 - 9df0) 3a allocs BackTrace00053 ", "umdh"},
        {"0xd9 new stack traces since the previous snapshot.", "htrace"},
        {"    group-by: TOTSIZE max-display: 20", "heap"},
        {"        HEAP_ENTRY Size Prev Flags    UserPtr UserSize - state", "heap"},
    };
    for (auto const& p : pastes) {
        CAPTURE(p.header);
        auto const c = dbgsift::read_buffer(std::string("some prose first\n") + p.header + "\n");
        REQUIRE(c.inputs[0].blocks.size() == 1);
        CHECK(c.inputs[0].blocks[0].kind == p.kind);
        CHECK(c.inputs[0].blocks[0].line == 2);
    }
    // Near misses the prefilters turn away before any grammar runs.
    for (char const* line : {"5320 (f110 - 9df0) 3a allocs BackTrace00053", "new stack frames",
                             "the address is wrong", "Tags are here"}) {
        CAPTURE(line);
        CHECK(dbgsift::read_buffer(std::string(line) + "\n").inputs[0].blocks.empty());
    }
}

TEST_CASE("every header test's words are a necessary condition of it, on every corpus line") {
    // The reader skips is_header on a line that lacks a byte of each of a spec's header_words:
    // that must never skip a header. Checked on every line of every transcript in corpus/.
    std::size_t headers = 0;
    for (auto const& entry : std::filesystem::recursive_directory_iterator(CORPUS_DIR)) {
        auto const ext = entry.path().extension();
        if (!entry.is_regular_file() || (ext != ".txt" && ext != ".log")) {
            continue;
        }
        std::ifstream in(entry.path(), std::ios::binary);
        dbgsift::text::Decoder decoder(in);
        dbgsift::text::Undresser undresser(decoder);
        dbgsift::text::Line line;
        while (undresser.next(line)) {
            dbgsift::text::ByteMask const bytes(line.text);
            for (auto const& spec : dbgsift::parse::command_specs()) {
                if (spec.is_header == nullptr || spec.header_words.empty() || !spec.is_header(line.text)) {
                    continue;
                }
                ++headers;
                CAPTURE(entry.path().string());
                CAPTURE(line.number);
                bool const any = std::any_of(spec.header_words.begin(), spec.header_words.end(),
                                             [&](std::string_view w) { return bytes.may_contain(w); });
                CHECK(any);
            }
        }
    }
    CHECK(headers > 100);
}

TEST_CASE("text::ByteMask: a word with a byte the line lacks cannot be in it") {
    dbgsift::text::ByteMask const bytes("  Tag  Type     Allocs");  // corpus/poolmon/001.txt:4
    CHECK(bytes.may_contain("Type"));
    CHECK(bytes.may_contain("gaT"));  // all its bytes occur: only a maybe
    CHECK_FALSE(bytes.may_contain("PROCESS"));
    CHECK_FALSE(bytes.may_contain("\xe2\x80"));
    CHECK(dbgsift::text::ByteMask("").may_contain(""));
}

TEST_CASE("text::ByteMask: every byte counts, whatever is left after the sixteen-byte steps") {
    // corpus/process/002.txt:2, cut after the first 'n' (47 bytes), and every prefix of it: the
    // lengths below eight, read byte by byte, and those about the steps and the last eight
    std::string_view const line = "PROCESS fb667a00 Cid: 0002  Peb: 00000000 Paren";
    for (std::size_t n = 0; n <= line.size(); ++n) {
        std::uint64_t expected = 0;
        for (char const c : line.substr(0, n)) {
            expected |= dbgsift::text::ByteMask(std::string_view(&c, 1)).bits();
        }
        CHECK(dbgsift::text::ByteMask(line.substr(0, n)).bits() == expected);
    }
    CHECK_FALSE(dbgsift::text::ByteMask(line.substr(0, line.size() - 1)).may_contain("n"));
    CHECK(dbgsift::text::ByteMask(line).may_contain("n"));  // only its last byte, in the last eight
}

TEST_CASE("text::ByteMask: a line's leading blanks give one bit, which the last of them gives") {
    // The reader builds a line's mask from its last leading blank on
    // (segment/header_probes.cpp, spec_for_header): a space and a tab share a bit, so the
    // blanks before add nothing. corpus/heap/006.txt:11, and lines 15 and 7 of it given a tab
    // and blanks in front.
    for (std::string_view const line :
         {"          Heap     Flags   Reserv  Commit  Virt   Free  List   UCR  Virt  Lock  Fast ",
          "\t 000001976aa70000 08000002   16564   9492  16364   3684   224     5    0      6   LFH",
          " \t NtGlobalFlag enables following debugging aids for new heaps:"}) {
        auto const indent = dbgsift::text::first_non_blank(line);
        REQUIRE(indent > 0);
        CHECK(dbgsift::text::ByteMask(line.substr(indent - 1)).bits() == dbgsift::text::ByteMask(line).bits());
    }
}

TEST_CASE("text::ByteMask: letters and the marks of header words have bits of their own") {
    // corpus/vm/001.txt:25: its 'm' is no '-' (they shared a bit when bytes folded by b % 64,
    // so !address's header test ran on every line with an 'm').
    dbgsift::text::ByteMask const bytes("Shared Commit:               9231 (      36924 Kb)");
    CHECK_FALSE(bytes.may_contain("-"));
    CHECK_FALSE(bytes.may_contain("*"));
    CHECK_FALSE(bytes.may_contain("c"));  // case apart: only 'C' is there
    CHECK(bytes.may_contain("Commit:"));
    CHECK(dbgsift::text::ByteMask("0123").may_contain("9"));  // digits share a bit: a maybe
}

TEST_CASE("segment::read_input opens a block at a command quoted with no prompt") {
    SUBCASE("the command is kept, and the output under it is read as its output") {
        // corpus heap/026: !heap -stat -h then !heap -flt s, no prompts, as a blog quotes them
        auto const c = dbgsift::read_buffer("!heap -stat -h 00360000\n"
                                            " heap @ 00360000\n"
                                            "group-by: TOTSIZE max-display: 20\n"
                                            "    size     #blocks     total     ( %) (percent of total busy bytes)\n"
                                            "    fffe0 65 - 64ff360  (99.12)\n"
                                            "Our allocations stand out here.\n"
                                            "!heap -flt s fffe0\n"
                                            "    _HEAP @ 360000\n"
                                            "        037f0018 1fffc fffc  [00]   037f0020    fffe0 - (busy VirtualAlloc)\n"
                                            "        ...\n"
                                            "        0b380018 1fffc fffc  [00]   0b380020    fffe0 - (busy VirtualAlloc)\n");
        auto const& blocks = c.inputs[0].blocks;
        REQUIRE(blocks.size() == 2);
        CHECK(blocks[0].command == "!heap -stat -h 00360000");
        CHECK(blocks[0].line == 1);
        CHECK(blocks[1].command == "!heap -flt s fffe0");
        CHECK(blocks[1].line == 7);
        CHECK(c.inputs[0].diagnostics.empty());
        REQUIRE(c.snapshots.size() == 1);
        REQUIRE(c.snapshots[0].heap_stats.size() == 1);
        CHECK(c.snapshots[0].heap_stats[0].heap == "00360000");  // " heap @" is inside the block now
        REQUIRE(c.snapshots[0].heap_filters.size() == 1);
        auto const& filter = c.snapshots[0].heap_filters[0];
        CHECK(filter.size == 0xfffe0);
        CHECK(filter.elided);  // the "..." row: the listing is partial
        REQUIRE(filter.entries.size() == 2);
        CHECK(filter.entries[0].virtual_alloc);
    }
    SUBCASE("with no prompt seen, the command or the header under it tells the target") {
        // corpus locks/007:2-3 and locks/013:2 without their prompts
        auto const cs = dbgsift::read_buffer("!cs -l\n"
                                             "\tDebugInfo          = 0x00007ff9d241f978\n"
                                             "    Critical section   = 0x00007ff9d241f4f8 (ntdll!LdrpLoaderLock+0x0)\n");
        REQUIRE_FALSE(cs.inputs[0].blocks.empty());
        CHECK(cs.inputs[0].blocks[0].command == "!cs -l");
        REQUIRE_FALSE(cs.snapshots.empty());
        CHECK(cs.snapshots[0].target == dbgsift::model::Target::user);
        auto const locks = dbgsift::read_buffer("!locks\n"
                                                "\n"
                                                "CritSec ftpsvc2!g_csServiceEntryLock+0 at 6833dd68\n"
                                                "LockCount          0\n"
                                                "RecursionCount     1\n"
                                                "OwningThread       a7\n");
        REQUIRE(locks.inputs[0].blocks.size() == 1);
        CHECK(locks.inputs[0].blocks[0].command == "!locks");
        CHECK(locks.inputs[0].blocks[0].line == 1);
        REQUIRE_FALSE(locks.snapshots.empty());
        CHECK(locks.snapshots[0].target == dbgsift::model::Target::user);
    }
    SUBCASE("a command dbgsift does not read ends the block above it") {
        // corpus locks/014:19-25 without prompts
        auto const c = dbgsift::read_buffer("!locks fc664ee0\n"
                                            "Resource @ nwrdr!_NwScavengerSpinLock (0xfc664ee0)    Exclusively owned\n"
                                            "    Contention Count = 45\n"
                                            "1 total locks, 1 locks currently held\n"
                                            "!thread ffaf5410\n"
                                            "THREAD ffaf5410  Cid 8.3c  Teb: 00000000  Win32Thread: 00000000 WAIT\n");
        auto const& blocks = c.inputs[0].blocks;
        REQUIRE(blocks.size() == 2);
        CHECK(blocks[1].command == "!thread ffaf5410");
        CHECK(blocks[1].kind == "unknown");
        CHECK(c.inputs[0].diagnostics.empty());
    }
    SUBCASE("a sentence that starts with a command opens nothing") {
        auto const c = dbgsift::read_buffer("!heap -s shows the busy heaps of the process\n");
        CHECK(c.inputs[0].blocks.empty());
    }
}

TEST_CASE("segment::read_input: a line the open parser reads is its own, unless its command quotes other headers") {
    SUBCASE("a !heap block reads a heap failure report, which still opens its own block") {
        // corpus/heap/028.txt:81-82, then corpus/heap_failure/001.txt:15 pasted under it.
        auto const c = dbgsift::read_buffer(
            "0:000> !heap -flt s 10000\n"
            "    _HEAP @ 4b0000\n"
            "HEAP[demo.exe]: Heap block at 015C3DC0 modified at 015C3DD4 past requested size of c\n");
        auto const& blocks = c.inputs[0].blocks;
        REQUIRE(blocks.size() == 2);
        CHECK(blocks[0].kind == "heap");
        CHECK(blocks[0].end_line == 2);
        CHECK(blocks[1].kind == "heap-failure");
        CHECK(blocks[1].line == 3);
        std::size_t failures = 0;
        for (auto const& s : c.snapshots) {
            failures += s.heap_failures.size();
        }
        CHECK(failures == 1);  // read once, by its own block, not also by the !heap parser
    }
    SUBCASE("a kernel !handle table's PROCESS line is the !process record it always was") {
        // corpus/handle/005.txt:1-6.
        auto const c = dbgsift::read_buffer("!handle 0 3 0 Section\n"
                                            "...\n"
                                            "PROCESS fffffa8004f48940\n"
                                            "    SessionId: none  Cid: 0138    Peb: 7f6639bf000  ParentCid: 0004\n"
                                            "    DirBase: 10cb74000  ObjectTable: fffff8a00066f700  HandleCount:  39.\n"
                                            "    Image: smss.exe\n");
        auto const& blocks = c.inputs[0].blocks;
        REQUIRE(blocks.size() == 2);
        CHECK(blocks[1].kind == "process");
        CHECK(blocks[1].line == 3);
        REQUIRE(c.snapshots.size() == 1);
        REQUIRE(c.snapshots[0].processes.size() == 1);
        CHECK(c.snapshots[0].processes[0].image == "smss.exe");
    }
}

TEST_CASE("segment::read_input bounds the spare room its kept snapshots hold") {
    // A !process list reserves room for 256 processes (parse/process.cpp); 400 lists of one
    // each (corpus/handle/005.txt:3-6) are 400 snapshots. The first keep that room, as
    // shrinking them costs more than it gives an input of few snapshots; once 8 MiB of it is
    // held, each closed block gives its back.
    std::string transcript;
    for (int i = 0; i < 400; ++i) {
        transcript += "0: kd> !process 0 0\n"
                      "PROCESS fffffa8004f48940\n"
                      "    SessionId: none  Cid: 0138    Peb: 7f6639bf000  ParentCid: 0004\n"
                      "    DirBase: 10cb74000  ObjectTable: fffff8a00066f700  HandleCount:  39.\n"
                      "    Image: smss.exe\n";
    }
    auto const c = dbgsift::read_buffer(transcript);
    REQUIRE(c.snapshots.size() == 400);
    std::size_t spare = 0;
    for (auto const& s : c.snapshots) {
        REQUIRE(s.processes.size() == 1);
        spare += (s.processes.capacity() - s.processes.size()) * sizeof(s.processes[0]);
    }
    CHECK(c.snapshots.front().processes.capacity() > 1);  // kept
    CHECK(c.snapshots.back().processes.capacity() == 1);  // given back
    CHECK(spare <= std::size_t{8} << 20);
    CHECK(spare > std::size_t{7} << 20);
}

TEST_CASE("segment::read_input fits the parsers' own lists of an input past the snapshot cap") {
    // A !poolused table makes room for 32 rows at its first (parse/poolused.cpp); these have
    // three (corpus/acceptance/seed002-nonpaged-ddk.log:43-54). 1,200 tables are 1,200
    // snapshots: past the cap of 1,000, every kept table gives back the room it did not fill.
    std::string const table = "0: kd> !poolused 3\n"
                              "    Sorting by  NonPaged Pool Consumed\n"
                              "\n"
                              "  Pool Used:\n"
                              "            NonPaged\n"
                              " Tag    Allocs    Frees     Diff\n"
                              " Ddk   9074558  3859522  5215036  Default for driver allocated memory (user's of ntddk.h)\n"
                              " MmCm    43787    42677     1110  Calls made to MmAllocateContiguousMemory , Binary: nt!mm\n"
                              " TCPt  3281838  3281808       30  TCP/IP network protocol , Binary: TCP\n";
    SUBCASE("one table keeps its room: a case log of few blocks moves no list again") {
        auto const c = dbgsift::read_buffer(table);
        REQUIRE(c.snapshots.size() == 1);
        REQUIRE(c.snapshots[0].pool.size() == 1);
        CHECK(c.snapshots[0].pool[0].tags.size() == 3);
        CHECK(c.snapshots[0].pool[0].tags.capacity() == 32);
    }
    SUBCASE("past the cap, every kept table holds its rows and no more") {
        std::string transcript;
        for (int i = 0; i < 1200; ++i) {
            transcript += table;
        }
        auto const c = dbgsift::read_buffer(transcript);
        REQUIRE(c.snapshots.size() == 1000);
        std::size_t roomy = 0;
        for (auto const& s : c.snapshots) {
            REQUIRE(s.pool.size() == 1);
            REQUIRE(s.pool[0].tags.size() == 3);
            CHECK(s.pool[0].tags[2].tag == "TCPt");
            roomy += s.pool[0].tags.capacity() > 3 ? 1 : 0;
        }
        CHECK(roomy == 0);
    }
}

TEST_CASE("segment::read_input gives back the block list's room once it reaches its cap") {
    // 20,000 blocks are listed (reader.cpp k_max_listed_blocks); the list grew by doubling to
    // room for 32,768.
    std::string transcript;
    for (int i = 0; i < 20005; ++i) {
        transcript += "0: kd> .reload\n";
    }
    auto const c = dbgsift::read_buffer(transcript);
    REQUIRE(c.inputs.size() == 1);
    CHECK(c.inputs[0].blocks.size() == 20000);
    CHECK(c.inputs[0].blocks.capacity() == 20000);
}
