// SPDX-License-Identifier: MIT
// "modules", "unloaded_modules", "memory_hits": addresses as JSON numbers.
#include "json_sections.hpp"

namespace dbgsift::report {
namespace {

// The most members a module writes: start, end, name, symbols, image_path, image_name,
// symbol_file, timestamp, checksum, line and file.
constexpr std::size_t k_module_members = 11;

// One object run: the texts' bytes are known before it starts.
void module_json(JsonWriter& w, model::Module const& m) {
    auto const* detail = m.detail.get();
    auto const detail_bytes = detail != nullptr ? detail->image_path.size() + detail->image_name.size() +
                                                      detail->checksum.size()
                                                : 0;
    JsonWriter::ObjectRun run(w, k_module_members, m.name.size() + m.symbols.size() + m.symbol_file.size() + m.timestamp.size() +
                                         detail_bytes);
    run.member("start", m.start);
    run.member("end", m.end);
    run.text("name", m.name);
    run.text_if("symbols", m.symbols);
    if (detail != nullptr) {
        run.text_if("image_path", detail->image_path);
        run.text_if("image_name", detail->image_name);
    }
    run.text_if("symbol_file", m.symbol_file);
    run.text_if("timestamp", m.timestamp);
    if (detail != nullptr) {
        run.text_if("checksum", detail->checksum);
    }
    loc_members(run, m.loc);
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
