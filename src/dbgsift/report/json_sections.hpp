// SPDX-License-Identifier: MIT
// One function per part of the snapshot model, each in report/json_<part>.cpp.
// Every record carries its "line"; numbers stay JSON numbers.
#pragma once
#include "../model/snapshot.hpp"
#include <boost/json.hpp>
#include <optional>

// The sections of a snapshot, in the order the JSON prints them: one line per part, naming
// `void add_<part>(object&, Snapshot const&)` of report/json_<part>.cpp.
#define DBGSIFT_JSON_SECTIONS(X)                                                       \
    X(vm)         /* "vm", "sessions"                                  */             \
    X(pool)       /* "pool"                                            */             \
    X(processes)  /* "processes"                                       */             \
    X(handles)    /* "handles"                                         */             \
    X(address)    /* "address"                                         */             \
    X(heaps)      /* "heaps"                                           */             \
    X(heap_detail) /* "heap_stats", "heap_filters", "heap_blocks", "heap_leaks", "umdh" */ \
    X(heap_failures) /* "heap_failures"                                */             \
    X(handle_traces) /* "handle_traces"                                */             \
    X(pool_blocks) /* "pool_finds", "pool_pages"                       */             \
    X(pool_corruption) /* "pool_validations", "bugchecks"             */             \
    X(locks)      /* "locks"                                           */             \
    X(modules)    /* "modules", "unloaded_modules", "memory_hits"      */             \
    X(thread_stacks) /* "thread_stacks"                                */

namespace dbgsift::report {

// The builders add each key of an object once, with emplace (operator[] inserts a null, then
// assigns over it): a second emplace of a key would be ignored, not overwrite.
//
// Where the JSON builders below allocate: the arena of the JsonArena alive on this thread, or
// the default heap when there is none.
boost::json::storage_ptr const& json_storage();

// An empty object in json_storage() with room for `keys` keys. Built key by key, an object
// grows its table 1, 2, 3, 4, 6, 9, 13... and copies itself each time, leaving every old
// table in the arena: a builder that knows (a bound on) its keys reserves them here.
inline boost::json::object object_with_room(std::size_t keys) {
    boost::json::object o(json_storage());
    o.reserve(keys);
    return o;
}

// A value the transcript may not have printed: the number, or null.
template <typename T>
boost::json::value or_null(std::optional<T> const& v) {
    return v ? boost::json::value(*v, json_storage()) : boost::json::value(nullptr);
}
template <typename T>
boost::json::value or_null(std::optional<model::Sourced<T>> const& v) {
    return v ? boost::json::value(v->value, json_storage()) : boost::json::value(nullptr);
}

// While one lives, this thread's JSON builders allocate from its arena: building a document
// is a pointer bump, and destroying it frees nothing node by node (Boost.JSON skips the
// element destructors of a monotonic resource). Every value built in it must die before it.
class JsonArena {
public:
    JsonArena();
    ~JsonArena();
    JsonArena(JsonArena const&) = delete;
    JsonArena& operator=(JsonArena const&) = delete;

private:
    boost::json::monotonic_resource m_resource;
    boost::json::storage_ptr m_previous;
};

#define DBGSIFT_DECLARE_SECTION(part) void add_##part(boost::json::object& out, model::Snapshot const& s);
DBGSIFT_JSON_SECTIONS(DBGSIFT_DECLARE_SECTION)
#undef DBGSIFT_DECLARE_SECTION
// A stack as frames with address, module, function, offset, line (json_heap_detail.cpp).
boost::json::array stack_json(model::Stack const& s);

} // namespace dbgsift::report
