// SPDX-License-Identifier: MIT
// "vm": the `!vm` / `!vm 4` model as JSON. Unknown values are left out, never written as 0.
#include "json_sections.hpp"

namespace dbgsift::report {
namespace {

namespace json = boost::json;

void put_loc(json::object& o, model::Loc const& loc) {
    o.emplace("line", loc.line);
    o.emplace("file", loc.file);
}

template <typename T>
void put_opt(json::object& o, std::string_view key, std::optional<T> const& value) {
    if (value) {
        o.emplace(key, *value);
    }
}

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

json::object session_json(model::SessionPool const& s, bool with_id) {
    json::object o(json_storage());
    if (with_id) {
        o.emplace("id", s.id);
    }
    put_opt(o, "paged_pool_kb", s.paged_pool_kb);
    put_opt(o, "nonpaged_kb", s.nonpaged_kb);
    put_opt(o, "commit_kb", s.commit_kb);
    put_opt(o, "failures", s.failures);
    put_loc(o, s.loc);
    if (s.paged_pool_kb) {
        o.emplace("paged_pool_line", s.paged_pool_loc.line);
    }
    if (s.failures) {
        o.emplace("failures_line", s.failures_loc.line);
    }
    if (s.commit_kb) {
        o.emplace("commit_line", s.commit_loc.line);
    }
    return o;
}

// Handy totals for scripts, each only when the debugger printed its row.
void put_convenience(json::object& o, model::VmStats const& vm) {
    using Id = model::VmCounterId;
    auto put = [&](std::string_view key, Id id) {
        if (auto const* c = vm.find(id)) {
            o.emplace(key, c->pages);
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

} // namespace

void add_vm(boost::json::object& out, model::Snapshot const& s) {
    if (!s.vm) {
        return;
    }
    auto const& vm = *s.vm;
    json::object o(json_storage());
    put_loc(o, vm.loc);

    json::array counters(json_storage());
    counters.reserve(vm.counters.size());
    for (auto const& c : vm.counters) {
        json::object row(json_storage());
        row.emplace("name", c.name);
        row.emplace("pages", c.pages);
        if (c.has_kb) {
            row.emplace("kb", c.kb);
        }
        put_loc(row, c.loc);
        counters.push_back(std::move(row));
    }
    o.emplace("counters", std::move(counters));
    put_convenience(o, vm);

    json::array page_files(json_storage());
    page_files.reserve(vm.page_files.size());
    for (auto const& pf : vm.page_files) {
        json::object row(json_storage());
        if (pf.named) {
            row.emplace("path", pf.path);
        } else {
            row["path"] = nullptr;  // "No Name for Paging File"
        }
        put_opt(row, "current_kb", pf.current_kb);
        put_opt(row, "free_kb", pf.free_kb);
        put_opt(row, "minimum_kb", pf.minimum_kb);
        put_opt(row, "maximum_kb", pf.maximum_kb);
        put_loc(row, pf.loc);
        page_files.push_back(std::move(row));
    }
    o.emplace("page_files", std::move(page_files));

    json::array warnings(json_storage());
    for (std::size_t i = 0; i < vm.warnings.size(); ++i) {
        json::object row(json_storage());
        row.emplace("text", vm.warnings[i]);
        if (i < vm.warning_kinds.size()) {
            row.emplace("kind", warning_kind(vm.warning_kinds[i]));
        }
        if (i < vm.warning_locs.size()) {
            put_loc(row, vm.warning_locs[i]);
        }
        warnings.push_back(std::move(row));
    }
    o.emplace("warnings", std::move(warnings));

    if (vm.failed_allocations) {
        json::object f(json_storage());
        f.emplace("value", vm.failed_allocations->value);
        put_loc(f, vm.failed_allocations->loc);
        o.emplace("failed_allocations", std::move(f));
    }
    for (auto const& [name, counter] : {std::pair{"stack_pte_failures", &vm.stack_pte_failures},
                                        std::pair{"stack_growth_failures", &vm.stack_growth_failures},
                                        std::pair{"commit_failures", &vm.commit_failures}}) {
        if (*counter) {
            json::object f(json_storage());
            f.emplace("value", (*counter)->value);
            put_loc(f, (*counter)->loc);
            o[name] = std::move(f);
        }
    }
    if (vm.session_paged_pool_max_kb) {
        o.emplace("session_paged_pool_max_kb", vm.session_paged_pool_max_kb->value);
        o.emplace("session_paged_pool_max_line", vm.session_paged_pool_max_kb->loc.line);
    }
    if (vm.session_view_space_max_kb) {
        o.emplace("session_view_space_max_kb", vm.session_view_space_max_kb->value);
        o.emplace("session_view_space_max_line", vm.session_view_space_max_kb->loc.line);
    }

    json::array sessions(json_storage());
    sessions.reserve(vm.sessions.size());
    for (auto const& session : vm.sessions) {
        sessions.push_back(session_json(session, true));
    }
    o.emplace("sessions", std::move(sessions));
    if (vm.session_summary) {
        o.emplace("session_summary", session_json(*vm.session_summary, false));
    }

    json::array processes(json_storage());
    processes.reserve(vm.process_commits.size());
    for (auto const& p : vm.process_commits) {
        json::object row(json_storage());
        row.emplace("pid", p.pid);
        row.emplace("image", p.image);
        row.emplace("commit_kb", p.commit_kb);
        put_opt(row, "commit_pages", p.commit_pages);
        put_opt(row, "shared_commit_kb", p.shared_commit_kb);
        put_opt(row, "debt_kb", p.debt_kb);
        put_loc(row, p.loc);
        processes.push_back(std::move(row));
    }
    o.emplace("process_commits", std::move(processes));

    out.emplace("vm", std::move(o));
}

} // namespace dbgsift::report
