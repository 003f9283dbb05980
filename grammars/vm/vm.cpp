// SPDX-License-Identifier: MIT
#include "vm_def.hpp"

namespace dbgsift::grammar {

DBGSIFT_DEFINE_RULE(vm_command)
DBGSIFT_DEFINE_RULE(vm_marker)
DBGSIFT_DEFINE_RULE(vm_counter)
DBGSIFT_DEFINE_RULE(vm_bare_counter)
DBGSIFT_DEFINE_RULE(vm_page_file)
DBGSIFT_DEFINE_RULE(vm_page_file_sizes)
DBGSIFT_DEFINE_RULE(vm_banner)
DBGSIFT_DEFINE_RULE(vm_session_limit)
DBGSIFT_DEFINE_RULE(vm_session_header)
DBGSIFT_DEFINE_RULE(vm_session_usage)
DBGSIFT_DEFINE_RULE(vm_process_pages)
DBGSIFT_DEFINE_RULE(vm_process_kb)

} // namespace dbgsift::grammar
