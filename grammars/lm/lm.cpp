// SPDX-License-Identifier: MIT
#include "lm_def.hpp"

namespace dbgsift::grammar {

DBGSIFT_DEFINE_RULE(lm_command)
DBGSIFT_DEFINE_RULE(lm_header)
DBGSIFT_DEFINE_RULE(unloaded_title)
DBGSIFT_DEFINE_RULE(module_row)
DBGSIFT_DEFINE_RULE(module_detail)
DBGSIFT_DEFINE_RULE(dml_residue)
DBGSIFT_DEFINE_RULE(module_row_head)
DBGSIFT_DEFINE_RULE(path_tail)

} // namespace dbgsift::grammar
