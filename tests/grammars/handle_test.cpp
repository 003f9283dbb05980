// SPDX-License-Identifier: MIT
#include "grammars/handle/handle.hpp"
#include "support/parse_line.hpp"
#include <doctest/doctest.h>

using dbgsift::grammar::parse_line;
namespace g = dbgsift::grammar;
namespace ast = dbgsift::grammar::ast;
namespace x3 = boost::spirit::x3;

TEST_SUITE_BEGIN("grammar/handle");

TEST_CASE("grammar::handle summary") {
    std::vector<dbgsift::diagnostic> diags;

    SUBCASE("N Handles, indented by the blog (shared/acceptance/seed000-user.log:3)") {
        std::uint64_t total = 0;
        REQUIRE(parse_line("    273020 Handles", 3, g::handle_total(), total, diags));
        CHECK(total == 273020);
    }
    SUBCASE("the Type Count header with spaces or a TAB (seed 000; corpus/handle/007.txt:68)") {
        x3::unused_type none;
        CHECK(parse_line("    Type Count", 4, g::handle_type_header(), none, diags));
        CHECK(parse_line("Type           \tCount", 68, g::handle_type_header(), none, diags));
        CHECK_FALSE(parse_line("  Type          Event", 3, g::handle_type_header(), none, diags));
    }
    SUBCASE("a type row (shared/acceptance/seed000-user.log:6)") {
        ast::handle_type_count row;
        REQUIRE(parse_line("    Event 222742", 6, g::handle_type_count(), row, diags));
        CHECK(row.type == "Event");
        CHECK(row.count == 222742);
        CHECK(row.line == 6);
    }
    SUBCASE("a two-word type (seed 000 article: 'ALPC Port 5')") {
        ast::handle_type_count row;
        REQUIRE(parse_line("    ALPC Port 5", 21, g::handle_type_count(), row, diags));
        CHECK(row.type == "ALPC Port");
        CHECK(row.count == 5);
    }
    SUBCASE("a long type name with no blank before the TAB (corpus/handle/007.txt:77)") {
        ast::handle_type_count row;
        REQUIRE(parse_line("TpWorkerFactory\t2", 77, g::handle_type_count(), row, diags));
        CHECK(row.type == "TpWorkerFactory");
        CHECK(row.count == 2);
        ast::handle_type_count second;
        REQUIRE(parse_line("WaitCompletionPacket\t5", 79, g::handle_type_count(), second, diags));
        CHECK(second.type == "WaitCompletionPacket");
    }
    SUBCASE("a type with no count is not a type row") {
        ast::handle_type_count row;
        CHECK_FALSE(parse_line("Event many", 6, g::handle_type_count(), row, diags));
    }
    SUBCASE("a missing or damaged count is one diagnostic where the count should be (no throw)") {
        // The same line, column and text the '>' expectation point gave before noted_expect
        // replaced it: corpus/handle/001.txt:16 cut before its count, a count with a letter in
        // it, a word for a count, and corpus/heap/018.txt:2 (a comment whose CJK bytes end the
        // type's words).
        ast::handle_type_count row;
        CHECK_FALSE(parse_line("Event           ", 16, g::handle_type_count(), row, diags));
        CHECK_FALSE(parse_line("Event           3x", 17, g::handle_type_count(), row, diags));
        CHECK_FALSE(parse_line("Event many", 18, g::handle_type_count(), row, diags));
        CHECK_FALSE(parse_line("  /* \xe4\xbb\xa5\xe4\xb8\x8b PageHeap */", 2, g::handle_type_count(), row, diags));
        REQUIRE(diags.size() == 4);
        CHECK(diags[0].line == 16);
        CHECK(diags[0].column == 16);  // after the blanks the count would follow
        CHECK(diags[1].column == 18);
        CHECK(diags[2].column == 10);
        CHECK(diags[3].line == 2);
        CHECK(diags[3].column == 5);
        for (auto const& d : diags) {
            CHECK(d.message == "expected number");
        }
    }
}

TEST_CASE("grammar::handle per-handle fields") {
    std::vector<dbgsift::diagnostic> diags;

    SUBCASE("Handle with a 16-digit value (corpus/handle/006.txt:2)") {
        std::uint64_t h = 0;
        REQUIRE(parse_line("    Handle 0000000000000208", 2, g::handle_line(), h, diags));
        CHECK(h == 0x208);
    }
    SUBCASE("'Handle table at' is not a handle line (corpus/handle/005.txt:8)") {
        std::uint64_t h = 0;
        CHECK_FALSE(parse_line("Handle table at fffff8a00066f700 with 39 entries in use", 8,
                               g::handle_line(), h, diags));
    }
    SUBCASE("Type with a TAB and a two-word type (corpus/handle/007.txt:34)") {
        std::string type;
        REQUIRE(parse_line("  Type         \tALPC Port", 34, g::handle_type_field(), type, diags));
        CHECK(type == "ALPC Port");
    }
    SUBCASE("GrantedAccess with a TAB and the colon (corpus/handle/006.txt:5)") {
        std::uint64_t access = 0;
        REQUIRE(parse_line("    GrantedAccess\t0x1f0003:", 5, g::handle_granted_access(), access, diags));
        CHECK(access == 0x1f0003);
    }
    SUBCASE("decoded access names under GrantedAccess (corpus/handle/008.txt:6)") {
        std::string names;
        REQUIRE(parse_line("         Write/Add,Append/SubDir/CreatePipe,WriteEA,ReadAttr,WriteAttr", 6,
                           g::handle_access_names(), names, diags));
        CHECK(names == "Write/Add,Append/SubDir/CreatePipe,WriteEA,ReadAttr,WriteAttr");
    }
    SUBCASE("HandleCount and PointerCount (corpus/handle/014.txt:8-9)") {
        std::uint64_t n = 0;
        REQUIRE(parse_line("  HandleCount  \t3", 8, g::handle_handle_count(), n, diags));
        CHECK(n == 3);
        REQUIRE(parse_line("  PointerCount \t131065", 9, g::handle_pointer_count(), n, diags));
        CHECK(n == 131065);
    }
    SUBCASE("Attributes 0 (corpus/handle/002.txt:4)") {
        std::uint64_t a = 7;
        REQUIRE(parse_line("  Attributes    0", 4, g::handle_attributes(), a, diags));
        CHECK(a == 0);
    }
    SUBCASE("Name with a path (corpus/handle/006.txt:10)") {
        std::string name;
        REQUIRE(parse_line("    Name         \t\\Sessions\\1\\BaseNamedObjects\\SM0:1720:304:WilStaging_02_p0",
                           10, g::handle_name(), name, diags));
        CHECK(name == "\\Sessions\\1\\BaseNamedObjects\\SM0:1720:304:WilStaging_02_p0");
    }
    SUBCASE("object information headers in both capitalisations (corpus/handle/002.txt, 014.txt, 008.txt)") {
        std::string what;
        CHECK(parse_line("  Object Specific Information", 11, g::handle_object_info(), what, diags));
        CHECK(parse_line("  Object specific information", 11, g::handle_object_info(), what, diags));
        CHECK(parse_line("  No Object Specific Information available", 10, g::handle_object_info(), what,
                         diags));
    }
    SUBCASE("a letter inside HandleCount is a diagnostic") {
        std::uint64_t n = 0;
        CHECK_FALSE(parse_line("  HandleCount   x2", 8, g::handle_handle_count(), n, diags));
        REQUIRE(diags.size() == 1);
        CHECK(diags[0].line == 8);
    }
}

TEST_CASE("grammar::handle kernel rows") {
    std::vector<dbgsift::diagnostic> diags;

    SUBCASE("handle table sizes, old and new wording (corpus/handle/003.txt:7, 005.txt:8)") {
        std::uint64_t n = 0;
        REQUIRE(parse_line("New version of handle table at e1002000 with 380 Entries in use", 7,
                           g::kernel_handle_table(), n, diags));
        CHECK(n == 380);
        REQUIRE(parse_line("Handle table at fffff8a00066f700 with 39 entries in use", 8,
                           g::kernel_handle_table(), n, diags));
        CHECK(n == 39);
    }
    SUBCASE("an entry with flags and Entry (corpus/handle/013.txt:4)") {
        ast::kernel_handle_entry row;
        REQUIRE(parse_line("006c: Object: ffffa604f53aa910  GrantedAccess: 0012019f (Inherit) (Audit) Entry: ffff8000ab2be1b0",
                           4, g::kernel_handle_entry(), row, diags));
        CHECK(row.handle == 0x6c);
        CHECK(row.object == 0xffffa604f53aa910);
        CHECK(row.granted_access == 0x12019f);
        CHECK(row.flags == std::vector<std::string>{"Inherit", "Audit"});
    }
    SUBCASE("a plain x86 entry (corpus/handle/003.txt:10)") {
        ast::kernel_handle_entry row;
        REQUIRE(parse_line("0004: Object: 80ed5238  GrantedAccess: 001f0fff", 10,
                           g::kernel_handle_entry(), row, diags));
        CHECK(row.handle == 4);
        CHECK(row.flags.empty());
    }
    SUBCASE("a free entry (corpus/handle/003.txt:9)") {
        std::uint64_t h = 1;
        REQUIRE(parse_line("0000: free handle, Entry address e1002000, Next Entry fffffffe", 9,
                           g::kernel_free_handle(), h, diags));
        CHECK(h == 0);
    }
    SUBCASE("the object line names the type (corpus/handle/005.txt:11)") {
        ast::kernel_object row;
        REQUIRE(parse_line("Object: fffff8a000633f00  Type: (fffffa80035fef20) Section", 11,
                           g::kernel_object(), row, diags));
        CHECK(row.object == 0xfffff8a000633f00);
        CHECK(row.type == "Section");
    }
    SUBCASE("object header and counts (corpus/handle/005.txt:12-13)") {
        std::uint64_t header = 0;
        REQUIRE(parse_line("    ObjectHeader: fffff8a000633ed0 (new version)", 12,
                           g::kernel_object_header(), header, diags));
        CHECK(header == 0xfffff8a000633ed0);
        ast::kernel_object_counts counts;
        REQUIRE(parse_line("        HandleCount: 1  PointerCount: 262144", 13,
                           g::kernel_object_counts(), counts, diags));
        CHECK(counts.handle_count == 1);
        CHECK(counts.pointer_count == 262144);
    }
    SUBCASE("an object name with its volume suffix (corpus/handle/013.txt:22)") {
        std::string name;
        REQUIRE(parse_line("        Directory Object: 00000000  Name: \\Windows\\System32\\LogFiles\\WMI\\Wifi.etl {HarddiskVolume4}",
                           22, g::kernel_object_name(), name, diags));
        CHECK(name == "\\Windows\\System32\\LogFiles\\WMI\\Wifi.etl {HarddiskVolume4}");
    }
    CHECK(diags.empty());
}

TEST_SUITE_END();
