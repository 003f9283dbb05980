// SPDX-License-Identifier: MIT
// "heap_stats", "heap_filters", "heap_blocks", "heap_usage", "umdh": the follow-up heap commands.
#include "json_sections.hpp"

namespace dbgsift::report {
namespace {

// A frame, one object run.
void frame_json(JsonWriter& w, model::Frame const& f) {
    auto const* source = f.source.get();
    bool const sourced = source != nullptr && !source->file.empty();
    JsonWriter::ObjectRun run(w, 7, f.module.size() + f.function.size() + (sourced ? source->file.size() : 0));
    run.member("address", f.address);
    run.text("module", f.module);
    run.text("function", f.function);
    run.member("offset", f.offset);
    if (sourced) {
        run.text("source_file", source->file);
        run.member("source_line", source->line);
    }
    run.member("line", f.loc.line);
}

} // namespace

void write_stack(JsonWriter& w, model::Stack const& s) { w.array(s.frames, frame_json); }

namespace {

void entry_json(JsonWriter& w, model::HeapEntry const& e) {
    JsonWriter::ObjectRun run(w, 7, e.state.size() + e.heap.size());
    run.member("entry", e.entry);
    run.member("user_ptr", e.user_ptr);
    run.member("user_size", e.user_size);
    run.member("busy", e.busy);
    run.text("state", e.state);
    run.text("heap", e.heap);
    run.member("line", e.loc.line);
}

// A !heap -stat row's size and counts, one run.
void stat_numbers_json(JsonWriter& w, model::HeapStatRow const& r) {
    JsonWriter::MemberRun run(w, 3);
    run.member("size", r.size);
    run.member("blocks", r.blocks);
    run.member("total", r.total);
}

void stat_json(JsonWriter& w, model::HeapStat const& stat) {
    w.begin_object();
    w.member("heap", stat.heap);
    w.member("group_by", to_string(stat.group_by));
    w.array_member("rows", stat.rows, [](JsonWriter& w, auto const& r) {
        w.begin_object();
        stat_numbers_json(w, r);
        w.member("percent", r.percent);
        w.member("line", r.loc.line);
        w.end_object();
    });
    put_loc(w, stat.loc);
    w.end_object();
}

void filter_json(JsonWriter& w, model::HeapFilter const& filter) {
    w.begin_object();
    w.member("size", filter.size);
    w.array_member("entries", filter.entries, entry_json);
    put_loc(w, filter.loc);
    w.end_object();
}

void block_json(JsonWriter& w, model::HeapBlock const& b) {
    w.begin_object();
    w.member("address", b.address);
    w.member("heap", b.heap);
    w.member("page_heap", b.page_heap);
    w.key("entry");
    w.value_or_null(b.entry, entry_json);
    w.key("stack");
    write_stack(w, b.stack);
    put_loc(w, b.loc);
    w.end_object();
}

void usage_json(JsonWriter& w, model::HeapUsage const& u) {
    w.begin_object();
    w.member("heap", u.heap);
    w.member("segments", u.segments);
    w.member("reserved", u.reserved);
    w.member("committed", u.committed);
    w.member("virtual_blocks", u.virtual_blocks);
    w.member("virtual_bytes", u.virtual_bytes);
    put_loc(w, u.loc);
    w.end_object();
}

void leak_json(JsonWriter& w, model::HeapLeak const& l) {
    w.begin_object();
    w.member("entry", l.entry);
    w.member("user", l.user);
    w.member("heap", l.heap);
    w.member("size", l.size);
    w.array_member("flags", l.flags);
    w.member("line", l.loc.line);
    w.end_object();
}

void leak_scan_json(JsonWriter& w, model::HeapLeakScan const& scan) {
    w.begin_object();
    w.member("detected", scan.detected);
    w.array_member("leaks", scan.leaks, leak_json);
    put_loc(w, scan.loc);
    w.end_object();
}

void trace_json(JsonWriter& w, model::UmdhTrace const& t) {
    w.begin_object();
    w.member("backtrace", t.backtrace);
    w.member("grew", t.grew);
    w.member("delta", t.delta);
    w.member("after", t.after);
    w.member("before", t.before);
    w.member("line", t.loc.line);
    w.member("allocs", t.allocs);
    w.member_if("allocs_delta", t.allocs_delta);
    w.key("stack");
    write_stack(w, t.stack);
    w.end_object();
}

void umdh_json(JsonWriter& w, model::UmdhComparison const& u) {
    w.begin_object();
    w.member("radix", u.decimal ? 10 : 16);
    w.array_member("traces", u.traces, trace_json);
    w.member("total", u.total);
    put_loc(w, u.loc);
    w.end_object();
}

} // namespace

void add_heap_detail(JsonWriter& w, model::Snapshot const& s) {
    w.array_member_if_any("heap_stats", s.heap_stats, stat_json);
    w.array_member_if_any("heap_filters", s.heap_filters, filter_json);
    w.array_member_if_any("heap_blocks", s.heap_blocks, block_json);
    w.array_member_if_any("heap_usage", s.heap_usage, usage_json);
    w.array_member_if_any("heap_leaks", s.heap_leaks, leak_scan_json);
    w.array_member_if_any("umdh", s.umdh, umdh_json);
}

} // namespace dbgsift::report
