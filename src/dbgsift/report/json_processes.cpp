// SPDX-License-Identifier: MIT
// "processes": one object per PROCESS block; unknown values are null (core ids) or omitted
// (detail rows of the richer flags), never 0.
#include "json_sections.hpp"

namespace dbgsift::report {
namespace {

namespace json = boost::json;

void put_if(json::object& o, std::string_view key, std::optional<std::uint64_t> const& v) {
    if (v) {
        o.emplace(key, *v);
    }
}

void put_if(json::object& o, std::string_view key, std::string const& v) {
    if (!v.empty()) {
        o.emplace(key, v);
    }
}

// The keys every process has (10, "handle_count_line", "line", "file"): all a `!process 0 0`
// row writes; the detail rows of the richer flags add up to 14 more.
constexpr std::size_t k_process_core_keys = 13;

json::object process_json(model::Process const& p) {
    auto o = object_with_room(k_process_core_keys);
    o.emplace("address", p.address);
    o.emplace("session_id", or_null(p.session_id));
    o.emplace("cid", or_null(p.cid));
    o.emplace("parent_cid", or_null(p.parent_cid));
    o.emplace("peb", or_null(p.peb));
    o.emplace("dir_base", or_null(p.dir_base));
    o.emplace("object_table", or_null(p.object_table));
    o.emplace("handle_count", or_null(p.handle_count));
    o.emplace("image", p.image.empty() ? json::value(nullptr) : json::value(p.image, json_storage()));
    o.emplace("commit_charge_kb", or_null(p.commit_charge_kb));
    put_if(o, "vad_root", p.vad_root);
    put_if(o, "private_pages", p.private_pages);
    put_if(o, "elapsed_time", p.elapsed_time);
    put_if(o, "user_time", p.user_time);
    put_if(o, "kernel_time", p.kernel_time);
    put_if(o, "paged_pool_quota_bytes", p.paged_pool_quota_bytes);
    put_if(o, "nonpaged_pool_quota_bytes", p.nonpaged_pool_quota_bytes);
    put_if(o, "working_set_kb", p.working_set_kb);
    put_if(o, "peak_working_set_pages", p.peak_working_set_pages);
    put_if(o, "page_faults", p.page_faults);
    put_if(o, "base_priority", p.base_priority);
    put_if(o, "virtual_size_kb", p.virtual_size_kb);
    put_if(o, "peak_virtual_size_kb", p.peak_virtual_size_kb);
    put_if(o, "thread_count", p.thread_count);
    if (p.handle_count) {
        o.emplace("handle_count_line", p.handle_count->loc.line);
    }
    o.emplace("line", p.loc.line);
    o.emplace("file", p.loc.file);
    return o;
}

} // namespace

void add_processes(boost::json::object& out, model::Snapshot const& s) {
    if (s.processes.empty()) {
        return;
    }
    json::array all(json_storage());
    all.reserve(s.processes.size());
    for (auto const& p : s.processes) {
        all.push_back(process_json(p));
    }
    out.emplace("processes", std::move(all));
}

} // namespace dbgsift::report
