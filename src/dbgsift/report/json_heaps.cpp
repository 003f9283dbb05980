// SPDX-License-Identifier: MIT
#include "json_sections.hpp"

namespace dbgsift::report {
namespace {

// The keys every heap has ("address" ... "external_fragmentation_percent", "line", "file");
// the optional ones below add up to 9 more.
constexpr std::size_t k_heap_core_keys = 14;

boost::json::object heap_json(model::Heap const& h) {
    auto o = object_with_room(k_heap_core_keys);
    o.emplace("address", h.address_text);
    o.emplace("flags", h.flags);
    o.emplace("reserve_kb", h.reserve_kb);
    o.emplace("commit_kb", h.commit_kb);
    o.emplace("virt_kb", or_null(h.virt_kb));
    o.emplace("free_kb", or_null(h.free_kb));
    o.emplace("list_length", or_null(h.list_length));
    o.emplace("ucr", or_null(h.ucr));
    o.emplace("virt_blocks", or_null(h.virt_blocks));
    o.emplace("lock_contention", or_null(h.lock_contention));
    if (h.lock_bad) {
        o.emplace("lock_not_serialized", true);  // the debugger printed "bad": the heap has no lock
    }
    o.emplace("fast_heap", h.fast_heap.empty() ? boost::json::value(nullptr) : boost::json::value(h.fast_heap, json_storage()));
    o.emplace("external_fragmentation_percent", or_null(h.external_fragmentation_percent));
    if (h.free_blocks) {
        o.emplace("free_blocks", *h.free_blocks);
    }
    if (h.virtual_fragmentation_percent) {
        o.emplace("virtual_fragmentation_percent", *h.virtual_fragmentation_percent);
        o.emplace("uncommitted_ranges", or_null(h.uncommitted_ranges));
    }
    if (h.virtual_blocks_listed > 0) {
        o.emplace("virtual_blocks_listed", h.virtual_blocks_listed);
        o.emplace("virtual_block_bytes", h.virtual_block_bytes);
    }
    if (h.segment_heap) {
        o.emplace("segment_heap", true);
    }
    o.emplace("line", h.loc.line);
    o.emplace("file", h.loc.file);
    return o;
}

} // namespace

void add_heaps(boost::json::object& out, model::Snapshot const& s) {
    if (s.heaps.empty()) {
        return;
    }
    boost::json::array all(json_storage());
    all.reserve(s.heaps.size());
    for (auto const& summary : s.heaps) {
        boost::json::array heaps(json_storage());
        heaps.reserve(summary.heaps.size());
        for (auto const& h : summary.heaps) {
            heaps.push_back(heap_json(h));
        }
        boost::json::object o(json_storage());
        o.emplace("stack_traces_enabled", summary.stack_traces_enabled);
        o.emplace("heaps", std::move(heaps));
        o.emplace("line", summary.loc.line);
        o.emplace("file", summary.loc.file);
        all.push_back(std::move(o));
    }
    out.emplace("heaps", std::move(all));
}

} // namespace dbgsift::report
