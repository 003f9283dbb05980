// SPDX-License-Identifier: MIT
#include "prompt_def.hpp"

namespace dbgsift::grammar {

DBGSIFT_DEFINE_RULE(prompt_line)
DBGSIFT_DEFINE_RULE(session_marker)
DBGSIFT_DEFINE_RULE(bare_command)
DBGSIFT_DEFINE_RULE(bare_plain_command)

} // namespace dbgsift::grammar
