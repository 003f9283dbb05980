// SPDX-License-Identifier: MIT
#include "json_sections.hpp"

namespace dbgsift::report {
namespace {

void heap_json(JsonWriter& w, model::Heap const& h) {
    w.begin_object();
    w.member("address", h.address_text);
    w.member("flags", h.flags);
    w.member("reserve_kb", h.reserve_kb);
    w.member("commit_kb", h.commit_kb);
    w.member("virt_kb", h.virt_kb);
    w.member("free_kb", h.free_kb);
    w.member("list_length", h.list_length);
    w.member("ucr", h.ucr);
    w.member("virt_blocks", h.virt_blocks);
    w.member("lock_contention", h.lock_contention);
    if (h.lock_bad) {
        w.member("lock_not_serialized", true);  // the debugger printed "bad": the heap has no lock
    }
    w.text_or_null("fast_heap", h.fast_heap);
    w.member("external_fragmentation_percent", h.external_fragmentation_percent);
    w.member_if("free_blocks", h.free_blocks);
    if (h.virtual_fragmentation_percent) {
        w.member("virtual_fragmentation_percent", *h.virtual_fragmentation_percent);
        w.member("uncommitted_ranges", h.uncommitted_ranges);
    }
    if (h.virtual_blocks_listed > 0) {
        w.member("virtual_blocks_listed", h.virtual_blocks_listed);
        w.member("virtual_block_bytes", h.virtual_block_bytes);
    }
    if (h.segment_heap) {
        w.member("segment_heap", true);
    }
    put_loc(w, h.loc);
    w.end_object();
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
