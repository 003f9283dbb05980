// SPDX-License-Identifier: MIT
#include "address_def.hpp"

namespace dbgsift::grammar {

DBGSIFT_DEFINE_RULE(address_command)
DBGSIFT_DEFINE_RULE(address_header)
DBGSIFT_DEFINE_RULE(summary_section)
DBGSIFT_DEFINE_RULE(region_row)
DBGSIFT_DEFINE_RULE(region_state)
DBGSIFT_DEFINE_RULE(old_region_head)
DBGSIFT_DEFINE_RULE(old_region_field)
DBGSIFT_DEFINE_RULE(region_field)
DBGSIFT_DEFINE_RULE(summary_row)
DBGSIFT_DEFINE_RULE(largest_row)
DBGSIFT_DEFINE_RULE(old_summary_row)
DBGSIFT_DEFINE_RULE(total_line)
DBGSIFT_DEFINE_RULE(largest_free_line)

} // namespace dbgsift::grammar
