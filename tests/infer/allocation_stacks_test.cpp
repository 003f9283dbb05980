// SPDX-License-Identifier: MIT
// Attribution past the allocator, and heap-leak named by function, on real transcripts.
#include "dbgsift/infer/attribution.hpp"
#include "dbgsift/infer/rules.hpp"
#include "dbgsift/infer/rules/rules_list.hpp"
#include "dbgsift/infer/rules/breakpoint_caller.hpp"
#include "dbgsift/pipeline.hpp"

#include <doctest/doctest.h>
#include "support/files.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

namespace {

dbgsift::model::Case corpus_case(std::string const& rel) {
    return dbgsift::read_buffer(dbgsift::test::slurp(std::string(CORPUS_DIR) + "/" + rel), rel);
}

dbgsift::infer::Finding const* find(dbgsift::infer::Report const& r, std::string_view pattern) {
    for (auto const& f : r.findings) {
        if (dbgsift::infer::to_string(f.pattern) == pattern) {
            return &f;
        }
    }
    return nullptr;
}

} // namespace

TEST_SUITE_BEGIN("infer/allocation_stacks");

TEST_CASE("the skip list passes the allocator, the CRT and the heap hooks") {
    using dbgsift::infer::StackPurpose;
    dbgsift::model::Frame f;
    f.module = "ntdll";
    f.function = "RtlpAllocateHeapInternal";
    CHECK(dbgsift::infer::is_skipped_frame(f, StackPurpose::heap_allocation));
    f.function = "RtlUserThreadStart";
    CHECK_FALSE(dbgsift::infer::is_skipped_frame(f, StackPurpose::heap_allocation));
    f.module = "MyApp";
    f.function = "operator new";  // statically linked CRT, MS docs UMDH example
    CHECK(dbgsift::infer::is_skipped_frame(f, StackPurpose::heap_allocation));
    f.module = "KERNEL32";
    f.function = "CreateFileW";
    CHECK(dbgsift::infer::is_skipped_frame(f, StackPurpose::handle_creation));
    CHECK_FALSE(dbgsift::infer::is_skipped_frame(f, StackPurpose::heap_allocation));
}

TEST_CASE("skip list: the first-byte index answers what testing every pattern answers, for every corpus frame") {
    using dbgsift::infer::StackPurpose;
    std::vector<dbgsift::model::Frame> frames;
    for (auto const& path : dbgsift::test::paths_under(CORPUS_DIR)) {
        if (path.extension() != ".txt" && path.extension() != ".log") {
            continue;
        }
        auto const c = dbgsift::read_buffer(dbgsift::test::slurp(path), path.filename().string());
        auto const take = [&frames](dbgsift::model::Stack const& stack) {
            frames.insert(frames.end(), stack.frames.begin(), stack.frames.end());
        };
        for (auto const& s : c.snapshots) {
            for (auto const& t : s.thread_stacks) {
                take(t.stack);
            }
            for (auto const& u : s.umdh) {
                for (auto const& t : u.traces) {
                    take(t.stack);
                }
            }
            for (auto const& h : s.handle_traces) {
                for (auto const& e : h.entries) {
                    take(e.stack);
                }
            }
        }
    }
    REQUIRE(frames.size() > 100);
    // Each frame again in upper case and without its function; then names at the edges: empty,
    // one byte, a pattern's head alone or cut short, bytes past ASCII, the kernel's file names.
    auto const read = frames.size();
    for (std::size_t i = 0; i < read; ++i) {
        auto upper = frames[i];
        for (auto* text : {&upper.module, &upper.function}) {
            std::transform(text->begin(), text->end(), text->begin(),
                           [](char ch) { return static_cast<char>(std::toupper(static_cast<unsigned char>(ch))); });
        }
        frames.push_back(upper);
        frames.push_back(frames[i]);
        frames.back().function.clear();
    }
    for (std::string const module : {"", "n", "N", "nt", "NTOSKRNL", "ntkrpamp", "ntdll", "ntdl", "msvcr", "MSVCR120",
                                     "msvcp", "vcruntime140", "wow64", "Wow64cpu", "*", "\xe9ntdll", "kernelbase",
                                     "app"}) {
        for (std::string const function : {"", "*", "r", "Rtl", "RtlHeap", "rtlallocateheap", "RTLXHEAPY", "Nt",
                                           "NtCreateFile", "_malloc_", "_MALLOC_DBG", "operator new", "operator",
                                           "Ex", "ExHandle", "ExCreateHandle", "\xe9malloc", "malloc", "Create"}) {
            dbgsift::model::Frame f;
            f.module = module;
            f.function = function;
            frames.push_back(f);
        }
    }
    std::size_t skipped = 0;
    for (auto const purpose : {StackPurpose::heap_allocation, StackPurpose::handle_creation}) {
        for (auto const& f : frames) {
            bool const indexed = dbgsift::infer::is_skipped_frame(f, purpose);
            CHECK_MESSAGE(indexed == dbgsift::infer::is_skipped_frame_testing_every_pattern(f, purpose),
                          (f.module + "!" + f.function));
            skipped += indexed;
        }
    }
    MESSAGE(frames.size() << " frames, " << skipped << " answers 'skipped'");
    CHECK(skipped > 0);
}

TEST_CASE("breakpoint caller: the shared frame looked for first answers what asking every caller answers") {
    using dbgsift::infer::rules::breakpoint_caller;
    using dbgsift::infer::rules::breakpoint_caller_asking_every_caller;
    auto const same = [](dbgsift::infer::rules::BreakpointCaller const& a,
                         dbgsift::infer::rules::BreakpointCaller const& b) {
        return a.caller == b.caller && a.api == b.api && a.stack_loc == b.stack_loc;
    };
    std::size_t asked = 0, answered = 0;
    for (auto const& path : dbgsift::test::paths_under(CORPUS_DIR)) {
        if (path.extension() != ".txt" && path.extension() != ".log") {
            continue;
        }
        auto const c = dbgsift::read_buffer(dbgsift::test::slurp(path), path.filename().string());
        std::vector<dbgsift::model::Stack const*> recorded;
        for (auto const& s : c.snapshots) {
            for (auto const& h : s.handle_traces) {
                for (auto const& e : h.entries) {
                    recorded.push_back(&e.stack);
                }
            }
            for (auto const& t : s.thread_stacks) {
                recorded.push_back(&t.stack);
            }
        }
        for (auto const* stack : recorded) {
            auto const fast = breakpoint_caller(c, *stack);
            CHECK_MESSAGE(same(fast, breakpoint_caller_asking_every_caller(c, *stack)), path.string());
            ++asked;
            answered += fast.caller != nullptr;
        }
    }
    // By hand: the only shared frame is the caller itself, then past it, then inner to it.
    dbgsift::model::Case c;
    auto& k = c.snapshots.emplace_back().thread_stacks.emplace_back().stack;
    for (auto const* name : {"ntdll!NtCreateFile", "KERNELBASE!CreateFileW", "app!OpenLog", "app!main"}) {
        std::string_view const text(name);
        auto const bang = text.find('!');
        auto& f = k.frames.emplace_back();
        f.module = std::string(text.substr(0, bang));
        f.function = std::string(text.substr(bang + 1));
    }
    for (std::size_t shared : {std::size_t{2}, std::size_t{3}, std::size_t{1}}) {
        dbgsift::model::Stack mine;
        mine.frames.push_back(k.frames[shared]);
        auto const fast = breakpoint_caller(c, mine);
        CHECK(same(fast, breakpoint_caller_asking_every_caller(c, mine)));
        CHECK((fast.caller != nullptr) == (shared == 1));
    }
    MESSAGE(asked << " recorded stacks asked, " << answered << " answered");
    CHECK(answered > 0);
}

TEST_CASE("skip list: each pattern form, any case, the kernel under its file names") {
    using dbgsift::infer::StackPurpose;
    auto skipped = [](std::string module, std::string function, StackPurpose purpose) {
        dbgsift::model::Frame f;
        f.module = std::move(module);
        f.function = std::move(function);
        return dbgsift::infer::is_skipped_frame(f, purpose);
    };
    auto const heap = StackPurpose::heap_allocation;
    auto const handle = StackPurpose::handle_creation;
    CHECK(skipped("NTDLL", "RTLALLOCATEHEAP", heap));           // head*middle*, upper case
    CHECK(skipped("ntdll", "RtlAllocateHeap", heap));
    CHECK_FALSE(skipped("ntdll", "RtlAllocate", heap));         // the middle must follow the head
    CHECK_FALSE(skipped("ntdll", "HeapRtl", heap));             // ...and the head come first
    CHECK(skipped("ntoskrnl", "ExCreateHandle", handle));       // nt alias, "Ex*Handle*"
    CHECK(skipped("NtKrnlMp", "ObpCreateHandle", handle));
    CHECK_FALSE(skipped("ntoskrnlx", "ObpCreateHandle", handle));
    CHECK(skipped("msvcr120", "", handle));                     // "msvcr*" / "*": no symbol needed
    // Each purpose asks only its own entries: the allocator names are not handle mechanism,
    // "msvcp*" is skipped for heap stacks only, "msvcr*" and "Rtl*StackTrace*" for both.
    CHECK(skipped("MyApp", "malloc", heap));
    CHECK_FALSE(skipped("MyApp", "malloc", handle));
    CHECK(skipped("msvcp140", "", heap));
    CHECK_FALSE(skipped("msvcp140", "", handle));
    CHECK(skipped("msvcr120", "", heap));
    CHECK(skipped("ntdll", "RtlLogStackBackTraceEx", handle));
    CHECK_FALSE(skipped("ntoskrnl", "ObpCreateHandle", heap));
    CHECK_FALSE(skipped("myapp", "", heap));                    // "*" / "malloc": a symbol is
    CHECK(skipped("MyApp", "MALLOC", heap));                    // whole name, any case
    CHECK_FALSE(skipped("MyApp", "mallocx", heap));
    CHECK(dbgsift::infer::is_system_module("KernelBase"));
    CHECK_FALSE(dbgsift::infer::is_system_module("kernelbasex"));
}

TEST_CASE("UMDH (MS docs): LeakyFunc is named, past operator new and the debug CRT") {
    auto const c = corpus_case("umdh/001.txt");
    auto const r = dbgsift::infer::analyze(c, {});
    auto const* f = find(r, "heap-leak");
    REQUIRE(f != nullptr);
    REQUIRE_FALSE(r.rankings.functions.empty());
    CHECK(r.rankings.functions.front().name == "MyApp!LeakyFunc");
    CHECK(r.rankings.modules.front().name == "MyApp");
    CHECK(f->summary.find("candidate") != std::string::npos);  // growth between two logs only
}

TEST_CASE("UMDH -d: the first frame past kernel32 and the CRT DLL") {
    auto const c = corpus_case("umdh/002.txt");
    auto const r = dbgsift::infer::analyze(c, {});
    REQUIRE_FALSE(r.rankings.functions.empty());
    // kernel32!FindNextFileW allocates on behalf of its caller and MSVCR80D is the CRT:
    // the slides' author blames Test!readdir (it never calls FindClose).
    CHECK(r.rankings.functions.front().name == "Test!readdir");
}

TEST_CASE("-stat, -flt s and -p -a of one post (corpus/heap/021.txt)") {
    auto const c = corpus_case("heap/021.txt");
    auto const r = dbgsift::infer::analyze(c, {});
    auto const* f = find(r, "heap-leak");
    REQUIRE(f != nullptr);
    // 94.45% of busy bytes in 0x156600-byte blocks (corpus/heap/018.txt:8, "156600 21e - 2d4df400  (94.45)"),
    // read as the report reads every size and share; the allocating module has only exports
    CHECK(f->summary.find("blocks of 0x156600 bytes (1.34 MB) hold 94.5% of the busy bytes") != std::string::npos);
    CHECK(f->summary.find("(542 blocks, 725 MB in all)") != std::string::npos);
    CHECK(f->summary.find("13 busy blocks") != std::string::npos);
    REQUIRE_FALSE(r.rankings.modules.empty());
    CHECK(r.rankings.modules.front().name == "TestLeakLib");
    REQUIRE_FALSE(r.rankings.heaps.empty());
    CHECK(r.rankings.heaps.front().name == "00510000");
    for (auto const& step : f->next_steps) {
        CHECK(step.find("-stat -h") == std::string::npos);  // the log ran it
    }
}

TEST_CASE("full page heap -p -a (corpus/heap/022.txt): past verifier, ntdll and MSVCR100's new") {
    auto const r = dbgsift::infer::analyze(corpus_case("heap/022.txt"), {});
    REQUIRE_FALSE(r.rankings.functions.empty());
    // lines 6-12 are verifier!AVrfDebugPageHeapAllocate, ntdll!Rtl*Heap*, MSVCR100!malloc and
    // MSVCR100!operator new; line 13 is the caller
    CHECK(r.rankings.functions.front().name == "QtCore4!QImageData::create");
    CHECK(r.rankings.functions.front().reasons.front().find("0x58 bytes (88 bytes) in full page heap 6731000") !=
          std::string::npos);
}

TEST_CASE("full page heap -p -a of a freed block (corpus/heap/024.txt): the freeing stack blames nobody") {
    auto const r = dbgsift::infer::analyze(corpus_case("heap/024.txt"), {});
    CHECK(r.rankings.functions.empty());
    CHECK(find(r, "heap-leak") == nullptr);
}

TEST_CASE("UMDH with a shrinking stack (corpus/umdh/003.txt): the grown one is named") {
    auto const c = corpus_case("umdh/003.txt");
    auto const r = dbgsift::infer::analyze(c, {});
    REQUIRE_FALSE(r.rankings.functions.empty());
    CHECK(r.rankings.functions.front().name == "CppResourceLeaks!LeakHeapMemory");
    REQUIRE(r.rankings.functions.size() == 1);  // BackTrace73F28 shrank: not a suspect
}

TEST_CASE("!htrace -diff (corpus/htrace/002.txt): LeakFileHandle opened the outstanding handles") {
    auto const c = corpus_case("htrace/002.txt");
    auto const r = dbgsift::infer::analyze(c, {});
    auto const* f = find(r, "handle-leak");
    REQUIRE(f != nullptr);
    REQUIRE_FALSE(r.rankings.functions.empty());
    CHECK(r.rankings.functions.front().name == "CppResourceLeaks!LeakFileHandle");
    CHECK(f->summary.find("4 handles") != std::string::npos);
    CHECK(f->summary.find("Not every handle") != std::string::npos);
}

TEST_CASE("WOW64 !htrace -diff cut at OpenThread, then bp + k (corpus/htrace/003.txt): OpenThreadFun") {
    // The author's conclusion: handle_leak!OpenThreadFun opens thread handles and never closes
    // them. The diff's stack ends at KERNELBASE!OpenThread (14 unsymbolised kernel frames
    // first); the author's `k` at the breakpoint on ntdll!NtOpenThread shows the caller.
    auto const c = corpus_case("htrace/003.txt");
    auto const r = dbgsift::infer::analyze(c, {});
    auto const* f = find(r, "handle-leak");
    REQUIRE(f != nullptr);
    REQUIRE_FALSE(r.rankings.functions.empty());
    CHECK(r.rankings.functions.front().name == "handle_leak!OpenThreadFun");
    auto const& why = r.rankings.functions.front().reasons.front();
    CHECK(why.find("end at KERNELBASE!OpenThread") != std::string::npos);
    CHECK(why.find("one call of the API") != std::string::npos);
}

TEST_CASE("a stack that ends at the API names nobody, and asks for the breakpoint") {
    using dbgsift::infer::StackPurpose;
    dbgsift::model::Stack s;  // corpus/htrace/003.txt:18-33, kernel side unsymbolised
    for (int i = 0; i < 3; ++i) {
        s.frames.push_back({});
    }
    dbgsift::model::Frame nt;
    nt.module = "ntdll";
    nt.function = "NtOpenThread";
    dbgsift::model::Frame api;
    api.module = "KERNELBASE";
    api.function = "OpenThread";
    s.frames.push_back(nt);
    s.frames.push_back(api);
    CHECK(dbgsift::infer::attributed_frame(s, StackPurpose::handle_creation) == nullptr);
    auto const* end = dbgsift::infer::api_frame_at_end(s, StackPurpose::handle_creation);
    REQUIRE(end != nullptr);
    CHECK(end->name() == "KERNELBASE!OpenThread");
    // Each frame tested once: the same answers as asking the skip list frame by frame.
    dbgsift::infer::SkippedFrames const skipped(s, StackPurpose::handle_creation);
    for (std::size_t i = 0; i < s.frames.size(); ++i) {
        CHECK(skipped[i] == dbgsift::infer::is_skipped_frame(s.frames[i], StackPurpose::handle_creation));
    }
    CHECK(skipped.mechanism_end() == s.frames.size());
    CHECK(dbgsift::infer::api_frame_at_end(s, skipped) == end);
    SUBCASE("a caller past the API is named, the kernel frames before it skipped") {
        dbgsift::model::Frame app;
        app.module = "handle_leak";
        app.function = "OpenThreadFun";
        s.frames.push_back(app);
        auto const* named = dbgsift::infer::attributed_frame(s, StackPurpose::handle_creation);
        REQUIRE(named != nullptr);
        CHECK(named->name() == "handle_leak!OpenThreadFun");
        CHECK(dbgsift::infer::api_frame_at_end(s, StackPurpose::handle_creation) == nullptr);
    }
    SUBCASE("an unsymbolised frame past the API still names nobody") {
        s.frames.push_back({});
        CHECK(dbgsift::infer::attributed_frame(s, StackPurpose::handle_creation) == nullptr);
        CHECK(dbgsift::infer::api_frame_at_end(s, StackPurpose::handle_creation) == nullptr);
    }
}

TEST_CASE("runs of one stack ask the skip list once, with the answers of asking each (corpus/htrace/004.txt)") {
    using dbgsift::infer::StackPurpose;
    // Every recorded stack of the verifier !htrace, each then again right after itself, then
    // all again in reverse: runs, changes back and forth, stacks that share a beginning.
    auto const c = corpus_case("htrace/004.txt");
    std::vector<dbgsift::model::Stack const*> stacks;
    for (auto const& s : c.snapshots) {
        for (auto const& t : s.handle_traces) {
            for (auto const& e : t.entries) {
                stacks.push_back(&e.stack);
                stacks.push_back(&e.stack);
            }
        }
    }
    REQUIRE(stacks.size() >= 8);
    stacks.insert(stacks.end(), stacks.rbegin(), stacks.rend());
    // The same modules and functions as the first stack, one function changed: not the same run.
    dbgsift::model::Stack changed = *stacks.front();
    REQUIRE_FALSE(changed.frames.empty());
    changed.frames.front().function = "CreateFileW";
    dbgsift::model::Stack longer = *stacks.front();
    longer.frames.push_back({});
    auto const* first = stacks.front();
    stacks.insert(stacks.end(), {&changed, first, &longer, first});
    for (auto const purpose : {StackPurpose::handle_creation, StackPurpose::heap_allocation}) {
        dbgsift::infer::SkippedFramesOfRuns runs(purpose);
        for (auto const* stack : stacks) {
            auto const& reused = runs.of(*stack);
            dbgsift::infer::SkippedFrames const fresh(*stack, purpose);
            CHECK(reused.mechanism_end() == fresh.mechanism_end());
            for (std::size_t i = 0; i < stack->frames.size(); ++i) {
                CHECK(reused[i] == fresh[i]);
            }
            CHECK(dbgsift::infer::attributed_frame(*stack, reused) == dbgsift::infer::attributed_frame(*stack, fresh));
        }
    }
}

TEST_CASE("verifier !htrace -diff cut at NtCreateFile, then kb (corpus/htrace/004.txt): the lambda behind fopen") {
    // The author's conclusion: the lambda in HandleLeak.cpp line 15 opens files with fopen and
    // never closes them; the kb at the breakpoint passes through ucrtbase's fopen.
    auto const c = corpus_case("htrace/004.txt");
    auto const r = dbgsift::infer::analyze(c, {});
    auto const* f = find(r, "handle-leak");
    REQUIRE(f != nullptr);
    REQUIRE_FALSE(r.rankings.functions.empty());
    auto const& top = r.rankings.functions.front();
    CHECK(top.name == "WindowDemo!<lambda_8208e7bf323e025828ed4d6a2ef278df>::operator()");
    CHECK(top.reasons.front().find("20 of the 20 handles") != std::string::npos);
}

TEST_CASE("the same diff without the breakpoint that answers it: no function is blamed, bp is asked") {
    // corpus/htrace/004.txt up to the "Displayed 0xb2" line (431): the stacks end at
    // vfbasics!AVrfpNtCreateFile and nothing in the log goes past it.
    auto const whole = dbgsift::test::slurp(std::string(CORPUS_DIR) + "/htrace/004.txt");
    auto const cut = whole.substr(0, whole.find("0:007> x vfbasics"));
    REQUIRE(cut.size() < whole.size());
    auto const r = dbgsift::infer::analyze(dbgsift::read_buffer(cut, "htrace/004.txt"), {});
    auto const* f = find(r, "handle-leak");
    REQUIRE(f != nullptr);
    CHECK(f->culprits.empty());
    CHECK(r.rankings.functions.empty());
    CHECK(f->summary.find("20 handles (the debugger displayed 178") != std::string::npos);
    CHECK(f->summary.find("opened through vfbasics!AVrfpNtCreateFile") != std::string::npos);
    REQUIRE_FALSE(f->next_steps.empty());
    CHECK(f->next_steps.front().starts_with("bp vfbasics!AVrfpNtCreateFile"));
}

TEST_CASE("one dump, no +ust (corpus/heap/028.txt): heap 00310000 and its 0x10000-byte blocks, no allocator") {
    // The author's conclusion: heap 00310000 (1.6 GB committed) is the suspect, its 0x10000-byte
    // blocks (97.11% of busy bytes) the likely leak; -p -a shows no stack without +ust.
    auto const r = dbgsift::infer::analyze(corpus_case("heap/028.txt"), {});
    auto const* f = find(r, "heap-leak");
    REQUIRE(f != nullptr);
    REQUIRE_FALSE(f->culprits.empty());
    CHECK(f->culprits.front().name == "00310000");
    CHECK(f->summary.find("0x10000 bytes (64.0 KB) hold 97.1%") != std::string::npos);
    CHECK(f->summary.find("printed no allocation stack") != std::string::npos);
    CHECK(r.rankings.functions.empty());
    bool asks_for_ust = false;
    for (auto const& step : f->next_steps) {
        asks_for_ust = asks_for_ust || step.starts_with("gflags /i <image> +ust");
        CHECK_FALSE(step.starts_with("!heap -flt s 10000"));  // line 84 ran it
    }
    CHECK(asks_for_ust);
}

TEST_CASE("kernel !htrace of a bad-handle demo (corpus/htrace/001.txt): every OPEN was closed") {
    auto const c = corpus_case("htrace/001.txt");
    REQUIRE(c.snapshots.size() == 1);
    CHECK(c.snapshots.front().handle_traces.size() == 3);
    auto const r = dbgsift::infer::analyze(c, {});
    CHECK(find(r, "handle-leak") == nullptr);
}

TEST_CASE("pool_blocks: !poolfind counts the suspect tag's blocks (corpus/poolfind/001.txt)") {
    // The MS docs example is no leak, so the finding is given: the rule only adds to one.
    auto const c = corpus_case("poolfind/001.txt");
    dbgsift::infer::Report r;
    dbgsift::infer::Finding f;
    f.pattern = dbgsift::infer::Pattern::pool_tag_leak;
    f.culprits.push_back({dbgsift::infer::CulpritKind::pooltag, "SeSd", 0.5, {"given"}, {}});
    r.findings.push_back(f);
    dbgsift::infer::rules::pool_blocks(c, {}, r);
    auto const& reasons = r.findings.front().culprits.front().reasons;
    REQUIRE(reasons.size() == 2);
    // checked by hand: 17 + 4 allocated rows, 2 Free rows, 13 of the allocated ones are a0
    CHECK(reasons[1].find("21 allocated and 2 free blocks") != std::string::npos);
    CHECK(reasons[1].find("13 of the allocated ones of 0xa0 bytes") != std::string::npos);
    CHECK(reasons[1].find("interrupted") != std::string::npos);  // "...terminating", line 41
}

TEST_CASE("pool_blocks: !pool names the queried block (corpus/pool/001.txt)") {
    auto const c = corpus_case("pool/001.txt");
    dbgsift::infer::Report r;
    dbgsift::infer::Finding f;
    f.pattern = dbgsift::infer::Pattern::pool_tag_leak;
    f.culprits.push_back({dbgsift::infer::CulpritKind::pooltag, "ObDi", 0.5, {"given"}, {}});
    r.findings.push_back(f);
    dbgsift::infer::rules::pool_blocks(c, {}, r);
    auto const& reasons = r.findings.front().culprits.front().reasons;
    REQUIRE(reasons.size() == 2);
    CHECK(reasons[1] == "!pool: the queried address is in an allocated ObDi block of 0x10 bytes (16 bytes)");
}

TEST_CASE("answered_next_steps: a command the log ran is not suggested again") {
    // corpus/address/003.txt:1 runs "!address -summary"; user_memory would suggest it.
    auto const c = corpus_case("address/003.txt");
    auto const r = dbgsift::infer::analyze(c, {});
    REQUIRE_FALSE(r.findings.empty());
    for (auto const& f : r.findings) {
        for (auto const& step : f.next_steps) {
            CHECK(step != "!address -summary");
        }
    }
    // corpus/locks/011.txt:1 ran "!locks -v 0x89929320"
    auto const locks = dbgsift::infer::analyze(corpus_case("locks/011.txt"), {});
    for (auto const& f : locks.findings) {
        for (auto const& step : f.next_steps) {
            CHECK(step.find("!locks -v 0x89929320") == std::string::npos);
        }
    }
    // corpus/htrace/003.txt:51 ran "!handle 0x00000244 0xf": "!handle 244 f" is answered
    auto const htrace = dbgsift::infer::analyze(corpus_case("htrace/003.txt"), {});
    REQUIRE_FALSE(htrace.findings.empty());
    for (auto const& f : htrace.findings) {
        for (auto const& step : f.next_steps) {
            CHECK(step.find("!handle 244 f") == std::string::npos);
        }
    }
}

TEST_CASE("answered_next_steps: the first word compared as any other, a number however written") {
    // Commands as a log types them; the steps a rule might suggest. "10 foo" is answered by
    // "0x10 foo" (the same number), "<address> foo" by any first word.
    dbgsift::model::Case c;
    c.inputs.emplace_back();
    for (std::string command : {"DB 0x510000 L40", "!Heap -s", "0x10 foo"}) {
        dbgsift::model::BlockInfo b;
        b.kind = "other";
        b.command = command;
        c.inputs.back().blocks.push_back(b);
    }
    dbgsift::infer::Report r;
    r.findings.emplace_back().next_steps = {"db 00510000", "!heap -s -h 0", "!heap -s", "<address> foo",
                                            "10 foo", "dd 510000", "lm"};
    dbgsift::infer::rules::answered_next_steps(c, {}, r);
    CHECK(r.findings.front().next_steps == std::vector<std::string>{"!heap -s -h 0", "dd 510000", "lm"});
}

TEST_CASE("!heap -l (corpus/heap/001.txt): candidates, most of them in heap 00170000") {
    auto const c = corpus_case("heap/001.txt");
    auto const r = dbgsift::infer::analyze(c, {});
    auto const* f = find(r, "heap-leak");
    REQUIRE(f != nullptr);
    CHECK(f->severity == dbgsift::infer::Severity::low);
    CHECK(f->summary.find("21 busy blocks") != std::string::npos);  // "21 leaks detected.", line 36
    REQUIRE_FALSE(r.rankings.heaps.empty());
    CHECK(r.rankings.heaps.front().name == "00170000");  // 19 of the 21 rows
}
