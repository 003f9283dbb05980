// SPDX-License-Identifier: MIT
#include "json_sections.hpp"

namespace dbgsift::report {
namespace {

// The members heap_json writes with every optional one present (a run's room is counted from
// it): 12 always, free_blocks, lock_not_serialized, two pairs, segment_heap, line and file.
constexpr std::size_t k_heap_members = 21;

void heap_json(JsonWriter& w, model::Heap const& h) {
    JsonWriter::ObjectRun run(w, k_heap_members, h.address_text.size() + h.fast_heap.size());
    run.text("address", h.address_text);
    run.member("flags", h.flags);
    run.member("reserve_kb", h.reserve_kb);
    run.member("commit_kb", h.commit_kb);
    run.member("virt_kb", h.virt_kb);
    run.member("free_kb", h.free_kb);
    run.member("list_length", h.list_length);
    run.member("ucr", h.ucr);
    run.member("virt_blocks", h.virt_blocks);
    run.member("lock_contention", h.lock_contention);
    if (h.lock_bad) {
        run.member("lock_not_serialized", true);  // the debugger printed "bad": the heap has no lock
    }
    run.text_or_null("fast_heap", h.fast_heap);
    run.member("external_fragmentation_percent", h.external_fragmentation_percent);
    run.member_if("free_blocks", h.free_blocks);
    if (h.virtual_fragmentation_percent) {
        run.member("virtual_fragmentation_percent", *h.virtual_fragmentation_percent);
        run.member("uncommitted_ranges", h.uncommitted_ranges);
    }
    if (h.virtual_blocks_listed > 0) {
        run.member("virtual_blocks_listed", h.virtual_blocks_listed);
        run.member("virtual_block_bytes", h.virtual_block_bytes);
    }
    if (h.segment_heap) {
        run.member("segment_heap", true);
    }
    loc_members(run, h.loc);
}

void summary_json(JsonWriter& w, model::HeapSummary const& summary) {
    w.begin_object();
    w.member("stack_traces_enabled", summary.stack_traces_enabled);
    w.array_member("heaps", summary.heaps, heap_json);
    put_loc(w, summary.loc);
    w.end_object();
}

} // namespace

void add_heaps(JsonWriter& w, model::Snapshot const& s) {
    w.array_member_if_any("heaps", s.heaps, summary_json);
}

} // namespace dbgsift::report
