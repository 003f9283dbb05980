// SPDX-License-Identifier: MIT
#include "json_sections.hpp"

namespace dbgsift::report {

namespace {

namespace json = boost::json;

template <typename T>
json::value number_or_null(std::optional<T> const& v) {
    return v ? json::value(*v, json_storage()) : json::value(nullptr);
}

template <typename T>
json::value number_or_null(std::optional<model::Sourced<T>> const& v) {
    return v ? json::value(v->value, json_storage()) : json::value(nullptr);
}

json::object thread_to_json(model::LockThread const& t, bool owner) {
    json::object o(json_storage());
    o["thread"] = t.thread;
    if (owner) {
        o["count"] = t.count;
        o["current"] = t.current_owner;
    } else {
        o["exclusive"] = t.wants_exclusive;
    }
    if (t.listed_as) {
        o["listed_as"] = *t.listed_as;
    }
    if (!t.state.empty()) {
        o["state"] = t.state;
    }
    if (!t.wait_reason.empty()) {
        o["wait_reason"] = t.wait_reason;
    }
    if (t.process) {
        o["process"] = *t.process;
    }
    if (!t.process_image.empty()) {
        o["process_image"] = t.process_image;
    }
    o["line"] = t.loc.line;
    return o;
}

json::object lock_to_json(model::Lock const& l) {
    json::object o(json_storage());
    o["kernel"] = l.kernel;
    o["symbol"] = l.symbol.empty() ? json::value(nullptr) : json::value(l.symbol, json_storage());
    o["address"] = l.address;
    o["exclusive"] = l.exclusive;
    if (l.available) {
        o["available"] = true;
    }
    o["shared_owners"] = number_or_null(l.shared_owners);
    o["contention_count"] = number_or_null(l.contention_count);
    o["shared_waiters"] = number_or_null(l.shared_waiters);
    o["exclusive_waiters"] = number_or_null(l.exclusive_waiters);
    json::array owners(json_storage());
    for (auto const& t : l.owners) {
        owners.push_back(thread_to_json(t, true));
    }
    o["owners"] = std::move(owners);
    json::array waiters(json_storage());
    for (auto const& t : l.waiters) {
        waiters.push_back(thread_to_json(t, false));
    }
    o["waiters"] = std::move(waiters);
    // Critical-section fields: null for a kernel resource, which has none of them.
    o["lock_count"] = number_or_null(l.lock_count);
    o["recursion_count"] = number_or_null(l.recursion_count);
    o["owning_thread"] = number_or_null(l.owning_thread);
    o["entry_count"] = number_or_null(l.entry_count);
    o["waiter_woken"] = l.waiter_woken ? json::value(*l.waiter_woken, json_storage()) : json::value(nullptr);
    o["locked"] = l.kernel ? json::value(nullptr) : json::value(l.locked, json_storage());
    o["line"] = l.loc.line;
    o["file"] = l.loc.file;
    return o;
}

} // namespace

void add_locks(boost::json::object& out, model::Snapshot const& s) {
    if (s.locks.empty()) {
        return;
    }
    json::array locks(json_storage());
    for (auto const& l : s.locks) {
        locks.push_back(lock_to_json(l));
    }
    out["locks"] = std::move(locks);
    if (auto const& t = s.lock_totals) {
        json::object totals(json_storage());
        totals[t->critical_sections ? "critical_sections_scanned" : "total"] = t->total.value;
        if (t->held) {
            totals["held"] = t->held->value;
        }
        totals["line"] = t->total.loc.line;
        out["lock_totals"] = std::move(totals);
    }
}

} // namespace dbgsift::report
