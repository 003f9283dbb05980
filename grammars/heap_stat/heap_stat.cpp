// SPDX-License-Identifier: MIT
#include "heap_stat_def.hpp"

namespace dbgsift::grammar {

DBGSIFT_DEFINE_RULE(heap_stat_heap)
DBGSIFT_DEFINE_RULE(heap_stat_title)
DBGSIFT_DEFINE_RULE(heap_stat_group)
DBGSIFT_DEFINE_RULE(heap_stat_header)
DBGSIFT_DEFINE_RULE(heap_stat_row)
DBGSIFT_DEFINE_RULE(heap_usage_heap)
DBGSIFT_DEFINE_RULE(heap_usage_row)

} // namespace dbgsift::grammar
