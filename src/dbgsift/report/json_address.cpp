// SPDX-License-Identifier: MIT
#include "json_sections.hpp"

namespace dbgsift::report {
namespace {

boost::json::value text_or_null(std::string const& s) {
    return s.empty() ? boost::json::value(nullptr) : boost::json::value(s, json_storage());
}

boost::json::object region_json(model::AddressRegion const& r) {
    return {{"base", r.base},
            {"end", r.end},
            {"size", r.size},
            {"type", text_or_null(r.type)},
            {"state", text_or_null(r.state)},
            {"protect", text_or_null(r.protect)},
            {"usage", text_or_null(r.usage)},
            {"details", text_or_null(r.details)},
            {"line", r.loc.line},
            {"file", r.loc.file}};
}

boost::json::object row_json(model::AddressSummaryRow const& r) {
    boost::json::object o({{"table", model::to_string(r.table)},
                          {"name", r.name},
                          {"regions", or_null(r.regions)},
                          {"bytes", r.bytes},
                          {"percent_busy", or_null(r.percent_busy)},
                          {"percent_total", or_null(r.percent_total)},
                          {"line", r.loc.line},
                          {"file", r.loc.file}}, json_storage());
    if (r.base) {
        o.emplace("base", *r.base);
    }
    return o;
}

} // namespace

void add_address(boost::json::object& out, model::Snapshot const& s) {
    if (s.address.empty()) {
        return;
    }
    boost::json::array all(json_storage());
    all.reserve(s.address.size());
    for (auto const& a : s.address) {
        boost::json::array regions(json_storage());
        regions.reserve(a.regions.size());
        for (auto const& r : a.regions) {
            regions.push_back(region_json(r));
        }
        boost::json::array rows(json_storage());
        rows.reserve(a.rows.size());
        for (auto const& r : a.rows) {
            rows.push_back(row_json(r));
        }
        all.push_back(boost::json::object({{"regions", std::move(regions)},
                                          {"summary", std::move(rows)},
                                          {"line", a.loc.line},
                                          {"file", a.loc.file}}, json_storage()));
    }
    out.emplace("address", std::move(all));
}

} // namespace dbgsift::report
