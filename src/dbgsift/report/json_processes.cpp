// SPDX-License-Identifier: MIT
// "processes": one object per PROCESS block; unknown values are null (core ids) or omitted
// (detail rows of the richer flags), never 0.
#include "json_sections.hpp"

namespace dbgsift::report {
namespace {

// The members of the richer flags' rows, each only when printed.
void detail_json(JsonWriter& w, model::ProcessDetail const& d) {
    w.member_if("vad_root", d.vad_root);
    w.member_if("private_pages", d.private_pages);
    w.member_if("elapsed_time", d.elapsed_time);
    w.member_if("user_time", d.user_time);
    w.member_if("kernel_time", d.kernel_time);
    w.member_if("paged_pool_quota_bytes", d.paged_pool_quota_bytes);
    w.member_if("nonpaged_pool_quota_bytes", d.nonpaged_pool_quota_bytes);
    w.member_if("working_set_kb", d.working_set_kb);
    w.member_if("peak_working_set_pages", d.peak_working_set_pages);
    w.member_if("page_faults", d.page_faults);
    w.member_if("base_priority", d.base_priority);
    w.member_if("virtual_size_kb", d.virtual_size_kb);
    w.member_if("peak_virtual_size_kb", d.peak_virtual_size_kb);
    w.member_if("thread_count", d.thread_count);
}

// Where the process was read.
[[gnu::always_inline]] inline void tail_members(JsonWriter::MemberRun& run, model::Process const& p) {
    if (p.handle_count) {
        run.member("handle_count_line", p.handle_count->loc.line);
    }
    loc_members(run, p.loc);
}
constexpr std::size_t k_tail_members = 3;

// The PROCESS line and the ids line: most of a process's members.
[[gnu::always_inline]] inline void head_members(JsonWriter::MemberRun& run, model::Process const& p) {
    run.member("address", p.address);
    run.member("session_id", p.session_id);
    run.member("cid", p.cid);
    run.member("parent_cid", p.parent_cid);
    run.member("peb", p.peb);
    run.member("dir_base", p.dir_base);
    run.member("object_table", p.object_table);
    run.member("handle_count", p.handle_count);
    run.text_or_null("image", p.image);
    run.member("commit_charge_kb", p.commit_charge_kb);
}
constexpr std::size_t k_head_members = 10;

void process_json(JsonWriter& w, model::Process const& p) {
    auto const* d = p.detail.get();
    if (d == nullptr) {  // most processes: one object run
        JsonWriter::ObjectRun run(w, k_head_members + k_tail_members, p.image.size());
        head_members(run, p);
        tail_members(run, p);
        return;
    }
    w.begin_object();
    {
        JsonWriter::MemberRun run(w, k_head_members, p.image.size());
        head_members(run, p);
    }
    detail_json(w, *d);
    {
        JsonWriter::MemberRun run(w, k_tail_members);
        tail_members(run, p);
    }
    w.end_object();
}

} // namespace

void add_processes(JsonWriter& w, model::Snapshot const& s) {
    w.array_member_if_any("processes", s.processes, process_json);
}

} // namespace dbgsift::report
