// SPDX-License-Identifier: MIT
#include "htrace_def.hpp"

namespace dbgsift::grammar {

DBGSIFT_DEFINE_RULE(htrace_command)
DBGSIFT_DEFINE_RULE(htrace_entry)
DBGSIFT_DEFINE_RULE(htrace_thread)
DBGSIFT_DEFINE_RULE(htrace_note)
DBGSIFT_DEFINE_RULE(htrace_chatter)

} // namespace dbgsift::grammar
