// SPDX-License-Identifier: MIT
#include "dbgsift/parse/block_parser.hpp"
#include "dbgsift/pipeline.hpp"

#include <doctest/doctest.h>
#include <fstream>
#include <sstream>
#include "support/files.hpp"

namespace {

using dbgsift::test::slurp;

std::vector<dbgsift::model::HandleSummary> handles_of(dbgsift::model::Case const& c) {
    std::vector<dbgsift::model::HandleSummary> all;
    for (auto const& s : c.snapshots) {
        all.insert(all.end(), s.handles.begin(), s.handles.end());
    }
    return all;
}

} // namespace

TEST_SUITE_BEGIN("parse/handle");

TEST_CASE("parse::handle recognises its commands and headers") {
    dbgsift::parse::CommandSpec const* spec = nullptr;
    for (auto const& s : dbgsift::parse::command_specs()) {
        if (s.kind == "handle") {
            spec = &s;
        }
    }
    REQUIRE(spec != nullptr);
    CHECK(spec->is_command("!handle"));
    CHECK(spec->is_command("!handle 274 ff Event"));
    CHECK(spec->is_command("!mex.grep -A 6 .etl !handle 0 3 0 File"));  // corpus/handle/013.txt:1
    CHECK_FALSE(spec->is_command("!handles"));
    CHECK(spec->is_header("273020 Handles"));
    CHECK(spec->is_header("Type           \tCount"));
    CHECK_FALSE(spec->is_header("Handle 4"));
}

TEST_CASE("parse::handle reads seed 000's user-mode summary") {
    auto const c = dbgsift::read_buffer(slurp(CORPUS_DIR "/acceptance/seed000-user.log"), "user");
    auto const all = handles_of(c);
    REQUIRE(all.size() == 1);
    REQUIRE(all[0].total);
    CHECK(all[0].total->value == 273020);
    CHECK(all[0].total->loc.line == 3);
    REQUIRE(all[0].types.size() == 15);
    CHECK(all[0].types[1].type == "Event");
    CHECK(all[0].types[1].count == 222742);
    CHECK(all[0].types[1].loc.line == 6);
    CHECK(all[0].types[10].type == "Thread");
    CHECK(all[0].types[10].count == 50042);
    // the rules read the type by enum: Event and Thread are known, the rest are `other`
    CHECK(all[0].types[1].object_type == dbgsift::model::ObjectType::event);
    CHECK(all[0].types[10].object_type == dbgsift::model::ObjectType::thread);
    CHECK(c.snapshots[0].target == dbgsift::model::Target::user);
    CHECK(c.inputs[0].diagnostics.empty());
}

TEST_CASE("parse::handle reads per-handle blocks and the summary after them (corpus/handle/007.txt)") {
    auto const c = dbgsift::read_buffer(slurp(CORPUS_DIR "/handle/007.txt"), "007");
    auto const all = handles_of(c);
    REQUIRE(all.size() == 1);
    CHECK(all[0].handles.size() == 33);
    CHECK(all[0].handles[16].type == "ALPC Port");
    CHECK(all[0].handles[16].object_type == dbgsift::model::ObjectType::other);
    CHECK(all[0].handles[16].handle == 0x50);
    CHECK(all[0].total->value == 33);
    REQUIRE(all[0].types.size() == 11);
    CHECK(all[0].types.back().type == "WaitCompletionPacket");
    CHECK(all[0].types.back().count == 5);
    CHECK(c.inputs[0].diagnostics.empty());
}

TEST_CASE("parse::handle reads one handle in detail (corpus/handle/014.txt)") {
    auto const c = dbgsift::read_buffer(slurp(CORPUS_DIR "/handle/014.txt"), "014");
    auto const all = handles_of(c);
    REQUIRE(all.size() == 1);
    REQUIRE(all[0].handles.size() == 1);
    auto const& h = all[0].handles[0];
    CHECK(h.handle == 0x5bc);
    CHECK(h.type == "Thread");
    CHECK(h.granted_access == 0x1fffff);
    CHECK(h.handle_count == 3);
    CHECK(h.pointer_count == 131065);
    CHECK(h.name.empty());  // "<none>"
    CHECK(c.inputs[0].diagnostics.empty());
}

TEST_CASE("parse::handle reads a kernel handle table under its PROCESS (corpus/handle/005.txt)") {
    auto const c = dbgsift::read_buffer(slurp(CORPUS_DIR "/handle/005.txt"), "005");
    auto const all = handles_of(c);
    REQUIRE(all.size() == 1);
    CHECK(all[0].process == "smss.exe");
    CHECK(all[0].process_cid == 0x138);
    CHECK(all[0].total->value == 39);
    REQUIRE(all[0].handles.size() == 1);
    CHECK(all[0].handles[0].handle == 0x40);
    CHECK(all[0].handles[0].type == "Section");
    CHECK(all[0].handles[0].pointer_count == 262144);
    CHECK(c.inputs[0].diagnostics.empty());
}

TEST_CASE("parse::handle: an odd line is a diagnostic, the rest is read") {
    auto const c = dbgsift::read_buffer("0:000> !handle\n"
                                        "273020 Handles\n"
                                        "Type Count\n"
                                        "Event 222742\n"
                                        "Thread fifty\n"
                                        "Key 24\n");
    auto const all = handles_of(c);
    REQUIRE(all.size() == 1);
    CHECK(all[0].types.size() == 2);
    REQUIRE(c.inputs[0].diagnostics.size() == 1);
    CHECK(c.inputs[0].diagnostics[0].line == 5);
}

TEST_CASE("parse::handle survives garbage and huge lines") {
    std::string junk = "0:000> !handle\n273020 Handles\nType Count\n";
    for (int i = 0; i < 200000; ++i) {
        junk += "Ev ";  // one 600 KB "type name" with no count at its end
    }
    junk += "\nHandle\nHandle zz\n  GrantedAccess 0x\n\x01\x02\xff\xfe\n";
    junk += "0004: Object: GrantedAccess:\nObject: 1 Type: (\nHandleCount: PointerCount:\n";
    auto const c = dbgsift::read_buffer(junk);
    REQUIRE(c.inputs.size() == 1);
    CHECK(c.inputs[0].diagnostics.size() >= 5);
    auto const all = handles_of(c);
    REQUIRE_FALSE(all.empty());
    CHECK(all[0].total->value == 273020);
}

TEST_SUITE_END();
