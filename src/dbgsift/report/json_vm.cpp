// SPDX-License-Identifier: MIT
// "vm": the `!vm` / `!vm 4` model as JSON. Unknown values are left out, never written as 0.
#include "json_sections.hpp"

namespace dbgsift::report {
namespace {

std::string_view warning_kind(model::VmWarningKind kind) {
    switch (kind) {
    case model::VmWarningKind::excessive_nonpaged: return "excessive_nonpaged";
    case model::VmWarningKind::excessive_paged: return "excessive_paged";
    case model::VmWarningKind::commit_near_limit: return "commit_near_limit";
    case model::VmWarningKind::failed_allocations: return "failed_allocations";
    case model::VmWarningKind::stack_pte_failures: return "stack_pte_failures";
    case model::VmWarningKind::stack_growth_failures: return "stack_growth_failures";
    case model::VmWarningKind::commit_failures: return "commit_failures";
    case model::VmWarningKind::other: break;
    }
    return "other";
}

void session_json(JsonWriter& w, model::SessionPool const& s, bool with_id) {
    w.begin_object();
    if (with_id) {
        w.member("id", s.id);
    }
    w.member_if("paged_pool_kb", s.paged_pool_kb);
    w.member_if("nonpaged_kb", s.nonpaged_kb);
    w.member_if("commit_kb", s.commit_kb);
    w.member_if("failures", s.failures);
    put_loc(w, s.loc);
    if (s.paged_pool_kb) {
        w.member("paged_pool_line", s.paged_pool_loc.line);
    }
    if (s.failures) {
        w.member("failures_line", s.failures_loc.line);
    }
    if (s.commit_kb) {
        w.member("commit_line", s.commit_loc.line);
    }
    w.end_object();
}

// Handy totals for scripts, each only when the debugger printed its row.
void put_convenience(JsonWriter& w, model::VmStats const& vm) {
    using Id = model::VmCounterId;
    auto put = [&](JsonKey key, Id id) {
        if (auto const* c = vm.find(id)) {
            w.member(key, c->pages);
        }
    };
    put("physical_pages", Id::physical_memory);
    put("nonpaged_usage_pages", Id::nonpaged_pool_usage);
    put("nonpaged_nx_usage_pages", Id::nonpaged_pool_nx_usage);
    put("nonpaged_max_pages", Id::nonpaged_pool_max);
    put("paged_usage_pages", Id::paged_pool_usage);
    put("paged_max_pages", Id::paged_pool_maximum);
    put("committed_pages", Id::committed_pages);
    put("commit_limit_pages", Id::commit_limit);
}

void counter_json(JsonWriter& w, model::VmCounter const& c) {
    JsonWriter::ObjectRun run(w, 5, c.name.size());
    run.text("name", c.name);
    run.member("pages", c.pages);
    if (c.has_kb) {
        run.member("kb", c.kb);
    }
    loc_members(run, c.loc);
}

void page_file_json(JsonWriter& w, model::PageFile const& pf) {
    w.begin_object();
    w.key("path");
    if (pf.named) {
        w.value(pf.path);
    } else {
        w.value(nullptr);  // "No Name for Paging File"
    }
    w.member_if("current_kb", pf.current_kb);
    w.member_if("free_kb", pf.free_kb);
    w.member_if("minimum_kb", pf.minimum_kb);
    w.member_if("maximum_kb", pf.maximum_kb);
    put_loc(w, pf.loc);
    w.end_object();
}

void warnings_json(JsonWriter& w, model::VmStats const& vm) {
    w.begin_array();
    for (std::size_t i = 0; i < vm.warnings.size(); ++i) {
        w.begin_object();
        w.member("text", vm.warnings[i]);
        if (i < vm.warning_kinds.size()) {
            w.member("kind", warning_kind(vm.warning_kinds[i]));
        }
        if (i < vm.warning_locs.size()) {
            put_loc(w, vm.warning_locs[i]);
        }
        w.end_object();
    }
    w.end_array();
}

// A failure counter: {"value", "line", "file"}, only when the debugger printed it.
template <typename Counter>
void counter_member_if(JsonWriter& w, JsonKey key, Counter const& counter) {
    if (counter) {
        w.key(key);
        w.begin_object();
        w.member("value", counter->value);
        put_loc(w, counter->loc);
        w.end_object();
    }
}

void process_commit_json(JsonWriter& w, model::VmProcessCommit const& p) {
    w.begin_object();
    w.member("pid", p.pid);
    w.member("image", p.image);
    w.member("commit_kb", p.commit_kb);
    w.member_if("commit_pages", p.commit_pages);
    w.member_if("shared_commit_kb", p.shared_commit_kb);
    w.member_if("debt_kb", p.debt_kb);
    put_loc(w, p.loc);
    w.end_object();
}

} // namespace

void add_vm(JsonWriter& w, model::Snapshot const& s) {
    if (!s.vm) {
        return;
    }
    auto const& vm = *s.vm;
    w.key("vm");
    w.begin_object();
    put_loc(w, vm.loc);
    w.array_member("counters", vm.counters, counter_json);
    put_convenience(w, vm);
    w.array_member("page_files", vm.page_files, page_file_json);
    w.key("warnings");
    warnings_json(w, vm);
    counter_member_if(w, "failed_allocations", vm.failed_allocations);
    counter_member_if(w, "stack_pte_failures", vm.stack_pte_failures);
    counter_member_if(w, "stack_growth_failures", vm.stack_growth_failures);
    counter_member_if(w, "commit_failures", vm.commit_failures);
    if (vm.session_paged_pool_max_kb) {
        w.member("session_paged_pool_max_kb", vm.session_paged_pool_max_kb->value);
        w.member("session_paged_pool_max_line", vm.session_paged_pool_max_kb->loc.line);
    }
    if (vm.session_view_space_max_kb) {
        w.member("session_view_space_max_kb", vm.session_view_space_max_kb->value);
        w.member("session_view_space_max_line", vm.session_view_space_max_kb->loc.line);
    }
    w.array_member("sessions", vm.sessions,
                   [](JsonWriter& w, model::SessionPool const& session) { session_json(w, session, true); });
    if (vm.session_summary) {
        w.key("session_summary");
        session_json(w, *vm.session_summary, false);
    }
    w.array_member("process_commits", vm.process_commits, process_commit_json);
    w.end_object();
}

} // namespace dbgsift::report
