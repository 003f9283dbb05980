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

void write_snapshot(JsonWriter& w, model::Snapshot const& s) {
    w.begin_object();
    w.member("target", target_name(s.target));
    w.member("ordinal", s.ordinal);
    w.member("file", s.loc.file);
    w.member("line", s.loc.line);
    w.text_or_null("time", s.time);
    w.text_or_null("os", s.os);
#define DBGSIFT_ADD_SECTION(part) add_##part(w, s);
    DBGSIFT_JSON_SECTIONS(DBGSIFT_ADD_SECTION)
#undef DBGSIFT_ADD_SECTION
    w.end_object();
}

} // namespace dbgsift::report
