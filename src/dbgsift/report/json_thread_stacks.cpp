// SPDX-License-Identifier: MIT
// "thread_stacks": `k` / `kb` / `kn` listings.
#include "json_sections.hpp"

namespace dbgsift::report {
namespace {

void thread_stack_json(JsonWriter& w, model::ThreadStack const& t) {
    w.begin_object();
    w.text_or_null("thread", t.thread);
    w.key("stack");
    write_stack(w, t.stack);
    put_loc(w, t.loc);
    w.end_object();
}

} // namespace

void add_thread_stacks(JsonWriter& w, model::Snapshot const& s) {
    w.array_member_if_any("thread_stacks", s.thread_stacks, thread_stack_json);
}

} // namespace dbgsift::report
