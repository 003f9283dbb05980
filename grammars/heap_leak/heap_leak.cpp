// SPDX-License-Identifier: MIT
#include "heap_leak_def.hpp"

namespace dbgsift::grammar {

BOOST_SPIRIT_INSTANTIATE(heap_leak_chatter_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(heap_leak_row_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(heap_leak_total_type, iterator_type, context_type)

heap_leak_chatter_type const& heap_leak_chatter() { return heap_leak_chatter_rule; }
heap_leak_row_type const& heap_leak_row() { return heap_leak_row_rule; }
heap_leak_total_type const& heap_leak_total() { return heap_leak_total_rule; }

} // namespace dbgsift::grammar
