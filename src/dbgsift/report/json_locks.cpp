// SPDX-License-Identifier: MIT
#include "json_sections.hpp"

namespace dbgsift::report {

namespace {

namespace json = boost::json;

json::object thread_to_json(model::LockThread const& t, bool owner) {
    json::object o(json_storage());
    o.emplace("thread", t.thread);
    if (owner) {
        o.emplace("count", t.count);
        o.emplace("current", t.current_owner);
    } else {
        o.emplace("exclusive", t.wants_exclusive);
    }
    if (t.listed_as) {
        o.emplace("listed_as", *t.listed_as);
    }
    if (!t.state.empty()) {
        o.emplace("state", t.state);
    }
    if (!t.wait_reason.empty()) {
        o.emplace("wait_reason", t.wait_reason);
    }
    if (t.process) {
        o.emplace("process", *t.process);
    }
    if (!t.process_image.empty()) {
        o.emplace("process_image", t.process_image);
    }
    o.emplace("line", t.loc.line);
    return o;
}

json::object lock_to_json(model::Lock const& l) {
    json::object o(json_storage());
    o.emplace("kernel", l.kernel);
    o.emplace("symbol", l.symbol.empty() ? json::value(nullptr) : json::value(l.symbol, json_storage()));
    o.emplace("address", l.address);
    o.emplace("exclusive", l.exclusive);
    if (l.available) {
        o.emplace("available", true);
    }
    o.emplace("shared_owners", or_null(l.shared_owners));
    o.emplace("contention_count", or_null(l.contention_count));
    o.emplace("shared_waiters", or_null(l.shared_waiters));
    o.emplace("exclusive_waiters", or_null(l.exclusive_waiters));
    json::array owners(json_storage());
    owners.reserve(l.owners.size());
    for (auto const& t : l.owners) {
        owners.push_back(thread_to_json(t, true));
    }
    o.emplace("owners", std::move(owners));
    json::array waiters(json_storage());
    waiters.reserve(l.waiters.size());
    for (auto const& t : l.waiters) {
        waiters.push_back(thread_to_json(t, false));
    }
    o.emplace("waiters", std::move(waiters));
    // Critical-section fields: null for a kernel resource, which has none of them.
    o.emplace("lock_count", or_null(l.lock_count));
    o.emplace("recursion_count", or_null(l.recursion_count));
    o.emplace("owning_thread", or_null(l.owning_thread));
    o.emplace("entry_count", or_null(l.entry_count));
    o.emplace("waiter_woken", l.waiter_woken ? json::value(*l.waiter_woken, json_storage()) : json::value(nullptr));
    o.emplace("locked", l.kernel ? json::value(nullptr) : json::value(l.locked, json_storage()));
    o.emplace("line", l.loc.line);
    o.emplace("file", l.loc.file);
    return o;
}

} // namespace

void add_locks(boost::json::object& out, model::Snapshot const& s) {
    if (s.locks.empty()) {
        return;
    }
    json::array locks(json_storage());
    locks.reserve(s.locks.size());
    for (auto const& l : s.locks) {
        locks.push_back(lock_to_json(l));
    }
    out.emplace("locks", std::move(locks));
    if (auto const& t = s.lock_totals) {
        json::object totals(json_storage());
        totals[t->critical_sections ? "critical_sections_scanned" : "total"] = t->total.value;
        if (t->held) {
            totals.emplace("held", t->held->value);
        }
        totals.emplace("line", t->total.loc.line);
        out.emplace("lock_totals", std::move(totals));
    }
}

} // namespace dbgsift::report
