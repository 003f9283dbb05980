// SPDX-License-Identifier: MIT
// Whole lm / memory-search blocks through the reader and their parsers.
#include "dbgsift/parse/commands.hpp"
#include "dbgsift/pipeline.hpp"

#include <doctest/doctest.h>
#include <fstream>
#include <sstream>
#include "support/files.hpp"

namespace {
using dbgsift::test::slurp;

} // namespace

TEST_SUITE_BEGIN("parse/lm");

TEST_CASE("lm and search specs") {
    auto const lm = dbgsift::parse::lm_spec();
    CHECK(lm.is_command("lmv m MyAVDrv.sys"));
    CHECK(lm.is_command("lm a fffff880`044b63aa"));
    CHECK(lm.is_header("start             end                 module name"));
    CHECK(lm.slot("lm") == "");
    auto const s = dbgsift::parse::search_spec();
    CHECK(s.is_command("!for_each_module s -a @#Base @#End \"Leak\""));
    CHECK(s.is_command("s -a 0 L?80000000 \"Leak\""));
    CHECK_FALSE(s.is_command("sxe ld"));
    CHECK(s.slot("s -a 0 L1 \"x\"") == "");
}

TEST_CASE("seed002 MyAV: six unloads of one driver are all kept") {
    // corpus/acceptance/seed002-myav.log:46-64
    auto const c = dbgsift::read_path(std::string(CORPUS_DIR) + "/acceptance/seed002-myav.log", 0);
    std::vector<dbgsift::model::Module> unloaded;
    for (auto const& s : c.snapshots) {
        unloaded.insert(unloaded.end(), s.unloaded_modules.begin(), s.unloaded_modules.end());
    }
    REQUIRE(unloaded.size() == 6);
    CHECK(unloaded[0].name == "MyAVDrv.sys");
    CHECK(unloaded[0].start == 0xa5069000u);
    CHECK(unloaded[0].end == 0xa5084000u);
    CHECK(unloaded[0].timestamp == "unavailable (00000000)");
    REQUIRE(unloaded[0].detail.get() != nullptr);
    CHECK(unloaded[0].detail.get()->checksum == "00000000");
    CHECK(unloaded[5].start == 0xbe775000u);
    CHECK(c.inputs[0].diagnostics.empty());
}

TEST_CASE("seed003: two lm a of one module are one module; search hits carry the pattern") {
    auto const c = dbgsift::read_path(std::string(CORPUS_DIR) + "/acceptance/seed003-leak.log", 0);
    std::vector<dbgsift::model::Module> modules;
    std::vector<dbgsift::model::MemoryHit> hits;
    for (auto const& s : c.snapshots) {
        modules.insert(modules.end(), s.modules.begin(), s.modules.end());
        hits.insert(hits.end(), s.memory_hits.begin(), s.memory_hits.end());
    }
    REQUIRE(modules.size() == 1);
    CHECK(modules[0].name == "myfault");
    CHECK(modules[0].start == 0xfffff880044b5000ULL);
    CHECK(modules[0].end == 0xfffff880044bc000ULL);
    CHECK(modules[0].symbols == "(no symbols)");
    REQUIRE(hits.size() == 2);
    CHECK(hits[0].address == 0xfffff880044b63aaULL);
    CHECK(hits[0].pattern == "Leak");
    CHECK(hits[0].text == "Leak;..B.A.I....");
    CHECK(hits[1].address == 0xfffff880044b6621ULL);
    CHECK(c.inputs[0].diagnostics.empty());
}

TEST_CASE("a repeated row is found below the highest kept start, in its listing or a later one") {
    // Rows of corpus/lm/012.txt:3-7. LmParser looks for a repeat only when a row starts at or
    // below the highest kept start (a listing is printed by ascending address): a repeat out
    // of order, in the same listing or the next, is still one module, and a lower new row is
    // still kept.
    auto const c = dbgsift::read_buffer(
        "0:003> lm\n"
        "start             end                 module name\n"
        "00007ffb`afbe0000 00007ffb`afca6000   efswrt     (deferred)\n"
        "00007ffc`1db00000 00007ffc`1dba8000   shcore     (deferred)\n"
        "00007ffb`afbe0000 00007ffb`afca6000   efswrt     (deferred)\n"
        "00007ff7`53820000 00007ff7`53863000   notepad    (deferred)\n"
        "0:003> lm\n"
        "start             end                 module name\n"
        "00007ffb`afbe0000 00007ffb`afca6000   efswrt     (deferred)\n"
        "00007ffc`1db00000 00007ffc`1dba8000   shcore     (deferred)\n"
        "00007ffc`1dbb0000 00007ffc`1dc74000   OLEAUT32   (deferred)\n");
    std::vector<dbgsift::model::Module> modules;
    for (auto const& s : c.snapshots) {
        modules.insert(modules.end(), s.modules.begin(), s.modules.end());
    }
    REQUIRE(modules.size() == 4);
    CHECK(modules[0].name == "efswrt");
    CHECK(modules[0].loc.line == 3);  // the first row kept; its repeats (lines 5, 9) merged into it
    CHECK(modules[1].name == "shcore");
    CHECK(modules[2].name == "notepad");
    CHECK(modules[2].start == 0x00007ff753820000ULL);
    CHECK(modules[3].name == "OLEAUT32");
    CHECK(c.inputs[0].diagnostics.empty());
}

TEST_CASE("lmv verbose block: detail lines attach, unmodelled ones are ignored") {
    // corpus/lm/014.txt
    auto const c = dbgsift::read_buffer(slurp(std::string(CORPUS_DIR) + "/lm/014.txt"));
    REQUIRE(c.snapshots.size() == 1);
    REQUIRE(c.snapshots[0].modules.size() == 1);
    auto const& m = c.snapshots[0].modules[0];
    CHECK(m.name == "notepad");
    REQUIRE(m.detail.get() != nullptr);
    CHECK(m.detail.get()->image_path == "notepad.exe");
    CHECK(m.detail.get()->image_name == "notepad.exe");
    CHECK(m.detail.get()->checksum == "0005E412");
    CHECK(m.timestamp == "2800487F (This is a reproducible build file hash, not a timestamp)");
    CHECK(c.inputs[0].diagnostics.empty());
}

TEST_CASE("x86 lm with an Unloaded modules: section") {
    // corpus/lm/002.txt
    auto const c = dbgsift::read_buffer(slurp(std::string(CORPUS_DIR) + "/lm/002.txt"));
    auto const& s = c.snapshots.at(0);
    REQUIRE(s.modules.size() == 6);
    CHECK(s.modules[0].name == "sysaudio");
    CHECK(s.modules[0].end == 0xf9f7fd80u);
    CHECK(s.modules[4].symbol_file == "e:\\mysymbols\\SereEnum.pdb\\.......");
    REQUIRE(s.unloaded_modules.size() == 3);
    CHECK(s.unloaded_modules[2].name == "Sfloppy.SYS");
}

TEST_CASE("rows wrapped by a PDF: a cut address and a cut symbol path") {
    // corpus/lm/012.txt:17-22
    auto const c = dbgsift::read_buffer(slurp(std::string(CORPUS_DIR) + "/lm/012.txt"));
    auto const& mods = c.snapshots.at(0).modules;
    auto const msvcrt = std::find_if(mods.begin(), mods.end(), [](auto const& m) { return m.name == "msvcrt"; });
    REQUIRE(msvcrt != mods.end());
    CHECK(msvcrt->start == 0x00007ffc1fca0000ULL);
    CHECK(msvcrt->end == 0x00007ffc1fd3e000ULL);
    auto const k32 = std::find_if(mods.begin(), mods.end(), [](auto const& m) { return m.name == "KERNEL32"; });
    REQUIRE(k32 != mods.end());
    CHECK(k32->symbol_file == "c:\\symbols\\ker\\nel32.pdb\\3B92DED9912D874A2BD08735BC0199A31\\kernel32.pdb");
    CHECK(c.inputs[0].diagnostics.empty());
}

TEST_CASE("a full kernel lm collapsed by a web page") {
    // corpus/lm/017.txt: ~210 modules, one in **bold**, then 9 unloaded
    auto const c = dbgsift::read_buffer(slurp(std::string(CORPUS_DIR) + "/lm/017.txt"));
    auto const& s = c.snapshots.at(0);
    CHECK(s.modules.size() == 210);
    CHECK(s.unloaded_modules.size() == 9);
    CHECK(c.inputs[0].diagnostics.empty());
}

TEST_CASE("lm garbage: a diagnostic per bad line, never a crash") {
    auto const c = dbgsift::read_buffer("0: kd> lm\nstart end module name\n\xff\xfe garbage\n"
                                        "fffff880`044b5000 fffff880`044bc000   myfault    (no symbols)\n"
                                        "1234\n0: kd> s -a 0 L1 \"x\"\nnot a hit\n");
    CHECK(c.snapshots.at(0).modules.size() == 1);
    CHECK(c.inputs[0].diagnostics.size() >= 2);
}

TEST_SUITE_END();
