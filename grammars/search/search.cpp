// SPDX-License-Identifier: MIT
#include "search_def.hpp"

namespace dbgsift::grammar {

DBGSIFT_DEFINE_RULE(search_command)
DBGSIFT_DEFINE_RULE(memory_hit)

} // namespace dbgsift::grammar
