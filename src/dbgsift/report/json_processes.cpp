// SPDX-License-Identifier: MIT
// "processes": one object per PROCESS block; unknown values are null (core ids) or omitted
// (detail rows of the richer flags), never 0.
#include "json_sections.hpp"

namespace dbgsift::report {
namespace {

void process_json(JsonWriter& w, model::Process const& p) {
    w.begin_object();
    w.member("address", p.address);
    w.member("session_id", p.session_id);
    w.member("cid", p.cid);
    w.member("parent_cid", p.parent_cid);
    w.member("peb", p.peb);
    w.member("dir_base", p.dir_base);
    w.member("object_table", p.object_table);
    w.member("handle_count", p.handle_count);
    w.text_or_null("image", p.image);
    w.member("commit_charge_kb", p.commit_charge_kb);
    w.member_if("vad_root", p.vad_root);
    w.member_if("private_pages", p.private_pages);
    w.member_if("elapsed_time", p.elapsed_time);
    w.member_if("user_time", p.user_time);
    w.member_if("kernel_time", p.kernel_time);
    w.member_if("paged_pool_quota_bytes", p.paged_pool_quota_bytes);
    w.member_if("nonpaged_pool_quota_bytes", p.nonpaged_pool_quota_bytes);
    w.member_if("working_set_kb", p.working_set_kb);
    w.member_if("peak_working_set_pages", p.peak_working_set_pages);
    w.member_if("page_faults", p.page_faults);
    w.member_if("base_priority", p.base_priority);
    w.member_if("virtual_size_kb", p.virtual_size_kb);
    w.member_if("peak_virtual_size_kb", p.peak_virtual_size_kb);
    w.member_if("thread_count", p.thread_count);
    if (p.handle_count) {
        w.member("handle_count_line", p.handle_count->loc.line);
    }
    put_loc(w, p.loc);
    w.end_object();
}

} // namespace

void add_processes(JsonWriter& w, model::Snapshot const& s) {
    w.array_member_if_any("processes", s.processes, process_json);
}

} // namespace dbgsift::report
