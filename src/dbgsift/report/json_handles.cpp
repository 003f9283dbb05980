// SPDX-License-Identifier: MIT
// "handles": one object per `!handle` summary or kernel handle table.
#include "json_sections.hpp"

namespace dbgsift::report {
namespace {

void entry_json(JsonWriter& w, model::HandleEntry const& e) {
    w.begin_object();
    w.member("handle", e.handle);
    w.text_or_null("type", e.type);
    w.member_if("name", e.name);
    w.member_if("object", e.object);
    w.member_if("attributes", e.attributes);
    w.member_if("granted_access", e.granted_access);
    w.member_if("handle_count", e.handle_count);
    w.member_if("pointer_count", e.pointer_count);
    w.member("line", e.loc.line);
    w.end_object();
}

void type_json(JsonWriter& w, model::HandleTypeCount const& t) {
    w.begin_object();
    w.member("type", t.type);
    w.member("count", t.count);
    w.member("line", t.loc.line);
    w.end_object();
}

void summary_json(JsonWriter& w, model::HandleSummary const& h) {
    w.begin_object();
    w.member("total", h.total);
    if (h.total) {
        w.member("total_line", h.total->loc.line);
    }
    w.array_member("types", h.types, type_json);
    w.array_member("handles", h.handles, entry_json);
    w.member_if("process", h.process);
    w.member_if("process_cid", h.process_cid);
    w.member_if("free_entries", h.free_entries);
    put_loc(w, h.loc);
    w.end_object();
}

} // namespace

void add_handles(JsonWriter& w, model::Snapshot const& s) {
    w.array_member_if_any("handles", s.handles, summary_json);
}

} // namespace dbgsift::report
