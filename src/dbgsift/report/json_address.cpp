// SPDX-License-Identifier: MIT
#include "json_sections.hpp"

namespace dbgsift::report {
namespace {

void region_json(JsonWriter& w, model::AddressRegion const& r) {
    w.begin_object();
    w.member("base", r.base);
    w.member("end", r.end);
    w.member("size", r.size);
    w.text_or_null("type", r.type);
    w.text_or_null("state", r.state);
    w.text_or_null("protect", r.protect);
    w.text_or_null("usage", r.usage);
    w.text_or_null("details", r.details);
    put_loc(w, r.loc);
    w.end_object();
}

void row_json(JsonWriter& w, model::AddressSummaryRow const& r) {
    w.begin_object();
    w.member("table", model::to_string(r.table));
    w.member("name", r.name);
    w.member("regions", r.regions);
    w.member("bytes", r.bytes);
    w.member("percent_busy", r.percent_busy);
    w.member("percent_total", r.percent_total);
    put_loc(w, r.loc);
    w.member_if("base", r.base);
    w.end_object();
}

} // namespace

void add_address(JsonWriter& w, model::Snapshot const& s) {
    w.array_member_if_any("address", s.address, [](JsonWriter& w, auto const& a) {
        w.begin_object();
        w.array_member("regions", a.regions, region_json);
        w.array_member("summary", a.rows, row_json);
        put_loc(w, a.loc);
        w.end_object();
    });
}

} // namespace dbgsift::report
