// SPDX-License-Identifier: MIT
// One function per part of the snapshot model, each in report/json_<part>.cpp.
// Every record carries its "line"; numbers stay JSON numbers.
#pragma once
#include "../model/snapshot.hpp"
#include "json_writer.hpp"

// The sections of a snapshot, in the order the JSON prints them: one line per part, naming
// `void add_<part>(JsonWriter&, Snapshot const&)` of report/json_<part>.cpp.
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

// Each section writes its members into the snapshot's open object, and only the members the
// snapshot has: a part the transcript did not show writes nothing.
#define DBGSIFT_DECLARE_SECTION(part) void add_##part(JsonWriter& w, model::Snapshot const& s);
DBGSIFT_JSON_SECTIONS(DBGSIFT_DECLARE_SECTION)
#undef DBGSIFT_DECLARE_SECTION
// Where a record was printed: its "line", then the "file" (index into "inputs"), in a run.
[[gnu::always_inline]] inline void loc_members(JsonWriter::MemberRun& run, model::Loc const& loc) {
    run.member("line", loc.line);
    run.member("file", loc.file);
}
inline void put_loc(JsonWriter& w, model::Loc const& loc) {
    JsonWriter::MemberRun run(w, 2);
    loc_members(run, loc);
}
// A stack as an array of frames with address, module, function, offset, line
// (json_heap_detail.cpp).
void write_stack(JsonWriter& w, model::Stack const& s);

} // namespace dbgsift::report
