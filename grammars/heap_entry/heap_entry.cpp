// SPDX-License-Identifier: MIT
#include "heap_entry_def.hpp"

namespace dbgsift::grammar {

BOOST_SPIRIT_INSTANTIATE(heap_found_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(heap_root_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(heap_entry_header_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(heap_entry_row_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(heap_entry_note_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(heap_detail_command_type, iterator_type, context_type)

heap_found_type const& heap_found() { return heap_found_rule; }
heap_root_type const& heap_root() { return heap_root_rule; }
heap_entry_header_type const& heap_entry_header() { return heap_entry_header_rule; }
heap_entry_row_type const& heap_entry_row() { return heap_entry_row_rule; }
heap_entry_note_type const& heap_entry_note() { return heap_entry_note_rule; }
heap_detail_command_type const& heap_detail_command() { return heap_detail_command_rule; }

bool heap_option_value(std::string_view text, std::uint64_t& value) {
    char const* first = text.data();
    char const* const last = first + text.size();
    return x3::parse(first, last, -(x3::lit("0x") | "0X") >> common::hex16, value) && first == last;
}

} // namespace dbgsift::grammar
