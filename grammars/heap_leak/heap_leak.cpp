// SPDX-License-Identifier: MIT
#include "heap_leak_def.hpp"

namespace dbgsift::grammar {

DBGSIFT_DEFINE_RULE(heap_leak_chatter)
DBGSIFT_DEFINE_RULE(heap_leak_row)
DBGSIFT_DEFINE_RULE(heap_leak_total)

} // namespace dbgsift::grammar
