// SPDX-License-Identifier: MIT
#include "json_sections.hpp"

namespace dbgsift::report {
namespace {

// Every key a report can have: kind ... requested_size, function, verifier_code, description,
// stack, line, file.
constexpr std::size_t k_failure_keys = 14;

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

} // namespace

void add_heap_failures(boost::json::object& out, model::Snapshot const& s) {
    if (s.heap_failures.empty()) {
        return;
    }
    boost::json::array all(json_storage());
    all.reserve(s.heap_failures.size());
    for (auto const& f : s.heap_failures) {
        auto o = object_with_room(k_failure_keys);
        o.emplace("kind", kind_name(f.kind));
        o.emplace("type", f.type == model::HeapFailureType::none ? boost::json::value(nullptr)
                                                                 : boost::json::value(to_string(f.type), json_storage()));
        o.emplace("process", f.process.empty() ? boost::json::value(nullptr) : boost::json::value(f.process, json_storage()));
        o.emplace("heap", or_null(f.heap));
        o.emplace("block", or_null(f.block));
        o.emplace("modified_at", or_null(f.modified_at));
        o.emplace("requested_size", or_null(f.requested_size));
        if (!f.function.empty()) {
            o.emplace("function", f.function);
        }
        if (f.kind == model::HeapFailureKind::verifier_stop) {
            o.emplace("verifier_code", f.verifier_code);
            o.emplace("description", f.description);
        }
        if (!f.stack.frames.empty()) {
            o.emplace("stack", stack_json(f.stack));
        }
        o.emplace("line", f.loc.line);
        o.emplace("file", f.loc.file);
        all.push_back(std::move(o));
    }
    out.emplace("heap_failures", std::move(all));
}

} // namespace dbgsift::report
