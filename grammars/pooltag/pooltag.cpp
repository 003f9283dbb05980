// SPDX-License-Identifier: MIT
#include "pooltag_def.hpp"

namespace dbgsift::grammar {

DBGSIFT_DEFINE_RULE(pooltag_entry)
DBGSIFT_DEFINE_RULE(pooltag_comment)

} // namespace dbgsift::grammar
