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

// Where the process was read, one run.
void tail_json(JsonWriter& w, model::Process const& p) {
    JsonWriter::MemberRun run(w, 3);
    if (p.handle_count) {
        run.member("handle_count_line", p.handle_count->loc.line);
    }
    run.member("line", p.loc.line);
    run.member("file", p.loc.file);
}

// The PROCESS line and the ids line, one run: most of a process's members.
void head_json(JsonWriter& w, model::Process const& p) {
    JsonWriter::MemberRun run(w, 10, p.image.size());
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

void process_json(JsonWriter& w, model::Process const& p) {
    w.begin_object();
    head_json(w, p);
    if (auto const* d = p.detail.get()) {
        detail_json(w, *d);
    }
    tail_json(w, p);
    w.end_object();
}

} // namespace

void add_processes(JsonWriter& w, model::Snapshot const& s) {
    w.array_member_if_any("processes", s.processes, process_json);
}

} // namespace dbgsift::report
