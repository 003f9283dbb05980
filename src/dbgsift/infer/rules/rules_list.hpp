// SPDX-License-Identifier: MIT
// Every rule, one file each under infer/rules/, named after the pattern it detects.
#pragma once
#include "../rules.hpp"

namespace dbgsift::infer::rules {

// nonpaged-pool-exhaustion, paged-pool-exhaustion, session-pool-exhaustion,
// commit-limit-exhaustion; also the notes about impossible !vm values.
void pool_exhaustion(model::Case const&, Options const&, Report&);
// pool-tag-leak; rankings.pooltags and the tag-owner part of rankings.modules.
void pool_tag_leak(model::Case const&, Options const&, Report&);
// handle-leak; rankings.processes, rankings.handle_types.
void handle_leak(model::Case const&, Options const&, Report&);
// process-memory-leak.
void process_memory_leak(model::Case const&, Options const&, Report&);
// heap-leak, virtual-memory-leak, stack-trace-database-growth; rankings.heaps, .regions.
void user_memory(model::Case const&, Options const&, Report&);
// high-contention, deadlock (a wait cycle); rankings.locks and lock owners in rankings.modules.
void high_contention(model::Case const&, Options const&, Report&);

// heap-leak from !heap -stat/-flt/-p -a and UMDH; rankings.functions and their modules.
void allocation_stacks(model::Case const&, Options const&, Report&);
// handle-leak from !htrace / !htrace -diff, named by the opening function.
void handle_stacks(model::Case const&, Options const&, Report&);
// pool-tag-leak read further from !poolfind and !pool (adds to pool_tag_leak's finding).
void pool_blocks(model::Case const&, Options const&, Report&);
// heap-corruption from the heap manager's messages, the !heap box and verifier stops.
void heap_corruption(model::Case const&, Options const&, Report&);
// pool-corruption from !poolval and !analyze's pool bugchecks; the module !analyze names.
void pool_corruption(model::Case const&, Options const&, Report&);
// Drops next steps the log already ran (runs last).
void answered_next_steps(model::Case const&, Options const&, Report&);

} // namespace dbgsift::infer::rules
