// SPDX-License-Identifier: MIT
// "pool_validations" (!poolval) and "bugchecks" (!analyze's summary), each record with its line.
#include "json_sections.hpp"

#include "../format/format.hpp"

namespace dbgsift::report {
namespace {

boost::json::value sourced_or_null(std::optional<model::Sourced<std::string>> const& v) {
    return v ? boost::json::value(v->value, json_storage()) : boost::json::value(nullptr);
}

std::string_view bit_scan_name(model::SingleBitScan s) {
    switch (s) {
    case model::SingleBitScan::not_printed: return "not_printed";
    case model::SingleBitScan::started: return "started";
    case model::SingleBitScan::none_found: return "none_found";
    }
    return "not_printed";
}

boost::json::object validation_json(model::PoolValidation const& v) {
    auto o = object_with_room(8);
    o.emplace("page", or_null(v.page));
    o.emplace("region", v.region);
    o.emplace("verdict", v.verdict == model::PoolPageVerdict::not_printed
                             ? boost::json::value(nullptr)
                             : boost::json::value(model::k_pool_page_verdict_names[static_cast<std::size_t>(v.verdict)],
                                                  json_storage()));
    boost::json::array problems(json_storage());
    for (auto const& p : v.problems) {
        auto po = object_with_room(5);
        po.emplace("header", p.header);
        po.emplace("what", p.what);
        po.emplace("found", p.found);
        po.emplace("expected", p.expected);
        po.emplace("line", p.loc.line);
        problems.push_back(std::move(po));
    }
    o.emplace("problems", std::move(problems));
    o.emplace("single_bit_scan", bit_scan_name(v.bit_scan));
    o.emplace("line", v.loc.line);
    o.emplace("file", v.loc.file);
    return o;
}

boost::json::object bugcheck_json(model::BugCheck const& b) {
    auto o = object_with_room(8);
    o.emplace("name", b.name);
    o.emplace("code", or_null(b.code));
    boost::json::array args(json_storage());
    for (auto const& a : b.args) {
        args.push_back(or_null(a));
    }
    o.emplace("args", std::move(args));
    o.emplace("module_name", sourced_or_null(b.module_name));
    o.emplace("image_name", sourced_or_null(b.image_name));
    // "Driver!CreateRandomFile+0x13b", "Driver+0x1170": the frame the extension names.
    o.emplace("symbol_name", b.symbol ? boost::json::value(b.symbol->name() + (b.symbol->offset ? "+" + format::hex(*b.symbol->offset) : ""), json_storage())
                                      : boost::json::value(nullptr));
    o.emplace("line", b.loc.line);
    o.emplace("file", b.loc.file);
    return o;
}

} // namespace

void add_pool_corruption(boost::json::object& out, model::Snapshot const& s) {
    if (!s.pool_validations.empty()) {
        boost::json::array all(json_storage());
        for (auto const& v : s.pool_validations) {
            all.push_back(validation_json(v));
        }
        out.emplace("pool_validations", std::move(all));
    }
    if (!s.bugchecks.empty()) {
        boost::json::array all(json_storage());
        for (auto const& b : s.bugchecks) {
            all.push_back(bugcheck_json(b));
        }
        out.emplace("bugchecks", std::move(all));
    }
}

} // namespace dbgsift::report
