// SPDX-License-Identifier: MIT
// Instantiation only: every !locks rule for the one iterator/context pair parse_line uses.
#include "locks_def.hpp"

namespace dbgsift::grammar {

DBGSIFT_DEFINE_RULE(locks_command)
DBGSIFT_DEFINE_RULE(resource_header)
DBGSIFT_DEFINE_RULE(resource_counter)
DBGSIFT_DEFINE_RULE(resource_flags)
DBGSIFT_DEFINE_RULE(old_owner)
DBGSIFT_DEFINE_RULE(thread_list)
DBGSIFT_DEFINE_RULE(critsec_header)
DBGSIFT_DEFINE_RULE(critsec_field)
DBGSIFT_DEFINE_RULE(locks_summary)
DBGSIFT_DEFINE_RULE(thread_detail)
DBGSIFT_DEFINE_RULE(owning_process)
DBGSIFT_DEFINE_RULE(locks_aside)
DBGSIFT_DEFINE_RULE(break_in)
DBGSIFT_DEFINE_RULE(annotated_line)
DBGSIFT_DEFINE_RULE(qualified_symbol)
DBGSIFT_DEFINE_RULE(thread_state)

} // namespace dbgsift::grammar
