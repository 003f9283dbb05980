// SPDX-License-Identifier: MIT
#include "process_def.hpp"

namespace dbgsift::grammar {

DBGSIFT_DEFINE_RULE(process_header)
DBGSIFT_DEFINE_RULE(process_ids)
DBGSIFT_DEFINE_RULE(process_tables)
DBGSIFT_DEFINE_RULE(process_image)
DBGSIFT_DEFINE_RULE(process_vad)
DBGSIFT_DEFINE_RULE(process_time)
DBGSIFT_DEFINE_RULE(process_quota)
DBGSIFT_DEFINE_RULE(process_working_set)
DBGSIFT_DEFINE_RULE(process_size)
DBGSIFT_DEFINE_RULE(process_counter)
DBGSIFT_DEFINE_RULE(thread_line)
DBGSIFT_DEFINE_RULE(process_unmodelled)

} // namespace dbgsift::grammar
