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

void failure_json(JsonWriter& w, model::HeapFailure const& f) {
    w.begin_object();
    w.member("kind", kind_name(f.kind));
    w.key("type");
    if (f.type == model::HeapFailureType::none) {
        w.value(nullptr);
    } else {
        w.value(to_string(f.type));
    }
    w.text_or_null("process", f.process);
    w.member("heap", f.heap);
    w.member("block", f.block);
    w.member("modified_at", f.modified_at);
    w.member("requested_size", f.requested_size);
    w.member_if("function", f.function);
    if (f.kind == model::HeapFailureKind::verifier_stop) {
        w.member("verifier_code", f.verifier_code);
        w.member("description", f.description);
    }
    if (!f.stack.frames.empty()) {
        w.key("stack");
        write_stack(w, f.stack);
    }
    put_loc(w, f.loc);
    w.end_object();
}

} // namespace

void add_heap_failures(JsonWriter& w, model::Snapshot const& s) {
    w.array_member_if_any("heap_failures", s.heap_failures, failure_json);
}

} // namespace dbgsift::report
