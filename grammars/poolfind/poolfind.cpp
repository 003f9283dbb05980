// SPDX-License-Identifier: MIT
#include "poolfind_def.hpp"

namespace dbgsift::grammar {

DBGSIFT_DEFINE_RULE(pool_command)
DBGSIFT_DEFINE_RULE(pool_page_command)
DBGSIFT_DEFINE_RULE(pool_block_row)
DBGSIFT_DEFINE_RULE(pool_page_region)
DBGSIFT_DEFINE_RULE(pool_owner)
DBGSIFT_DEFINE_RULE(pool_find_row)
DBGSIFT_DEFINE_RULE(pool_search)
DBGSIFT_DEFINE_RULE(pool_page_damage)
DBGSIFT_DEFINE_RULE(pool_chatter)
DBGSIFT_DEFINE_RULE(pool_terminated)

} // namespace dbgsift::grammar
