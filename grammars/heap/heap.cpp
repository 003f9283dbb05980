// SPDX-License-Identifier: MIT
#include "heap_def.hpp"

namespace dbgsift::grammar {

BOOST_SPIRIT_INSTANTIATE(heap_command_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(heap_separator_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(heap_header_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(heap_preamble_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(heap_debug_aid_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(heap_row_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(heap_fast_continuation_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(heap_fragmentation_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(segment_heap_row_type, iterator_type, context_type)

heap_command_type const& heap_command() { return heap_command_rule; }
heap_separator_type const& heap_separator() { return heap_separator_rule; }
heap_header_type const& heap_header() { return heap_header_rule; }
heap_preamble_type const& heap_preamble() { return heap_preamble_rule; }
heap_debug_aid_type const& heap_debug_aid() { return heap_debug_aid_rule; }
heap_row_type const& heap_row() { return heap_row_rule; }
heap_fast_continuation_type const& heap_fast_continuation() { return heap_fast_continuation_rule; }
heap_fragmentation_type const& heap_fragmentation() { return heap_fragmentation_rule; }
segment_heap_row_type const& segment_heap_row() { return segment_heap_row_rule; }

bool heap_address_value(std::string_view text, std::uint64_t& value) {
    char const* first = text.data();
    char const* const last = first + text.size();
    return x3::parse(first, last, common::hex16, value) && first == last;
}

} // namespace dbgsift::grammar
