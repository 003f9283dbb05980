// SPDX-License-Identifier: MIT
#include "bugcheck_def.hpp"

namespace dbgsift::grammar {

DBGSIFT_DEFINE_RULE(analyze_command)
DBGSIFT_DEFINE_RULE(bugcheck_title)
DBGSIFT_DEFINE_RULE(bugcheck_arg)
DBGSIFT_DEFINE_RULE(bugcheck_code)
DBGSIFT_DEFINE_RULE(analyze_name)
DBGSIFT_DEFINE_RULE(analyze_symbol)
DBGSIFT_DEFINE_RULE(analyze_banner)
DBGSIFT_DEFINE_RULE(bugcheck_short)
DBGSIFT_DEFINE_RULE(analyze_probable)

} // namespace dbgsift::grammar
