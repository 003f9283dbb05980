// SPDX-License-Identifier: MIT
#include "handle_def.hpp"

namespace dbgsift::grammar {

DBGSIFT_DEFINE_RULE(handle_total)
DBGSIFT_DEFINE_RULE(handle_type_header)
DBGSIFT_DEFINE_RULE(handle_type_count)
DBGSIFT_DEFINE_RULE(handle_line)
DBGSIFT_DEFINE_RULE(handle_type_field)
DBGSIFT_DEFINE_RULE(handle_attributes)
DBGSIFT_DEFINE_RULE(handle_granted_access)
DBGSIFT_DEFINE_RULE(handle_access_names)
DBGSIFT_DEFINE_RULE(handle_handle_count)
DBGSIFT_DEFINE_RULE(handle_pointer_count)
DBGSIFT_DEFINE_RULE(handle_name)
DBGSIFT_DEFINE_RULE(handle_object_info)
DBGSIFT_DEFINE_RULE(kernel_handle_table)
DBGSIFT_DEFINE_RULE(kernel_handle_entry)
DBGSIFT_DEFINE_RULE(kernel_free_handle)
DBGSIFT_DEFINE_RULE(kernel_object)
DBGSIFT_DEFINE_RULE(kernel_object_header)
DBGSIFT_DEFINE_RULE(kernel_object_counts)
DBGSIFT_DEFINE_RULE(kernel_object_name)
DBGSIFT_DEFINE_RULE(handle_unmodelled)

} // namespace dbgsift::grammar
