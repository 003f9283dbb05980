// SPDX-License-Identifier: MIT
// "handles": one object per `!handle` summary or kernel handle table.
#include "json_sections.hpp"

namespace dbgsift::report {
namespace {

namespace json = boost::json;

void put_if(json::object& o, std::string_view key, std::optional<std::uint64_t> const& v) {
    if (v) {
        o.emplace(key, *v);
    }
}

json::object entry_json(model::HandleEntry const& e) {
    auto o = object_with_room(9);  // every key below at most once
    o.emplace("handle", e.handle);
    o.emplace("type", e.type.empty() ? json::value(nullptr) : json::value(e.type, json_storage()));
    if (!e.name.empty()) {
        o.emplace("name", e.name);
    }
    put_if(o, "object", e.object);
    put_if(o, "attributes", e.attributes);
    put_if(o, "granted_access", e.granted_access);
    put_if(o, "handle_count", e.handle_count);
    put_if(o, "pointer_count", e.pointer_count);
    o.emplace("line", e.loc.line);
    return o;
}

json::object summary_json(model::HandleSummary const& h) {
    json::object o(json_storage());
    o.emplace("total", h.total ? json::value(h.total->value, json_storage()) : json::value(nullptr));
    if (h.total) {
        o.emplace("total_line", h.total->loc.line);
    }
    json::array types(json_storage());
    types.reserve(h.types.size());
    for (auto const& t : h.types) {
        types.push_back(json::object({{"type", t.type}, {"count", t.count}, {"line", t.loc.line}}, json_storage()));
    }
    o.emplace("types", std::move(types));
    json::array handles(json_storage());
    handles.reserve(h.handles.size());
    for (auto const& e : h.handles) {
        handles.push_back(entry_json(e));
    }
    o.emplace("handles", std::move(handles));
    if (!h.process.empty()) {
        o.emplace("process", h.process);
    }
    put_if(o, "process_cid", h.process_cid);
    put_if(o, "free_entries", h.free_entries);
    o.emplace("line", h.loc.line);
    o.emplace("file", h.loc.file);
    return o;
}

} // namespace

void add_handles(boost::json::object& out, model::Snapshot const& s) {
    if (s.handles.empty()) {
        return;
    }
    json::array all(json_storage());
    all.reserve(s.handles.size());
    for (auto const& h : s.handles) {
        all.push_back(summary_json(h));
    }
    out.emplace("handles", std::move(all));
}

} // namespace dbgsift::report
