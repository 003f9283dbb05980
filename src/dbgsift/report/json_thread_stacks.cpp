// SPDX-License-Identifier: MIT
// "thread_stacks": `k` / `kb` / `kn` listings.
#include "json_sections.hpp"

namespace dbgsift::report {

void add_thread_stacks(boost::json::object& out, model::Snapshot const& s) {
    if (s.thread_stacks.empty()) {
        return;
    }
    boost::json::array all(json_storage());
    all.reserve(s.thread_stacks.size());
    for (auto const& t : s.thread_stacks) {
        all.push_back(boost::json::object(
            {{"thread", t.thread.empty() ? boost::json::value(nullptr) : boost::json::value(t.thread, json_storage())},
             {"stack", stack_json(t.stack)}, {"line", t.loc.line}, {"file", t.loc.file}},
            json_storage()));
    }
    out.emplace("thread_stacks", std::move(all));
}

} // namespace dbgsift::report
