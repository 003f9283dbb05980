// SPDX-License-Identifier: MIT
#include "poolmon_def.hpp"

namespace dbgsift::grammar {

DBGSIFT_DEFINE_RULE(poolmon_header)
DBGSIFT_DEFINE_RULE(poolmon_preamble)
DBGSIFT_DEFINE_RULE(poolmon_row)

} // namespace dbgsift::grammar
