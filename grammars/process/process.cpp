// SPDX-License-Identifier: MIT
#include "process_def.hpp"

namespace dbgsift::grammar {

BOOST_SPIRIT_INSTANTIATE(process_header_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(process_ids_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(process_tables_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(process_image_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(process_vad_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(process_time_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(process_quota_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(process_working_set_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(process_size_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(process_counter_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(thread_line_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(process_unmodelled_type, iterator_type, context_type)

process_header_type const& process_header() { return process_header_rule; }
process_ids_type const& process_ids() { return process_ids_rule; }
process_tables_type const& process_tables() { return process_tables_rule; }
process_image_type const& process_image() { return process_image_rule; }
process_vad_type const& process_vad() { return process_vad_rule; }
process_time_type const& process_time() { return process_time_rule; }
process_quota_type const& process_quota() { return process_quota_rule; }
process_working_set_type const& process_working_set() { return process_working_set_rule; }
process_size_type const& process_size() { return process_size_rule; }
process_counter_type const& process_counter() { return process_counter_rule; }
thread_line_type const& thread_line() { return thread_line_rule; }
process_unmodelled_type const& process_unmodelled() { return process_unmodelled_rule; }

} // namespace dbgsift::grammar
