// SPDX-License-Identifier: MIT
// One CommandSpec per debugger command, each defined beside its block parser.
#pragma once
#include "block_parser.hpp"

namespace dbgsift::parse {

CommandSpec vm_spec();        // parse/vm.cpp        !vm, !vm 1/2/4
CommandSpec poolused_spec();  // parse/poolused.cpp  !poolused
CommandSpec lm_spec();        // parse/lm.cpp        lm, lmv, lmt, lm a
CommandSpec search_spec();    // parse/search.cpp    s -a / !for_each_module s -a
CommandSpec process_spec();   // parse/process.cpp   !process, !sprocess
CommandSpec handle_spec();    // parse/handle.cpp    !handle
CommandSpec heap_spec();      // parse/heap.cpp      !heap -s
CommandSpec address_spec();   // parse/address.cpp   !address
CommandSpec mex_heap_spec();  // parse/heap_detail.cpp  !mex.mheap; prompt-less -stat/-flt/-p -a
CommandSpec umdh_spec();      // parse/umdh.cpp      UMDH log comparisons (no prompt)
CommandSpec htrace_spec();    // parse/htrace.cpp    !htrace, !htrace -diff
CommandSpec poolfind_spec();  // parse/poolfind.cpp  !poolfind TAG, !pool ADDR
CommandSpec poolmon_spec();   // parse/poolmon.cpp   PoolMon screens and /n logs (no prompt)
CommandSpec locks_spec();     // parse/locks.cpp     !locks, !cs

} // namespace dbgsift::parse
