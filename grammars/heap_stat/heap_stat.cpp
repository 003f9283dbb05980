// SPDX-License-Identifier: MIT
#include "heap_stat_def.hpp"

namespace dbgsift::grammar {

BOOST_SPIRIT_INSTANTIATE(heap_stat_heap_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(heap_stat_group_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(heap_stat_header_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(heap_stat_row_type, iterator_type, context_type)

heap_stat_heap_type const& heap_stat_heap() { return heap_stat_heap_rule; }
heap_stat_group_type const& heap_stat_group() { return heap_stat_group_rule; }
heap_stat_header_type const& heap_stat_header() { return heap_stat_header_rule; }
heap_stat_row_type const& heap_stat_row() { return heap_stat_row_rule; }

} // namespace dbgsift::grammar
