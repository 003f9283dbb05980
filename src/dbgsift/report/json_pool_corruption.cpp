// SPDX-License-Identifier: MIT
// "pool_validations" (!poolval) and "bugchecks" (!analyze's summary), each record with its line.
#include "json_sections.hpp"

#include "../format/format.hpp"

namespace dbgsift::report {
namespace {

std::string_view bit_scan_name(model::SingleBitScan s) {
    switch (s) {
    case model::SingleBitScan::not_printed: return "not_printed";
    case model::SingleBitScan::started: return "started";
    case model::SingleBitScan::none_found: return "none_found";
    }
    return "not_printed";
}

void problem_json(JsonWriter& w, model::PoolHeaderProblem const& p) {
    w.begin_object();
    w.member("header", p.header);
    w.member("what", p.what);
    w.member("found", p.found);
    w.member("expected", p.expected);
    w.member("line", p.loc.line);
    w.end_object();
}

void validation_json(JsonWriter& w, model::PoolValidation const& v) {
    w.begin_object();
    w.member("page", v.page);
    w.member("region", v.region);
    w.key("verdict");
    if (v.verdict == model::PoolPageVerdict::not_printed) {
        w.value(nullptr);
    } else {
        w.value(model::k_pool_page_verdict_names[static_cast<std::size_t>(v.verdict)]);
    }
    w.array_member("problems", v.problems, problem_json);
    w.member("single_bit_scan", bit_scan_name(v.bit_scan));
    put_loc(w, v.loc);
    w.end_object();
}

void bugcheck_json(JsonWriter& w, model::BugCheck const& b) {
    w.begin_object();
    w.member("name", b.name);
    w.member("code", b.code);
    w.array_member("args", b.args);
    w.member("module_name", b.module_name);
    w.member("image_name", b.image_name);
    // "Driver!CreateRandomFile+0x13b", "Driver+0x1170": the frame the extension names.
    w.key("symbol_name");
    w.value_or_null(b.symbol, [](JsonWriter& w, model::Frame const& symbol) {
        w.value(format::symbol_at(symbol.name(), symbol.offset));
    });
    put_loc(w, b.loc);
    w.end_object();
}

} // namespace

void add_pool_corruption(JsonWriter& w, model::Snapshot const& s) {
    w.array_member_if_any("pool_validations", s.pool_validations, validation_json);
    w.array_member_if_any("bugchecks", s.bugchecks, bugcheck_json);
}

} // namespace dbgsift::report
