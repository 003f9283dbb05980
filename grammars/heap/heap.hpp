// SPDX-License-Identifier: MIT
// `!heap -s`: the heap table (x86, x64, wrapped at 80 columns), its preamble, the
// fragmentation sub-lines and the Windows 10 segment-heap summary.
#pragma once
#include "../config.hpp"
#include "ast.hpp"
#include <string_view>

namespace dbgsift::grammar {

// "!heap -s", "!heap -p -a 0x1234" -> the options after "!heap".
struct heap_command_class;
using heap_command_type = x3::rule<heap_command_class, std::vector<std::string>>;
BOOST_SPIRIT_DECLARE(heap_command_type)
heap_command_type const& heap_command();

// "-----", "******", "NT HEAP STATS BELOW": lines that only frame the table.
struct heap_separator_class;
using heap_separator_type = x3::rule<heap_separator_class>;
BOOST_SPIRIT_DECLARE(heap_separator_type)
heap_separator_type const& heap_separator();

// "Heap     Flags   Reserv  Commit ...", and its pieces when wrapped ("  Fast", " heap").
struct heap_header_class;
using heap_header_type = x3::rule<heap_header_class>;
BOOST_SPIRIT_DECLARE(heap_header_type)
heap_header_type const& heap_header();

struct heap_preamble_class;
using heap_preamble_type = x3::rule<heap_preamble_class, ast::heap_preamble>;
BOOST_SPIRIT_DECLARE(heap_preamble_type)
heap_preamble_type const& heap_preamble();

// "stack back traces" under "NtGlobalFlag enables following debugging aids for new heaps:"
struct heap_debug_aid_class;
using heap_debug_aid_type = x3::rule<heap_debug_aid_class, std::string>;
BOOST_SPIRIT_DECLARE(heap_debug_aid_type)
heap_debug_aid_type const& heap_debug_aid();

struct heap_row_class;
using heap_row_type = x3::rule<heap_row_class, ast::heap_row>;
BOOST_SPIRIT_DECLARE(heap_row_type)
heap_row_type const& heap_row();

// "   LFH": the Fast heap column wrapped onto its own line.
struct heap_fast_continuation_class;
using heap_fast_continuation_type = x3::rule<heap_fast_continuation_class, std::string>;
BOOST_SPIRIT_DECLARE(heap_fast_continuation_type)
heap_fast_continuation_type const& heap_fast_continuation();

struct heap_fragmentation_class;
using heap_fragmentation_type = x3::rule<heap_fragmentation_class, ast::heap_fragmentation>;
BOOST_SPIRIT_DECLARE(heap_fragmentation_type)
heap_fragmentation_type const& heap_fragmentation();

struct segment_heap_row_class;
using segment_heap_row_type = x3::rule<segment_heap_row_class, ast::segment_heap_row>;
BOOST_SPIRIT_DECLARE(segment_heap_row_type)
segment_heap_row_type const& segment_heap_row();

// The value of a heap address as printed in a row ("0000000001a40000" -> 0x1a40000).
bool heap_address_value(std::string_view text, std::uint64_t& value);

} // namespace dbgsift::grammar
