// SPDX-License-Identifier: MIT
#include "poolval_def.hpp"

namespace dbgsift::grammar {

DBGSIFT_DEFINE_RULE(poolval_command)
DBGSIFT_DEFINE_RULE(poolval_region)
DBGSIFT_DEFINE_RULE(poolval_validating)
DBGSIFT_DEFINE_RULE(poolval_verdict)
DBGSIFT_DEFINE_RULE(poolval_problem)
DBGSIFT_DEFINE_RULE(poolval_step)

} // namespace dbgsift::grammar
