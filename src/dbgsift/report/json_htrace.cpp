// SPDX-License-Identifier: MIT
// "handle_traces": `!htrace` listings and `!htrace -diff` results.
#include "json_sections.hpp"

namespace dbgsift::report {
namespace {

std::string_view operation_name(model::HandleOperation op) {
    switch (op) {
    case model::HandleOperation::close: return "close";
    case model::HandleOperation::bad_reference: return "bad_reference";
    default: return "open";
    }
}

void entry_json(JsonWriter& w, model::HandleTraceEntry const& e) {
    w.begin_object();
    {
        auto const operation = operation_name(e.operation);
        JsonWriter::MemberRun run(w, 4, operation.size());
        run.member("handle", e.handle);
        run.text("operation", operation);
        run.member("thread", e.thread);
        run.member("process", e.process);
    }
    w.key("stack");
    write_stack(w, e.stack);
    w.member("line", e.loc.line);
    w.end_object();
}

void trace_json(JsonWriter& w, model::HandleTrace const& t) {
    w.begin_object();
    w.member("diff", t.diff);
    w.member("new_traces", t.new_traces);
    w.member("displayed", t.displayed);
    w.member("process", t.process);
    w.array_member("entries", t.entries, entry_json);
    put_loc(w, t.loc);
    w.end_object();
}

} // namespace

void add_handle_traces(JsonWriter& w, model::Snapshot const& s) {
    w.array_member_if_any("handle_traces", s.handle_traces, trace_json);
}

} // namespace dbgsift::report
