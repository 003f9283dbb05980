// SPDX-License-Identifier: MIT
#include "prompt_def.hpp"

namespace dbgsift::grammar {

DBGSIFT_DEFINE_RULE(prompt_line)
DBGSIFT_DEFINE_RULE(session_marker)
DBGSIFT_DEFINE_RULE(bare_command)

} // namespace dbgsift::grammar
