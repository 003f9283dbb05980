// SPDX-License-Identifier: MIT
// "modules", "unloaded_modules", "memory_hits": addresses as JSON numbers.
#include "json_sections.hpp"

namespace dbgsift::report {
namespace {

void module_json(JsonWriter& w, model::Module const& m) {
    w.begin_object();
    {
        JsonWriter::MemberRun run(w, 3, m.name.size());
        run.member("start", m.start);
        run.member("end", m.end);
        run.text("name", m.name);
    }
    w.member_if("symbols", m.symbols);
    auto const* detail = m.detail.get();
    if (detail != nullptr) {
        w.member_if("image_path", detail->image_path);
        w.member_if("image_name", detail->image_name);
    }
    w.member_if("symbol_file", m.symbol_file);
    w.member_if("timestamp", m.timestamp);
    if (detail != nullptr) {
        w.member_if("checksum", detail->checksum);
    }
    put_loc(w, m.loc);
    w.end_object();
}

void hit_json(JsonWriter& w, model::MemoryHit const& h) {
    w.begin_object();
    w.member("address", h.address);
    w.member("text", h.text);
    put_loc(w, h.loc);
    w.member_if("pattern", h.pattern);
    w.end_object();
}

} // namespace

void add_modules(JsonWriter& w, model::Snapshot const& s) {
    w.array_member_if_any("modules", s.modules, module_json);
    w.array_member_if_any("unloaded_modules", s.unloaded_modules, module_json);
    w.array_member_if_any("memory_hits", s.memory_hits, hit_json);
}

} // namespace dbgsift::report
