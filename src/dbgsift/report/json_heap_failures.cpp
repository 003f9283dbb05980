// SPDX-License-Identifier: MIT
#include "json_sections.hpp"

namespace dbgsift::report {
namespace {

std::string_view kind_name(model::HeapFailureKind k) {
    switch (k) {
    case model::HeapFailureKind::modified_past_size: return "modified_past_size";
    case model::HeapFailureKind::modified_after_free: return "modified_after_free";
    case model::HeapFailureKind::invalid_address: return "invalid_address";
    case model::HeapFailureKind::heap_error: return "heap_error";
    case model::HeapFailureKind::verifier_stop: return "verifier_stop";
    }
    return "heap_error";
}

template <typename T>
boost::json::value or_null(std::optional<T> const& v) {
    return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

} // namespace

void add_heap_failures(boost::json::object& out, model::Snapshot const& s) {
    if (s.heap_failures.empty()) {
        return;
    }
    boost::json::array all;
    for (auto const& f : s.heap_failures) {
        boost::json::object o;
        o["kind"] = kind_name(f.kind);
        o["type"] = f.type == model::HeapFailureType::none ? boost::json::value(nullptr)
                                                            : boost::json::value(to_string(f.type));
        o["process"] = f.process.empty() ? boost::json::value(nullptr) : boost::json::value(f.process);
        o["heap"] = or_null(f.heap);
        o["block"] = or_null(f.block);
        o["modified_at"] = or_null(f.modified_at);
        o["requested_size"] = or_null(f.requested_size);
        if (!f.function.empty()) {
            o["function"] = f.function;
        }
        if (f.kind == model::HeapFailureKind::verifier_stop) {
            o["verifier_code"] = f.verifier_code;
            o["description"] = f.description;
        }
        if (!f.stack.frames.empty()) {
            o["stack"] = stack_json(f.stack);
        }
        o["line"] = f.loc.line;
        o["file"] = f.loc.file;
        all.push_back(std::move(o));
    }
    out["heap_failures"] = std::move(all);
}

} // namespace dbgsift::report
