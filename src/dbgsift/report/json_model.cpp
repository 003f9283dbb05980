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
    boost::json::object o(json_storage());
    o.emplace("target", target_name(s.target));
    o.emplace("ordinal", s.ordinal);
    o.emplace("file", s.loc.file);
    o.emplace("line", s.loc.line);
    o.emplace("time", s.time.empty() ? boost::json::value(nullptr) : boost::json::value(s.time, json_storage()));
    o.emplace("os", s.os.empty() ? boost::json::value(nullptr) : boost::json::value(s.os, json_storage()));
#define DBGSIFT_ADD_SECTION(part) add_##part(o, s);
    DBGSIFT_JSON_SECTIONS(DBGSIFT_ADD_SECTION)
#undef DBGSIFT_ADD_SECTION
    return o;
}

} // namespace dbgsift::report
