// SPDX-License-Identifier: MIT
#include "grammars/common/common.hpp"
#include "grammars/common/fixed_literal.hpp"
#include "grammars/process/ast_adapted.hpp"
#include "grammars/process/process.hpp"
#include "support/files.hpp"
#include "support/parse_line.hpp"
#include <doctest/doctest.h>

#include <string>
#include <vector>

using dbgsift::grammar::parse_line;
namespace g = dbgsift::grammar;
namespace ast = dbgsift::grammar::ast;

TEST_SUITE_BEGIN("grammar/process");

TEST_CASE("grammar::process_header") {
    std::vector<dbgsift::diagnostic> diags;
    ast::process_header row;

    SUBCASE("x86 header with the ids on the same line (seed 000)") {
        // shared/acceptance/seed000-kernel.log:20 (NBSP already turned to spaces)
        REQUIRE(parse_line("PROCESS b2fcd670  SessionId:  2  Cid: 0818    Peb: 7ffd4000  ParentCid:  1688",
                           20, g::process_header(), row, diags));
        CHECK(row.address == 0xb2fcd670);
        REQUIRE(row.ids);
        CHECK(row.ids->session_id == 2);
        CHECK(row.ids->cid == 0x818);
        CHECK(row.ids->peb == 0x7ffd4000);
        CHECK(row.ids->parent_cid == 0x1688);
        CHECK(row.line == 20);
    }
    SUBCASE("x64 header alone, ids on the next line (corpus/process/007.txt:1, indented)") {
        REQUIRE(parse_line("    PROCESS ffffae017a46f4c0", 1, g::process_header(), row, diags));
        CHECK(row.address == 0xffffae017a46f4c0);
        CHECK_FALSE(row.ids);
    }
    SUBCASE("NT4 header without SessionId (corpus/process/002.txt:2)") {
        REQUIRE(parse_line("PROCESS fb667a00 Cid: 0002  Peb: 00000000 ParentCid: 0000", 2,
                           g::process_header(), row, diags));
        REQUIRE(row.ids);
        CHECK_FALSE(row.ids->session_id);
        CHECK(row.ids->cid == 2);
    }
    SUBCASE("an OCR-damaged 7-digit address still reads (corpus/process/011.txt:15)") {
        REQUIRE(parse_line("  PROCESS d0918c0  SessionId: 1  Cid: 0374   Peb: 003c4000  ParentCid: 022c",
                           15, g::process_header(), row, diags));
        CHECK(row.address == 0xd0918c0);
        CHECK(row.ids->cid == 0x374);
    }
    SUBCASE("a word where the address belongs is a diagnostic after the keyword") {
        CHECK_FALSE(parse_line("PROCESS list follows", 9, g::process_header(), row, diags));
        REQUIRE(diags.size() == 1);
        CHECK(diags[0].line == 9);
        CHECK(diags[0].column == 7);  // X3 reports the position before the skipped blank
    }
}

namespace {

namespace x3 = boost::spirit::x3;

// process_header as it was before no_skip[eoi] spared the ids rule at the line's end.
struct unguarded_header_class : g::note_span, g::report_expectation {};
auto const unguarded_header = x3::rule<unguarded_header_class, ast::process_header>{"PROCESS line"} =
    g::common::keyword(g::common::lit_fixed<"PROCESS">) > g::common::address >> -g::process_ids();

// Its yes or no, address, ids (line and columns too) and diagnostics, as one string.
template <typename Rule>
std::string reading(Rule const& rule, std::string_view text) {
    ast::process_header row;
    std::vector<dbgsift::diagnostic> diags;
    bool const ok = parse_line(text, 3, rule, row, diags);
    std::string out = ok ? "yes " : "no ";
    out += std::to_string(row.address) + " " + std::to_string(row.col_begin) + "-" + std::to_string(row.col_end);
    if (row.ids) {
        auto const& ids = *row.ids;
        out += " ids " + (ids.session_id ? std::to_string(*ids.session_id) : std::string("-")) + " " +
               std::to_string(ids.cid) + " " + std::to_string(ids.peb) + " " + std::to_string(ids.parent_cid) +
               " " + std::to_string(ids.col_begin) + "-" + std::to_string(ids.col_end);
    }
    for (auto const& d : diags) {
        out += " | " + std::to_string(d.column) + " " + d.message;
    }
    return out;
}

} // namespace

TEST_CASE("grammar::process_header: the ids tried only before the line's end read as before") {
    std::vector<std::string> lines;
    for (auto const& text : dbgsift::test::texts_under(CORPUS_DIR)) {
        for (auto const line : dbgsift::test::lines_of(text)) {
            lines.emplace_back(line);
        }
    }
    lines.insert(lines.end(), {
        "PROCESS ffffa604f6820080", "PROCESS ffffa604f6820080   ", "PROCESS ffffa604f6820080\t",
        "PROCESS b2fcd670  SessionId:  2  Cid: 0818    Peb: 7ffd4000  ParentCid:  1688",
        "PROCESS b2fcd670  SessionId: x", "PROCESS b2fcd670  SessionId:", "PROCESS b2fcd670  Cid:",
        "PROCESS b2fcd670 S", "PROCESS b2fcd670 x", "PROCESS", "PROCESS ",
        "PROCESS b2fcd670  SessionId: 1  Cid: 0818    Peb: 7ffd4000  ParentCid: 1688  ",
    });
    std::size_t read = 0;
    for (auto const& line : lines) {
        auto const now = reading(g::process_header(), line);
        read += now.starts_with("yes") ? 1 : 0;
        CHECK_MESSAGE(now == reading(unguarded_header, line), line);
    }
    CHECK(read > 100);
}

TEST_CASE("grammar::process_header reads every address form once (common::address)") {
    std::vector<dbgsift::diagnostic> diags;
    ast::process_header row;
    // The x64 forms of corpus/process and !process 0 0 on a kd.exe prompt.
    REQUIRE(parse_line("PROCESS fffffa80`0123abcd", 1, g::process_header(), row, diags));
    CHECK(row.address == 0xfffffa800123abcdULL);
    REQUIRE(parse_line("PROCESS ffffe00000d52900", 1, g::process_header(), row, diags));
    CHECK(row.address == 0xffffe00000d52900ULL);
    REQUIRE(parse_line("PROCESS 0x81a2b3c4", 1, g::process_header(), row, diags));
    CHECK(row.address == 0x81a2b3c4);
    REQUIRE(parse_line("PROCESS 00000000`81a2b3c4", 1, g::process_header(), row, diags));
    CHECK(row.address == 0x81a2b3c4);
    // A high half of more than 8 digits is no 8`8 pair: the backtick is left over.
    CHECK_FALSE(parse_line("PROCESS 812345678`00000000", 1, g::process_header(), row, diags));
}

TEST_CASE("grammar::process_ids") {
    std::vector<dbgsift::diagnostic> diags;
    ast::process_ids row;

    SUBCASE("SessionId none is no session (shared/corpus/handle/005.txt:4)") {
        REQUIRE(parse_line("    SessionId: none  Cid: 0138    Peb: 7f6639bf000  ParentCid: 0004", 4,
                           g::process_ids(), row, diags));
        CHECK_FALSE(row.session_id);
        CHECK(row.cid == 0x138);
        CHECK(row.peb == 0x7f6639bf000);
        CHECK(row.parent_cid == 4);
    }
    SUBCASE("re-flowed book spacing (corpus/process/017.txt:3)") {
        REQUIRE(parse_line("    SessionId: 0   Cid: 1134  Peb: 253d4dc000   ParentCid: 0298", 3,
                           g::process_ids(), row, diags));
        CHECK(row.session_id == 0);
        CHECK(row.cid == 0x1134);
    }
}

TEST_CASE("grammar::process_tables") {
    std::vector<dbgsift::diagnostic> diags;
    ast::process_tables row;

    SUBCASE("HandleCount with its dot (seed 000)") {
        // shared/acceptance/seed000-kernel.log:21
        REQUIRE(parse_line("DirBase: 7d778400  ObjectTable: b3ffd8c0  HandleCount: 36252.", 21,
                           g::process_tables(), row, diags));
        CHECK(row.dir_base == 0x7d778400);
        CHECK(row.object_table == 0xb3ffd8c0);
        CHECK(row.handle_count == 36252);
    }
    SUBCASE("Data Not Accessible is unknown, not zero (corpus/process/007.txt:4)") {
        REQUIRE(parse_line("        DirBase: 6969e002  ObjectTable: ffffcf0a4bbdcb00  HandleCount: <Data Not Accessible>",
                           4, g::process_tables(), row, diags));
        CHECK_FALSE(row.handle_count);
    }
    SUBCASE("an empty HandleCount is unknown (corpus/process/005.txt:4)") {
        REQUIRE(parse_line("    DirBase: 3fdba000  ObjectTable: ffffc00007bfd540  HandleCount:", 4,
                           g::process_tables(), row, diags));
        CHECK_FALSE(row.handle_count);
    }
    SUBCASE("older TableSize with a padded count (corpus/process/002.txt:3)") {
        REQUIRE(parse_line("  DirBase: 00030000 ObjectTable: e1000f88 TableSize: 112.", 3,
                           g::process_tables(), row, diags));
        CHECK(row.handle_count == 112);
    }
    SUBCASE("a zombie's ObjectTable 00000000 and HandleCount 0 (corpus/process/011.txt:9)") {
        REQUIRE(parse_line("     DirBase: 179c5080  ObjectTable: 00000000  HandleCount: 0.", 9,
                           g::process_tables(), row, diags));
        CHECK(row.object_table == 0);
        CHECK(row.handle_count == 0);
    }
    SUBCASE("a 10-digit DirBase (corpus/process/015.txt:7)") {
        REQUIRE(parse_line("        DirBase: 2da4010000  ObjectTable: ffffc0001aef0480  HandleCount: 2208.",
                           7, g::process_tables(), row, diags));
        CHECK(row.dir_base == 0x2da4010000);
        CHECK(row.handle_count == 2208);
    }
    SUBCASE("a handle count past 2^64 fails instead of wrapping") {
        CHECK_FALSE(parse_line("DirBase: 1  ObjectTable: 2  HandleCount: 99999999999999999999999.", 5,
                               g::process_tables(), row, diags));
    }
}

TEST_CASE("grammar::process detail rows") {
    std::vector<dbgsift::diagnostic> diags;

    SUBCASE("Image keeps the name (corpus/process/005.txt:5, indented 5)") {
        dbgsift::grammar::text_range image;
        REQUIRE(parse_line("     Image: explorer.exe  ", 5, g::process_image(), image, diags));
        CHECK(dbgsift::grammar::view(image) == "explorer.exe  ");  // the caller trims
    }
    SUBCASE("VadRoot with Vads (corpus/process/009.txt:6)") {
        ast::process_vad row;
        REQUIRE(parse_line("    VadRoot ffffa604f669bf30 Vads 101 Clone 0 Private 349. Modified 11623. Locked 0.",
                           6, g::process_vad(), row, diags));
        CHECK(row.vad_root == 0xffffa604f669bf30);
        CHECK(row.vads == 101);
        CHECK(row.private_pages == 349);
        CHECK(row.modified == 11623);
    }
    SUBCASE("VadRoot without Vads (corpus/process/002.txt:5)") {
        ast::process_vad row;
        REQUIRE(parse_line("  VadRoot fb666388 Clone 0 Private 4. Modified 9850. Locked 0.", 5,
                           g::process_vad(), row, diags));
        CHECK_FALSE(row.vads);
        CHECK(row.private_pages == 4);
    }
    SUBCASE("ElapsedTime (corpus/process/009.txt:9)") {
        ast::process_time row;
        REQUIRE(parse_line("    ElapsedTime                       00:00:53.132", 9, g::process_time(),
                           row, diags));
        CHECK(row.kind == ast::process_time_kind::elapsed);
        CHECK(row.text == "00:00:53.132");
    }
    SUBCASE("QuotaPoolUsage NonPagedPool (corpus/process/009.txt:13)") {
        ast::process_quota row;
        REQUIRE(parse_line("    QuotaPoolUsage[NonPagedPool]      14592", 13, g::process_quota(), row,
                           diags));
        CHECK(row.pool == ast::quota_pool::nonpaged);
        CHECK(row.bytes == 14592);
    }
    SUBCASE("Working Set Sizes with the KB triple (corpus/process/009.txt:14)") {
        ast::process_working_set row;
        REQUIRE(parse_line("    Working Set Sizes (now,min,max)  (3887, 50, 345) (15548KB, 200KB, 1380KB)",
                           14, g::process_working_set(), row, diags));
        CHECK(row.now_pages == 3887);
        CHECK(row.max_pages == 345);
        CHECK(row.now_kb == 15548);
    }
    SUBCASE("Working Set Sizes in pages only, at column 0 (corpus/process/002.txt:11)") {
        ast::process_working_set row;
        REQUIRE(parse_line("Working Set Sizes (now,min,max) (3, 50, 345)", 11, g::process_working_set(),
                           row, diags));
        CHECK(row.now_pages == 3);
        CHECK_FALSE(row.now_kb);
    }
    SUBCASE("VirtualSize in Mb (corpus/process/009.txt:16)") {
        ast::process_size row;
        REQUIRE(parse_line("    VirtualSize                       2101375 Mb", 16, g::process_size(), row,
                           diags));
        CHECK(row.kind == ast::process_size_kind::virtual_size);
        CHECK(row.mb == 2101375);
    }
    SUBCASE("PeakVirtualSize is not VirtualSize (corpus/process/009.txt:17)") {
        ast::process_size row;
        REQUIRE(parse_line("    PeakVirtualSize                   2101410 Mb", 17, g::process_size(), row,
                           diags));
        CHECK(row.kind == ast::process_size_kind::peak_virtual_size);
    }
    SUBCASE("CommitCharge in pages (corpus/process/009.txt:21)") {
        ast::process_counter row;
        REQUIRE(parse_line("    CommitCharge                      723", 21, g::process_counter(), row,
                           diags));
        CHECK(row.kind == ast::process_counter_kind::commit_charge);
        CHECK(row.value == 723);
    }
    SUBCASE("THREAD line (corpus/process/003.txt:6)") {
        std::uint64_t thread = 0;
        REQUIRE(parse_line("        THREAD af70db00  Cid 0e00.0ac0  Teb: 00eb1000 Win32Thread: bc5c1948 WAIT: (WrUserRequest) UserMode Non-Alertable",
                           6, g::thread_line(), thread, diags));
        CHECK(thread == 0xaf70db00);
    }
    SUBCASE("rows with nothing to keep are recognised, not mis-parsed") {
        std::string what;
        // corpus/process/002.txt:6, corpus/process/006.txt:4, corpus/process/011.txt:4
        CHECK(parse_line("  FB667BBC MutantState Signalled OwningThread 0", 6, g::process_unmodelled(),
                         what, diags));
        CHECK(parse_line("    DeepFreeze", 4, g::process_unmodelled(), what, diags));
        CHECK(parse_line("Dumping Session 1", 4, g::process_unmodelled(), what, diags));
        CHECK(parse_line("**** NT ACTIVE PROCESS DUMP ****", 2, g::process_unmodelled(), what, diags));
        CHECK_FALSE(parse_line("    Image: explorer.exe", 5, g::process_unmodelled(), what, diags));
        CHECK(diags.empty());
    }
}

TEST_SUITE_END();
