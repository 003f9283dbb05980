// SPDX-License-Identifier: MIT
// The registry of commands: one line per debugger command dbgsift reads, most specific first
// (the first spec whose is_command/is_header says yes wins). Each line names the
// `CommandSpec <name>_spec()` defined beside its block parser, in parse/<name>.cpp.
// Adding a command is adding its line here (docs/adding-a-command.md).
#pragma once
#include "block_parser.hpp"

#define DBGSIFT_COMMANDS(X)                                                \
    X(vm)        /* parse/vm.cpp        !vm, !vm 1/2/4                 */  \
    X(poolused)  /* parse/poolused.cpp  !poolused                      */  \
    X(process)   /* parse/process.cpp   !process, !sprocess            */  \
    X(handle)    /* parse/handle.cpp    !handle                        */  \
    X(heap)      /* parse/heap.cpp      !heap -s                       */  \
    X(heap_failure) /* parse/heap_failure.cpp HEAP[app.exe]: messages, verifier stops */ \
    X(mex_heap)  /* parse/heap_detail.cpp !mex.mheap; prompt-less -stat/-flt/-p -a */ \
    X(umdh)      /* parse/umdh.cpp      UMDH log comparisons (no prompt) */ \
    X(htrace)    /* parse/htrace.cpp    !htrace, !htrace -diff         */  \
    X(poolval)   /* parse/poolval.cpp   !poolval ADDR                  */  \
    X(analyze)   /* parse/analyze.cpp   !analyze: the bugcheck summary */  \
    X(poolfind)  /* parse/poolfind.cpp  !poolfind TAG, !pool ADDR      */  \
    X(poolmon)   /* parse/poolmon.cpp   PoolMon screens and /n logs    */  \
    X(address)   /* parse/address.cpp   !address                       */  \
    X(locks)     /* parse/locks.cpp     !locks, !cs                    */  \
    X(lm)        /* parse/lm.cpp        lm, lmv, lmt, lm a             */  \
    X(search)    /* parse/search.cpp    s -a / !for_each_module s -a   */  \
    X(kstack)    /* parse/kstack.cpp    k, kb, kn, ~N kb               */

namespace dbgsift::parse {

#define DBGSIFT_DECLARE_SPEC(name) CommandSpec name##_spec();
DBGSIFT_COMMANDS(DBGSIFT_DECLARE_SPEC)
#undef DBGSIFT_DECLARE_SPEC

} // namespace dbgsift::parse
