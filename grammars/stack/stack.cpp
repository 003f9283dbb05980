// SPDX-License-Identifier: MIT
#include "stack_def.hpp"

namespace dbgsift::grammar {

DBGSIFT_DEFINE_RULE(stack_frame)

} // namespace dbgsift::grammar
