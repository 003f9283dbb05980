// SPDX-License-Identifier: MIT
#include "heap_def.hpp"

namespace dbgsift::grammar {

DBGSIFT_DEFINE_RULE(heap_command)
DBGSIFT_DEFINE_RULE(heap_separator)
DBGSIFT_DEFINE_RULE(heap_header)
DBGSIFT_DEFINE_RULE(heap_preamble)
DBGSIFT_DEFINE_RULE(heap_debug_aid)
DBGSIFT_DEFINE_RULE(heap_row)
DBGSIFT_DEFINE_RULE(heap_fast_continuation)
DBGSIFT_DEFINE_RULE(heap_fragmentation)
DBGSIFT_DEFINE_RULE(segment_heap_row)
DBGSIFT_DEFINE_RULE(heap_virtual_block)

bool heap_address_value(std::string_view text, std::uint64_t& value) {
    char const* first = text.data();
    char const* const last = first + text.size();
    return x3::parse(first, last, common::hex16, value) && first == last;
}

} // namespace dbgsift::grammar
