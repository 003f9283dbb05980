// SPDX-License-Identifier: MIT
#include "dbgsift/parse/block_parser.hpp"
#include "dbgsift/pipeline.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <fstream>
#include <sstream>
#include "support/files.hpp"

namespace {

using dbgsift::test::slurp;

std::vector<dbgsift::model::Process> processes_of(dbgsift::model::Case const& c) {
    std::vector<dbgsift::model::Process> all;
    for (auto const& s : c.snapshots) {
        all.insert(all.end(), s.processes.begin(), s.processes.end());
    }
    return all;
}

dbgsift::parse::CommandSpec const& process_spec() {
    for (auto const& s : dbgsift::parse::command_specs()) {
        if (s.kind == "process") {
            return s;
        }
    }
    FAIL("no process spec registered");
    throw 0;
}

} // namespace

TEST_SUITE_BEGIN("parse/process");

TEST_CASE("parse::process recognises its commands and headers") {
    auto const& spec = process_spec();
    CHECK(spec.is_command("!process 0 0"));
    CHECK(spec.is_command("!process 0 1 winlogon.exe"));
    CHECK(spec.is_command("!sprocess 3"));
    CHECK(spec.is_command("**!process 0 0 MsMpEng.exe"));  // corpus/process/017.txt:1
    CHECK_FALSE(spec.is_command("!processfields"));
    CHECK_FALSE(spec.is_command("!processirps fffffa800688c940"));
    CHECK(spec.is_header("**** NT ACTIVE PROCESS DUMP ****"));
    CHECK(spec.is_header("    PROCESS ffffae0166caa080"));
    CHECK_FALSE(spec.is_header("Image: explorer.exe"));
    CHECK(spec.slot("!process 0 0") == "process");
}

TEST_CASE("parse::process reads seed 000's two x86 processes") {
    auto const c = dbgsift::read_buffer(slurp(CORPUS_DIR "/acceptance/seed000-kernel.log"), "seed000");
    auto const all = processes_of(c);
    REQUIRE(all.size() == 2);
    // shared/acceptance/seed000-kernel.log:16-22, checked by eye
    CHECK(all[0].image == "AppA.exe");
    CHECK(all[0].address == 0xd2b85360);
    CHECK(all[0].cid == 0x1bf4);
    CHECK(all[0].parent_cid == 0x1688);
    CHECK(all[0].session_id == 2);
    REQUIRE(all[0].handle_count);
    CHECK(all[0].handle_count->value == 18539);
    CHECK(all[0].handle_count->loc.line == 17);
    CHECK(all[1].image == "AppB.exe");
    CHECK(all[1].cid == 0x818);
    CHECK(all[1].handle_count->value == 36252);
    CHECK(all[1].loc.line == 20);
}

TEST_CASE("parse::process reads a 138-process listing completely") {
    auto const c = dbgsift::read_buffer(slurp(CORPUS_DIR "/process/100.txt"), "100");
    auto const all = processes_of(c);
    REQUIRE(all.size() == 138);
    CHECK(c.inputs[0].diagnostics.empty());
    CHECK(c.inputs[0].lines_understood == 138 * 4);
    CHECK(all.front().image == "System");
    CHECK_FALSE(all.front().session_id);  // "SessionId: none"
    CHECK(all.front().handle_count->value == 2991);
    CHECK(all.back().image == "RuntimeBroker.exe");
    CHECK(all.back().handle_count->value == 234);
    auto const zombies = std::count_if(all.begin(), all.end(), [](auto const& p) {
        return p.object_table == 0u && p.handle_count && p.handle_count->value == 0;
    });
    CHECK(zombies == 5);  // LogonUI, userinit, 2 svchost, SystemSettingsAdminFlows
}

TEST_CASE("parse::process leaves a 0 0 list's detail unmade") {
    // corpus/process/100.txt prints only `!process 0 0` rows: no process pays for the detail
    // block (model::Boxed) that `0 1` rows fill.
    auto const c = dbgsift::read_buffer(slurp(CORPUS_DIR "/process/100.txt"), "100");
    auto const all = processes_of(c);
    REQUIRE(all.size() == 138);
    CHECK(std::none_of(all.begin(), all.end(), [](auto const& p) { return p.detail.get() != nullptr; }));
}

TEST_CASE("parse::process keeps unknown handle counts unknown") {
    // corpus/process/007.txt: a mix of "HandleCount: 330." and "<Data Not Accessible>"
    auto const c = dbgsift::read_buffer(slurp(CORPUS_DIR "/process/007.txt"), "007");
    auto const all = processes_of(c);
    REQUIRE(all.size() == 5);
    CHECK_FALSE(all[0].handle_count);
    CHECK(all[1].handle_count->value == 330);
    CHECK(all[1].image == "usocoreworker.exe");
    CHECK(c.inputs[0].diagnostics.empty());
}

TEST_CASE("parse::process reads the detail rows of !process 0 1") {
    // corpus/process/009.txt
    auto const c = dbgsift::read_buffer(slurp(CORPUS_DIR "/process/009.txt"), "009");
    auto const all = processes_of(c);
    REQUIRE(all.size() == 1);
    auto const& p = all[0];
    CHECK(p.image == "winlogon.exe");
    CHECK(p.handle_count->value == 282);
    REQUIRE(p.commit_charge_kb);
    CHECK(p.commit_charge_kb->value == 723 * 4);
    REQUIRE(p.detail.get() != nullptr);
    auto const& d = *p.detail.get();
    CHECK(d.paged_pool_quota_bytes == 160120);
    CHECK(d.nonpaged_pool_quota_bytes == 14592);
    CHECK(d.working_set_kb == 15548);
    CHECK(d.virtual_size_kb == 2101375ull * 1024);
    CHECK(d.elapsed_time == "00:00:53.132");
    CHECK(d.vad_root == 0xffffa604f669bf30);
    CHECK(c.inputs[0].diagnostics.empty());
}

TEST_CASE("parse::process counts threads and skips their detail (corpus/process/002.txt)") {
    auto const c = dbgsift::read_buffer(slurp(CORPUS_DIR "/process/002.txt"), "002");
    auto const all = processes_of(c);
    REQUIRE(all.size() == 1);
    CHECK(all[0].image == "System");
    CHECK(all[0].handle_count->value == 112);  // "TableSize: 112."
    REQUIRE(all[0].detail.get() != nullptr);
    CHECK(all[0].detail.get()->thread_count == 1);
    CHECK(all[0].detail.get()->working_set_kb == 3 * 4);
    CHECK(c.inputs[0].diagnostics.empty());
}

TEST_CASE("parse::process reports a damaged line and keeps the rest") {
    auto const c = dbgsift::read_buffer("0: kd> !process 0 0\n"
                                        "PROCESS d2b85360  SessionId: 2  Cid: 1bf4    Peb: 7ffdf000  ParentCid: 1688\n"
                                        "DirBase: 7d778dc0  ObjectTable: zz  HandleCount: 18539.\n"
                                        "Image: AppA.exe\n"
                                        "PROCESS b2fcd670  SessionId: 2  Cid: 0818    Peb: 7ffd4000  ParentCid: 1688\n"
                                        "DirBase: 7d778400  ObjectTable: b3ffd8c0  HandleCount: 36252.\n"
                                        "Image: AppB.exe\n");
    auto const all = processes_of(c);
    REQUIRE(all.size() == 2);
    CHECK_FALSE(all[0].handle_count);
    CHECK(all[0].image == "AppA.exe");
    CHECK(all[1].handle_count->value == 36252);
    REQUIRE(c.inputs[0].diagnostics.size() == 1);
    CHECK(c.inputs[0].diagnostics[0].line == 3);
    CHECK(c.inputs[0].diagnostics[0].column >= 30);
}

TEST_CASE("parse::process names a kernel handle table after the process read up to it") {
    // The lines of corpus/handle/005.txt:3-12 under a `!process` prompt, the table's first row
    // moved above the Image line and the name given trailing blanks: the table opened before
    // the Image line has only the Cid; the Image line starts a new table, named.
    auto const c = dbgsift::read_buffer(
        "0: kd> !process 0 0\n"
        "PROCESS fffffa8004f48940\n"
        "    SessionId: none  Cid: 0138    Peb: 7f6639bf000  ParentCid: 0004\n"
        "    DirBase: 10cb74000  ObjectTable: fffff8a00066f700  HandleCount:  39.\n"
        "Handle table at fffff8a00066f700 with 39 entries in use\n"
        "    Image: smss.exe  \t\n"
        "0040: Object: fffff8a000633f00  GrantedAccess: 00000006 (Inherit) Entry: fffff8a000670100\n"
        "Object: fffff8a000633f00  Type: (fffffa80035fef20) Section\n"
        "    ObjectHeader: fffff8a000633ed0 (new version)\n"
        "        HandleCount: 1  PointerCount: 262144\n");
    auto const all = processes_of(c);
    REQUIRE(all.size() == 1);
    CHECK(all[0].image == "smss.exe");
    CHECK(all[0].image_loc.line == 6);
    std::vector<dbgsift::model::HandleSummary> tables;
    for (auto const& s : c.snapshots) {
        tables.insert(tables.end(), s.handles.begin(), s.handles.end());
    }
    REQUIRE(tables.size() == 2);
    CHECK(tables[0].process.empty());
    CHECK(tables[0].process_cid == 0x138);
    CHECK(tables[0].total->value == 39);
    CHECK(tables[1].process == "smss.exe");
    CHECK(tables[1].process_cid == 0x138);
    REQUIRE(tables[1].handles.size() == 1);
    CHECK(tables[1].handles[0].type == "Section");
    CHECK(tables[1].handles[0].pointer_count == 262144);
    CHECK(c.inputs[0].diagnostics.empty());
}

TEST_CASE("parse::process survives garbage") {
    std::string junk = "0: kd> !process 0 0\nPROCESS\nPROCESS ffffffffffffffffffff\n";
    junk += std::string(100000, 'A') + "\n";
    junk += "DirBase: \x01\x02\xff ObjectTable:\n\xfe\xff\x00\x01 binary\nImage:\nTHREAD\n";
    auto const c = dbgsift::read_buffer(junk);
    CHECK(c.inputs.size() == 1);
    CHECK_FALSE(c.inputs[0].diagnostics.empty());
}

TEST_SUITE_END();
