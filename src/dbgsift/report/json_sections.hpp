// SPDX-License-Identifier: MIT
// One function per part of the snapshot model, each in report/json_<part>.cpp.
// Every record carries its "line"; numbers stay JSON numbers.
#pragma once
#include "../model/snapshot.hpp"
#include <boost/json.hpp>

namespace dbgsift::report {

void add_vm(boost::json::object& out, model::Snapshot const& s);         // "vm", "sessions"
void add_pool(boost::json::object& out, model::Snapshot const& s);       // "pool"
void add_modules(boost::json::object& out, model::Snapshot const& s);    // "modules", "unloaded_modules", "memory_hits"
void add_processes(boost::json::object& out, model::Snapshot const& s);  // "processes"
void add_handles(boost::json::object& out, model::Snapshot const& s);    // "handles"
void add_address(boost::json::object& out, model::Snapshot const& s);    // "address"
void add_heaps(boost::json::object& out, model::Snapshot const& s);      // "heaps"
void add_heap_detail(boost::json::object& out, model::Snapshot const& s); // "heap_stats", "heap_filters", "heap_blocks", "umdh"
void add_handle_traces(boost::json::object& out, model::Snapshot const& s); // "handle_traces"
// A stack as frames with address, module, function, offset, line (json_heap_detail.cpp).
boost::json::array stack_json(model::Stack const& s);
void add_pool_blocks(boost::json::object& out, model::Snapshot const& s); // "pool_finds", "pool_pages"
void add_locks(boost::json::object& out, model::Snapshot const& s);      // "locks"

} // namespace dbgsift::report
