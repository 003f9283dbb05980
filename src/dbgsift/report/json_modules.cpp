// SPDX-License-Identifier: MIT
// "modules", "unloaded_modules", "memory_hits": addresses as JSON numbers.
#include "json_sections.hpp"

namespace dbgsift::report {
namespace {
namespace json = boost::json;

json::object module_json(model::Module const& m) {
    auto o = object_with_room(11);  // every key below at most once
    o.emplace("start", m.start);
    o.emplace("end", m.end);
    o.emplace("name", m.name);
    auto put = [&](char const* key, std::string const& v) {
        if (!v.empty()) {
            o.emplace(key, v);
        }
    };
    put("symbols", m.symbols);
    put("image_path", m.image_path);
    put("image_name", m.image_name);
    put("symbol_file", m.symbol_file);
    put("timestamp", m.timestamp);
    put("checksum", m.checksum);
    o.emplace("line", m.loc.line);
    o.emplace("file", m.loc.file);
    return o;
}

} // namespace

void add_modules(boost::json::object& out, model::Snapshot const& s) {
    if (!s.modules.empty()) {
        json::array a(json_storage());
        a.reserve(s.modules.size());
        for (auto const& m : s.modules) {
            a.push_back(module_json(m));
        }
        out.emplace("modules", std::move(a));
    }
    if (!s.unloaded_modules.empty()) {
        json::array a(json_storage());
        a.reserve(s.unloaded_modules.size());
        for (auto const& m : s.unloaded_modules) {
            a.push_back(module_json(m));
        }
        out.emplace("unloaded_modules", std::move(a));
    }
    if (!s.memory_hits.empty()) {
        json::array a(json_storage());
        a.reserve(s.memory_hits.size());
        for (auto const& h : s.memory_hits) {
            json::object o({{"address", h.address}, {"text", h.text}, {"line", h.loc.line}, {"file", h.loc.file}}, json_storage());
            if (!h.pattern.empty()) {
                o.emplace("pattern", h.pattern);
            }
            a.push_back(std::move(o));
        }
        out.emplace("memory_hits", std::move(a));
    }
}

} // namespace dbgsift::report
