// SPDX-License-Identifier: MIT
// Instantiation only: every !locks rule for the one iterator/context pair parse_line uses.
#include "locks_def.hpp"

namespace dbgsift::grammar {

BOOST_SPIRIT_INSTANTIATE(locks_command_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(resource_header_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(resource_counter_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(resource_flags_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(old_owner_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(thread_list_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(critsec_header_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(critsec_field_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(locks_summary_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(thread_detail_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(owning_process_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(locks_aside_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(annotated_line_type, iterator_type, context_type)

locks_command_type const& locks_command() { return locks_command_rule; }
resource_header_type const& resource_header() { return resource_header_rule; }
resource_counter_type const& resource_counter() { return resource_counter_rule; }
resource_flags_type const& resource_flags() { return resource_flags_rule; }
old_owner_type const& old_owner() { return old_owner_rule; }
thread_list_type const& thread_list() { return thread_list_rule; }
critsec_header_type const& critsec_header() { return critsec_header_rule; }
critsec_field_type const& critsec_field() { return critsec_field_rule; }
locks_summary_type const& locks_summary() { return locks_summary_rule; }
thread_detail_type const& thread_detail() { return thread_detail_rule; }
owning_process_type const& owning_process() { return owning_process_rule; }
locks_aside_type const& locks_aside() { return locks_aside_rule; }
annotated_line_type const& annotated_line() { return annotated_line_rule; }

} // namespace dbgsift::grammar
