// SPDX-License-Identifier: MIT
#include "prompt_def.hpp"

namespace dbgsift::grammar {

DBGSIFT_DEFINE_RULE(prompt_line)
DBGSIFT_DEFINE_RULE(session_marker)

} // namespace dbgsift::grammar
