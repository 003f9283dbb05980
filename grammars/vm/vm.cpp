// SPDX-License-Identifier: MIT
#include "vm_def.hpp"

namespace dbgsift::grammar {

BOOST_SPIRIT_INSTANTIATE(vm_command_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(vm_marker_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(vm_counter_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(vm_bare_counter_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(vm_page_file_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(vm_page_file_sizes_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(vm_banner_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(vm_session_limit_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(vm_session_header_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(vm_session_usage_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(vm_process_pages_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(vm_process_kb_type, iterator_type, context_type)

vm_command_type const& vm_command() { return vm_command_rule; }
vm_marker_type const& vm_marker() { return vm_marker_rule; }
vm_counter_type const& vm_counter() { return vm_counter_rule; }
vm_bare_counter_type const& vm_bare_counter() { return vm_bare_counter_rule; }
vm_page_file_type const& vm_page_file() { return vm_page_file_rule; }
vm_page_file_sizes_type const& vm_page_file_sizes() { return vm_page_file_sizes_rule; }
vm_banner_type const& vm_banner() { return vm_banner_rule; }
vm_session_limit_type const& vm_session_limit() { return vm_session_limit_rule; }
vm_session_header_type const& vm_session_header() { return vm_session_header_rule; }
vm_session_usage_type const& vm_session_usage() { return vm_session_usage_rule; }
vm_process_pages_type const& vm_process_pages() { return vm_process_pages_rule; }
vm_process_kb_type const& vm_process_kb() { return vm_process_kb_rule; }

} // namespace dbgsift::grammar
