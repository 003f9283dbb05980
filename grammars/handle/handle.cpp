// SPDX-License-Identifier: MIT
#include "handle_def.hpp"

namespace dbgsift::grammar {

BOOST_SPIRIT_INSTANTIATE(handle_total_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(handle_type_header_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(handle_type_count_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(handle_line_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(handle_type_field_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(handle_attributes_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(handle_granted_access_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(handle_access_names_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(handle_handle_count_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(handle_pointer_count_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(handle_name_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(handle_object_info_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(kernel_handle_table_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(kernel_handle_entry_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(kernel_free_handle_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(kernel_object_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(kernel_object_header_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(kernel_object_counts_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(kernel_object_name_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(handle_unmodelled_type, iterator_type, context_type)

handle_total_type const& handle_total() { return handle_total_rule; }
handle_type_header_type const& handle_type_header() { return handle_type_header_rule; }
handle_type_count_type const& handle_type_count() { return handle_type_count_rule; }
handle_line_type const& handle_line() { return handle_line_rule; }
handle_type_field_type const& handle_type_field() { return handle_type_field_rule; }
handle_attributes_type const& handle_attributes() { return handle_attributes_rule; }
handle_granted_access_type const& handle_granted_access() { return handle_granted_access_rule; }
handle_access_names_type const& handle_access_names() { return handle_access_names_rule; }
handle_handle_count_type const& handle_handle_count() { return handle_handle_count_rule; }
handle_pointer_count_type const& handle_pointer_count() { return handle_pointer_count_rule; }
handle_name_type const& handle_name() { return handle_name_rule; }
handle_object_info_type const& handle_object_info() { return handle_object_info_rule; }
kernel_handle_table_type const& kernel_handle_table() { return kernel_handle_table_rule; }
kernel_handle_entry_type const& kernel_handle_entry() { return kernel_handle_entry_rule; }
kernel_free_handle_type const& kernel_free_handle() { return kernel_free_handle_rule; }
kernel_object_type const& kernel_object() { return kernel_object_rule; }
kernel_object_header_type const& kernel_object_header() { return kernel_object_header_rule; }
kernel_object_counts_type const& kernel_object_counts() { return kernel_object_counts_rule; }
kernel_object_name_type const& kernel_object_name() { return kernel_object_name_rule; }
handle_unmodelled_type const& handle_unmodelled() { return handle_unmodelled_rule; }

} // namespace dbgsift::grammar
