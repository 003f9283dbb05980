// SPDX-License-Identifier: MIT
#include "json_sections.hpp"

namespace dbgsift::report {
namespace {

void region_json(JsonWriter& w, model::AddressRegion const& r) {
    JsonWriter::ObjectRun run(w, 10, r.type.size() + r.state.size() + r.protect.size() + r.usage.size() +
                                         r.details.size());
    run.member("base", r.base);
    run.member("end", r.end);
    run.member("size", r.size);
    run.text_or_null("type", r.type);
    run.text_or_null("state", r.state);
    run.text_or_null("protect", r.protect);
    run.text_or_null("usage", r.usage);
    run.text_or_null("details", r.details);
    loc_members(run, r.loc);
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
