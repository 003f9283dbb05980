// SPDX-License-Identifier: MIT
// Each record the JSON report writes in a MemberRun or ObjectRun, with every optional member
// present and the longest numbers: a run's room is its declared member count times the room
// of the longest member, and a count declared too small is found only when the run writes
// past that room (an assert, in the default build). Real records have short keys and short
// numbers, and rarely every member: the corpus let k_module_members = 3 (of 11) pass. These
// records abort a count whose room (56 bytes a member) is below what they write: for the
// module, 3 aborts and 4 does not; heap -stat's three numbers abort at 1. The evidence (2
// members) and a handle type (3) fit in one member's room: only a count of 0 aborts there.
#include "dbgsift/infer/finding.hpp"
#include "dbgsift/model/case.hpp"
#include "dbgsift/report/report.hpp"

#include <doctest/doctest.h>

#include <boost/json.hpp>

#include <cstdint>
#include <limits>
#include <string>

TEST_SUITE_BEGIN("report/json_record_room");

namespace model = dbgsift::model;
namespace report = dbgsift::report;

namespace {

constexpr std::uint64_t k_most = std::numeric_limits<std::uint64_t>::max();
constexpr std::uint32_t k_most_line = std::numeric_limits<std::uint32_t>::max();
constexpr model::Loc k_loc{k_most_line, k_most_line};  // the largest file and line
constexpr model::Sourced<std::uint64_t> k_sourced{k_most, k_loc};

// The snapshot as its JSON object; the asserts of the runs it writes hold, and the text parses.
boost::json::object written(model::Snapshot const& s) {
    report::JsonWriter w;
    report::write_snapshot(w, s);
    return boost::json::parse(w.text()).as_object();
}

model::Frame full_frame() {
    model::Frame f;
    f.address = k_most;
    f.module = "m";
    f.function = "f";
    f.offset = k_most;
    f.source.fill() = {"s", k_most_line};
    f.loc = k_loc;
    return f;
}

model::HeapEntry full_heap_entry() {
    return {k_most, k_most, k_most, true, "s", false, "h", k_loc};
}

model::LockThread full_lock_thread() {
    model::LockThread t;
    t.thread = k_most;
    t.count = k_most;
    t.current_owner = true;
    t.listed_as = k_most;
    t.state = "s";
    t.wait_reason = "w";
    t.process = k_most;
    t.process_image = "p";
    t.loc = k_loc;
    return t;
}

model::PoolBlock full_pool_block() {
    model::PoolBlock b;
    b.address = k_most;
    b.size = k_most;
    b.previous_size = k_most;
    b.marked = true;
    b.tag = "t";
    b.pool = "p";
    b.protected_tag = true;
    b.process = k_most;
    b.owner = "o";
    b.loc = k_loc;
    return b;
}

model::Process full_process() {
    model::Process p;
    p.address = k_most;
    p.session_id = p.cid = p.parent_cid = p.peb = p.dir_base = p.object_table = k_most;
    p.handle_count = k_sourced;
    p.commit_charge_kb = k_sourced;
    p.image = "i";
    p.loc = k_loc;
    return p;
}

} // namespace

TEST_CASE("json_record_room: a module with every member") {
    model::Module m;
    m.start = m.end = k_most;
    m.name = "n";
    m.symbols = "s";
    m.timestamp = "t";
    m.symbol_file = "f";
    m.detail.fill() = {"p", "i", "c"};
    m.loc = k_loc;
    model::Snapshot s;
    s.modules = {m};
    s.unloaded_modules = {m};
    auto const json = written(s);
    CHECK(json.at("modules").as_array().at(0).as_object().size() == 11);
}

TEST_CASE("json_record_room: a stack frame with every member") {
    model::ThreadStack t;
    t.stack.frames = {full_frame()};
    model::HandleTrace trace;
    model::HandleTraceEntry e{k_most, model::HandleOperation::bad_reference, k_most, k_most, {}, k_loc};
    e.stack.frames = {full_frame()};
    trace.entries = {e};
    model::Snapshot s;
    s.thread_stacks = {t};
    s.handle_traces = {trace};
    auto const json = written(s);
    auto const& entry = json.at("handle_traces").as_array().at(0).at("entries").as_array().at(0);
    CHECK(entry.at("stack").as_array().at(0).as_object().size() == 7);
}

TEST_CASE("json_record_room: heap rows and heap entries with every member") {
    model::Heap h;
    h.address = k_most;
    h.address_text = "a";
    h.flags = h.reserve_kb = h.commit_kb = k_most;
    h.virt_kb = h.free_kb = h.list_length = h.ucr = h.virt_blocks = h.lock_contention = k_most;
    h.lock_bad = true;
    h.fast_heap = "L";
    h.external_fragmentation_percent = h.free_blocks = k_most;
    h.virtual_fragmentation_percent = h.uncommitted_ranges = k_most;
    h.segment_heap = true;
    h.virtual_blocks_listed = h.virtual_block_bytes = k_most;
    h.loc = k_loc;
    model::HeapSummary summary;
    summary.heaps = {h};
    model::HeapFilter filter;
    filter.entries = {full_heap_entry()};
    model::HeapStat stat;
    stat.rows = {{k_most, k_most, k_most, 100.0, k_loc}};
    model::Snapshot s;
    s.heaps = {summary};
    s.heap_filters = {filter};
    s.heap_stats = {stat};
    auto const json = written(s);
    CHECK(json.at("heaps").as_array().at(0).at("heaps").as_array().at(0).as_object().size() == 21);
    CHECK(json.at("heap_filters").as_array().at(0).at("entries").as_array().at(0).as_object().size() == 7);
}

TEST_CASE("json_record_room: handles and handle types with every member") {
    model::HandleEntry e;
    e.handle = k_most;
    e.type = "t";
    e.name = "n";
    e.object = e.attributes = e.handle_count = e.pointer_count = e.granted_access = k_most;
    e.loc = k_loc;
    model::HandleSummary summary;
    summary.handles = {e};
    summary.types = {{"t", model::ObjectType::other, k_most, k_loc}};
    model::Snapshot s;
    s.handles = {summary};
    auto const json = written(s);
    CHECK(json.at("handles").as_array().at(0).at("handles").as_array().at(0).as_object().size() == 9);
}

TEST_CASE("json_record_room: an address region with every member") {
    model::AddressRegion r;
    r.base = r.end = r.size = k_most;
    r.type = "t";
    r.state = "s";
    r.protect = "p";
    r.usage = "u";
    r.details = "d";
    r.loc = k_loc;
    model::AddressSummary summary;
    summary.regions = {r};
    model::Snapshot s;
    s.address = {summary};
    auto const json = written(s);
    CHECK(json.at("address").as_array().at(0).at("regions").as_array().at(0).as_object().size() == 10);
}

TEST_CASE("json_record_room: a lock and its threads with every member") {
    model::Lock l;
    l.symbol = "s";
    l.address = k_most;
    l.exclusive = l.available = true;
    l.shared_owners = k_most;
    l.contention_count = l.shared_waiters = l.exclusive_waiters = k_sourced;
    l.owners = {full_lock_thread()};
    l.waiters = {full_lock_thread()};
    l.loc = k_loc;
    model::Snapshot s;
    s.locks = {l};
    auto const json = written(s);
    CHECK(json.at("locks").as_array().at(0).at("owners").as_array().at(0).as_object().size() == 9);
}

TEST_CASE("json_record_room: pool tags and pool blocks with every member") {
    model::PoolColumns const columns{k_most, k_most, k_most, k_most};
    model::PoolTag tag{"t", columns, columns, "d", "b", true, k_loc};
    model::PoolUsedTable table;
    table.has_nonpaged = table.has_paged = true;
    table.tags = {tag};
    table.total = tag;
    model::PoolFind find;
    find.blocks = {full_pool_block()};
    model::PoolPage page;
    page.blocks = {full_pool_block()};
    model::Snapshot s;
    s.pool = {table};
    s.pool_finds = {find};
    s.pool_pages = {page};
    auto const json = written(s);
    CHECK(json.at("pool_finds").as_array().at(0).at("blocks").as_array().at(0).as_object().size() == 11);
}

TEST_CASE("json_record_room: a process with every member, with and without its detail") {
    model::Process with_detail = full_process();
    with_detail.detail.fill().vad_root = k_most;
    model::Snapshot s;
    s.processes = {full_process(), with_detail};
    auto const json = written(s);
    CHECK(json.at("processes").as_array().at(0).as_object().size() == 13);
}

TEST_CASE("json_record_room: a vm counter with every member") {
    model::VmStats vm;
    vm.counters = {{"n", k_most, k_most, k_loc, true, model::VmCounterId::other}};
    model::Snapshot s;
    s.vm = vm;
    auto const json = written(s);
    CHECK(json.at("vm").at("counters").as_array().at(0).as_object().size() == 5);
}

TEST_CASE("json_record_room: an input's blocks and the notes' evidence with every member") {
    model::Case c;
    model::Input in;
    in.path = "p";
    in.blocks = {{"c", "k", k_most_line, k_most_line, true}};
    c.inputs = {in};
    dbgsift::infer::Report r;
    r.note_evidence = {k_loc, {0, k_most_line}};
    auto const line = report::render_ndjson(c, r, {});
    auto const json = boost::json::parse(line.text()).as_object();
    CHECK(json.at("inputs").as_array().at(0).at("blocks").as_array().at(0).as_object().size() == 5);
    CHECK(json.at("note_evidence").as_array().size() == 2);
}
