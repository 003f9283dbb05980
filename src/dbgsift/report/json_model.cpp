// SPDX-License-Identifier: MIT
#include "json_sections.hpp"
#include "report.hpp"

namespace dbgsift::report {

namespace {
std::string_view target_name(model::Target t) {
    switch (t) {
    case model::Target::kernel: return "kernel";
    case model::Target::user: return "user";
    default: return "unknown";
    }
}
} // namespace

boost::json::object snapshot_to_json(model::Snapshot const& s) {
    boost::json::object o;
    o["target"] = target_name(s.target);
    o["ordinal"] = s.ordinal;
    o["file"] = s.loc.file;
    o["line"] = s.loc.line;
    o["time"] = s.time.empty() ? boost::json::value(nullptr) : boost::json::value(s.time);
    o["os"] = s.os.empty() ? boost::json::value(nullptr) : boost::json::value(s.os);
    add_vm(o, s);
    add_pool(o, s);
    add_processes(o, s);
    add_handles(o, s);
    add_address(o, s);
    add_heaps(o, s);
    add_heap_detail(o, s);
    add_handle_traces(o, s);
    add_pool_blocks(o, s);
    add_locks(o, s);
    add_modules(o, s);
    return o;
}

} // namespace dbgsift::report
