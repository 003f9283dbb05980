// SPDX-License-Identifier: MIT
#include "heap_entry_def.hpp"

namespace dbgsift::grammar {

DBGSIFT_DEFINE_RULE(heap_found)
DBGSIFT_DEFINE_RULE(heap_root)
DBGSIFT_DEFINE_RULE(dph_allocation)
DBGSIFT_DEFINE_RULE(dph_block_row)
DBGSIFT_DEFINE_RULE(dph_filter_title)
DBGSIFT_DEFINE_RULE(dph_filter_header)
DBGSIFT_DEFINE_RULE(heap_entry_header)
DBGSIFT_DEFINE_RULE(heap_entry_row)
DBGSIFT_DEFINE_RULE(heap_trace_index)
DBGSIFT_DEFINE_RULE(heap_entry_hint)
DBGSIFT_DEFINE_RULE(heap_entry_note)
DBGSIFT_DEFINE_RULE(heap_detail_command)

bool heap_option_value(std::string_view text, std::uint64_t& value) {
    char const* first = text.data();
    char const* const last = first + text.size();
    return x3::parse(first, last, -(x3::lit("0x") | "0X") >> common::hex16, value) && first == last;
}

} // namespace dbgsift::grammar
