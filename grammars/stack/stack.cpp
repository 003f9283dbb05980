// SPDX-License-Identifier: MIT
#include "stack_def.hpp"

namespace dbgsift::grammar {

DBGSIFT_DEFINE_RULE(stack_frame)
DBGSIFT_DEFINE_RULE(k_command)
DBGSIFT_DEFINE_RULE(k_header)
DBGSIFT_DEFINE_RULE(k_frame)
DBGSIFT_DEFINE_RULE(k_thread)
DBGSIFT_DEFINE_RULE(k_command_thread)
DBGSIFT_DEFINE_RULE(thread_id)
DBGSIFT_DEFINE_RULE(thread_list_command)
DBGSIFT_DEFINE_RULE(module_base_name)
DBGSIFT_DEFINE_RULE(k_switch_echo)
DBGSIFT_DEFINE_RULE(mex_thread_row)
DBGSIFT_DEFINE_RULE(mex_thread_header)
DBGSIFT_DEFINE_RULE(k_warning)

} // namespace dbgsift::grammar
