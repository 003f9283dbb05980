// SPDX-License-Identifier: MIT
#include "umdh_def.hpp"

namespace dbgsift::grammar {

DBGSIFT_DEFINE_RULE(umdh_trace)
DBGSIFT_DEFINE_RULE(umdh_total)
DBGSIFT_DEFINE_RULE(umdh_note)

} // namespace dbgsift::grammar
