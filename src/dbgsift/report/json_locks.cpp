// SPDX-License-Identifier: MIT
#include "json_sections.hpp"

namespace dbgsift::report {

namespace {

void thread_json(JsonWriter& w, model::LockThread const& t, bool owner) {
    JsonWriter::ObjectRun run(w, 9, t.state.size() + t.wait_reason.size() + t.process_image.size());
    run.member("thread", t.thread);
    if (owner) {
        run.member("count", t.count);
        run.member("current", t.current_owner);
    } else {
        run.member("exclusive", t.wants_exclusive);
    }
    run.member_if("listed_as", t.listed_as);
    run.text_if("state", t.state);
    run.text_if("wait_reason", t.wait_reason);
    run.member_if("process", t.process);
    run.text_if("process_image", t.process_image);
    run.member("line", t.loc.line);
}

void owner_json(JsonWriter& w, model::LockThread const& t) { thread_json(w, t, true); }
void waiter_json(JsonWriter& w, model::LockThread const& t) { thread_json(w, t, false); }

void lock_json(JsonWriter& w, model::Lock const& l) {
    w.begin_object();
    {
        JsonWriter::MemberRun run(w, 9, l.symbol.size());
        run.member("kernel", l.kernel);
        run.text_or_null("symbol", l.symbol);
        run.member("address", l.address);
        run.member("exclusive", l.exclusive);
        if (l.available) {
            run.member("available", true);
        }
        run.member("shared_owners", l.shared_owners);
        run.member("contention_count", l.contention_count);
        run.member("shared_waiters", l.shared_waiters);
        run.member("exclusive_waiters", l.exclusive_waiters);
    }
    w.array_member("owners", l.owners, owner_json);
    w.array_member("waiters", l.waiters, waiter_json);
    // Critical-section fields: null for a kernel resource, which has none of them.
    w.member("lock_count", l.lock_count);
    w.member("recursion_count", l.recursion_count);
    w.member("owning_thread", l.owning_thread);
    w.member("entry_count", l.entry_count);
    w.member("waiter_woken", l.waiter_woken);
    w.key("locked");
    if (l.kernel) {
        w.value(nullptr);
    } else {
        w.value(l.locked);
    }
    put_loc(w, l.loc);
    w.end_object();
}

} // namespace

void add_locks(JsonWriter& w, model::Snapshot const& s) {
    if (s.locks.empty()) {
        return;
    }
    w.array_member("locks", s.locks, lock_json);
    if (auto const& t = s.lock_totals) {
        w.key("lock_totals");
        w.begin_object();
        w.member(t->critical_sections ? JsonKey("critical_sections_scanned") : JsonKey("total"), t->total.value);
        w.member_if("held", t->held);
        w.member("line", t->total.loc.line);
        w.end_object();
    }
}

} // namespace dbgsift::report
