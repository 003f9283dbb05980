// SPDX-License-Identifier: MIT
#include "address_def.hpp"

namespace dbgsift::grammar {

BOOST_SPIRIT_INSTANTIATE(address_command_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(address_header_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(summary_section_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(region_row_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(old_region_head_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(old_region_field_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(region_field_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(summary_row_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(largest_row_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(old_summary_row_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(total_line_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(largest_free_line_type, iterator_type, context_type)

address_command_type const& address_command() { return address_command_rule; }
address_header_type const& address_header() { return address_header_rule; }
summary_section_type const& summary_section() { return summary_section_rule; }
region_row_type const& region_row() { return region_row_rule; }
old_region_head_type const& old_region_head() { return old_region_head_rule; }
old_region_field_type const& old_region_field() { return old_region_field_rule; }
region_field_type const& region_field() { return region_field_rule; }
summary_row_type const& summary_row() { return summary_row_rule; }
largest_row_type const& largest_row() { return largest_row_rule; }
old_summary_row_type const& old_summary_row() { return old_summary_row_rule; }
total_line_type const& total_line() { return total_line_rule; }
largest_free_line_type const& largest_free_line() { return largest_free_line_rule; }

} // namespace dbgsift::grammar
