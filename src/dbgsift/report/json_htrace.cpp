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

} // namespace

void add_handle_traces(boost::json::object& out, model::Snapshot const& s) {
    if (s.handle_traces.empty()) {
        return;
    }
    boost::json::array all(json_storage());
    all.reserve(s.handle_traces.size());
    for (auto const& t : s.handle_traces) {
        boost::json::array entries(json_storage());
        entries.reserve(t.entries.size());
        for (auto const& e : t.entries) {
            entries.push_back(boost::json::object({{"handle", e.handle},
                               {"operation", operation_name(e.operation)},
                               {"thread", or_null(e.thread)},
                               {"process", or_null(e.process)},
                               {"stack", stack_json(e.stack)},
                               {"line", e.loc.line}}, json_storage()));
        }
        all.push_back(boost::json::object({{"diff", t.diff},
                       {"new_traces", or_null(t.new_traces)},
                       {"displayed", or_null(t.displayed)},
                       {"process", or_null(t.process)},
                       {"entries", std::move(entries)},
                       {"line", t.loc.line},
                       {"file", t.loc.file}}, json_storage()));
    }
    out.emplace("handle_traces", std::move(all));
}

} // namespace dbgsift::report
