// SPDX-License-Identifier: MIT
#include "session_time_def.hpp"

namespace dbgsift::grammar {

DBGSIFT_DEFINE_RULE(session_time)

} // namespace dbgsift::grammar
