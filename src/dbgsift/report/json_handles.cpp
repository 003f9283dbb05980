// SPDX-License-Identifier: MIT
// "handles": one object per `!handle` summary or kernel handle table.
#include "json_sections.hpp"

namespace dbgsift::report {
namespace {

void entry_json(JsonWriter& w, model::HandleEntry const& e) {
    JsonWriter::ObjectRun run(w, 9, e.type.size() + e.name.size());
    run.member("handle", e.handle);
    run.text_or_null("type", e.type);
    run.text_if("name", e.name);
    run.member_if("object", e.object);
    run.member_if("attributes", e.attributes);
    run.member_if("granted_access", e.granted_access);
    run.member_if("handle_count", e.handle_count);
    run.member_if("pointer_count", e.pointer_count);
    run.member("line", e.loc.line);
}

void type_json(JsonWriter& w, model::HandleTypeCount const& t) {
    JsonWriter::ObjectRun run(w, 3, t.type.size());
    run.text("type", t.type);
    run.member("count", t.count);
    run.member("line", t.loc.line);
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
