// SPDX-License-Identifier: MIT
#include "grammars/prompt/prompt.hpp"
#include "support/parse_line.hpp"
#include "dbgsift/text/trim.hpp"

#include <doctest/doctest.h>

namespace g = dbgsift::grammar;
namespace ast = dbgsift::grammar::ast;

namespace {
// The prompt's target and command, or "" when the line is not a prompt.
std::string prompt(std::string_view line, ast::prompt_target* target = nullptr) {
    std::vector<dbgsift::diagnostic> diags;
    g::ast::prompt_line p;
    if (!g::parse_line(line, 1, g::prompt_line(), p, diags)) {
        return "<none>";
    }
    if (target != nullptr) {
        *target = p.target;
    }
    return p.command;
}
} // namespace

TEST_SUITE_BEGIN("grammar/prompt");

TEST_CASE("grammar::prompt_line") {
    auto target = ast::prompt_target::user;
    SUBCASE("kernel prompts with a processor number") {
        // seeds/000: "0: kd> !poolused 3"
        CHECK(prompt("0: kd> !poolused 3", &target) == "!poolused 3");
        CHECK(target == ast::prompt_target::kernel);
        CHECK(prompt("12: kd> !vm 4") == "!vm 4");
        CHECK(prompt("1: kd:x86> lm") == "lm");
    }
    SUBCASE("kernel prompts without a number, and local kd") {
        CHECK(prompt("kd> !locks") == "!locks");
        // seeds/002 vista example: "lkd> !poolused 3"
        CHECK(prompt("lkd> !poolused 3", &target) == "!poolused 3");
        CHECK(target == ast::prompt_target::kernel);
    }
    SUBCASE("user-mode prompts") {
        CHECK(prompt("0:000> !heap -s", &target) == "!heap -s");
        CHECK(target == ast::prompt_target::user);
        CHECK(prompt("0:012> !address -summary") == "!address -summary");
        CHECK(prompt("0:000:x86> !handle") == "!handle");
        // corpus heap/001: the multi-target prompt
        CHECK(prompt("1:0:011> !heap -l") == "!heap -l");
    }
    SUBCASE("indented, bold, and two prompts run together") {
        // acceptance seed000-user.log: four-space indentation from the blog comment
        CHECK(prompt("    0:000> !handle") == "!handle");
        CHECK(prompt("**0: kd> !vm**") == "!vm**");
        CHECK(prompt("0: kd> 0: kd> !vm") == "!vm");
    }
    SUBCASE("a bare prompt has an empty command") {
        CHECK(prompt("0: kd>") == "");
    }
    SUBCASE("lines that only look similar are not prompts") {
        CHECK(prompt("Sorting by NonPaged Pool Consumed") == "<none>");
        CHECK(prompt("12:34:56 kd is here") == "<none>");
        CHECK(prompt("PROCESS d2b85360  SessionId: 2  Cid: 1bf4") == "<none>");
        CHECK(prompt("0`00240000 0`00312000") == "<none>");
    }
}

TEST_CASE("grammar::session_marker") {
    std::vector<dbgsift::diagnostic> diags;
    g::ast::session_marker m;
    SUBCASE("the debugger banner and the session time") {
        REQUIRE(g::parse_line("Microsoft (R) Windows Debugger Version 10.0.19041.685 AMD64", 1,
                              g::session_marker(), m, diags));
        CHECK(m.kind == ast::session_marker_kind::debugger_banner);
        REQUIRE(g::parse_line("Debug session time: Thu Sep  8 11:22:33.000 2016 (UTC + 2:00)", 2,
                              g::session_marker(), m, diags));
        CHECK(m.kind == ast::session_marker_kind::session_time);
        CHECK(m.text.find("2016") != std::string::npos);
    }
    SUBCASE("the OS line of a kernel dump") {
        REQUIRE(g::parse_line("Windows 10 Kernel Version 19041 MP (4 procs) Free x64", 3,
                              g::session_marker(), m, diags));
        CHECK(m.kind == ast::session_marker_kind::os_version);
    }
    SUBCASE("a log opened and closed") {
        REQUIRE(g::parse_line("Opened log file 'c:\\temp\\case.log'", 1, g::session_marker(), m, diags));
        CHECK(m.kind == ast::session_marker_kind::log_opened);
        REQUIRE(g::parse_line("Closing open log file c:\\temp\\case.log", 9, g::session_marker(), m, diags));
        CHECK(m.kind == ast::session_marker_kind::log_closed);
    }
    SUBCASE("prose about Windows is not a marker") {
        CHECK_FALSE(g::parse_line("Windows versions differ a lot", 1, g::session_marker(), m, diags));
    }
}

TEST_SUITE_END();

TEST_CASE("grammar::bare_command") {
    auto bare = [](std::string_view line) {
        std::vector<dbgsift::diagnostic> diags;
        std::string command;
        bool const ok = g::parse_line(line, 1, g::bare_command(), command, diags);
        return ok ? std::string(dbgsift::text::trim(command)) : "<none>";  // the caller trims
    };
    SUBCASE("commands quoted on a line of their own") {
        // corpus heap/026 (exploit-monday heap spray walkthrough): lines 3, 85 and 141
        CHECK(bare("!heap -stat") == "!heap -stat");
        CHECK(bare("!heap -stat -h 00360000") == "!heap -stat -h 00360000");
        CHECK(bare("!heap -flt s fffe0") == "!heap -flt s fffe0");
        // corpus handle/005:1, heap/004:1
        CHECK(bare("!handle 0 3 0 Section") == "!handle 0 3 0 Section");
        CHECK(bare("  !heap -s  ") == "!heap -s");
        CHECK(bare("!poolfind Ntfs 0") == "!poolfind Ntfs 0");
        CHECK(bare("!process 0 0 notepad.exe") == "!process 0 0 notepad.exe");
        CHECK(bare("!mex.mheap -flt 40") == "!mex.mheap -flt 40");
        CHECK(bare("!poolfind fffff801`12345678") == "!poolfind fffff801`12345678");
        // corpus poolfind/002:1 without its prompt: a tag pattern
        CHECK(bare("!poolfind * -nonpaged") == "!poolfind * -nonpaged");
        CHECK(bare("!process @$proc 7") == "!process @$proc 7");
    }
    SUBCASE("options, numbers and registers only: a command even when dbgsift does not read it") {
        auto plain = [](std::string_view line) {
            std::vector<dbgsift::diagnostic> diags;
            std::string command;
            bool const ok = g::parse_line(line, 1, g::bare_plain_command(), command, diags);
            return ok ? std::string(dbgsift::text::trim(command)) : "<none>";
        };
        // corpus locks/014:25 without its prompt and its "// Check the owning thread" note
        CHECK(plain("!thread ffaf5410") == "!thread ffaf5410");
        CHECK(plain("!analyze -v") == "!analyze -v");
        CHECK(plain("!peb") == "!peb");
        CHECK(plain("!thread gives the stack") == "<none>");
        CHECK(plain("!poolfind * -nonpaged") == "<none>");
    }
    SUBCASE("sentences that start with a command are not commands") {
        // acceptance seed002-paged-mmst.log:41
        CHECK(bare("!poolused 4 WinDbg command will sort paged pool consumption by pool tag:") == "<none>");
        CHECK(bare("!heap -s shows the busy heaps") == "<none>");
        CHECK(bare("!heap -s, then !heap -stat") == "<none>");
        CHECK(bare("!vm 4 shows it:") == "<none>");
    }
    SUBCASE("a wiki's marks before the command are not a command") {
        // corpus poolused/009:1, process/015:1
        CHECK(bare("!kds !poolused 2") == "<none>");
        CHECK(bare("!kb- !process 0 0 explorer.exe") == "<none>");
        CHECK(bare("! heap") == "<none>");
        CHECK(bare("!") == "<none>");
    }
}
