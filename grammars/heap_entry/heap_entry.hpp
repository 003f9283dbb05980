// SPDX-License-Identifier: MIT
// `!heap -flt s SIZE` and `!heap -p -a ADDR`: heap headers and HEAP_ENTRY rows. The
// allocation stack under a `-p -a` block is read by grammars/stack.
#pragma once
#include "../config.hpp"
#include "ast.hpp"
#include <string_view>
#include <vector>

namespace dbgsift::grammar {

struct heap_found_class;
using heap_found_type = x3::rule<heap_found_class, ast::heap_found>;
BOOST_SPIRIT_DECLARE(heap_found_type)
heap_found_type const& heap_found();

struct heap_root_class;
using heap_root_type = x3::rule<heap_root_class, ast::heap_root>;
BOOST_SPIRIT_DECLARE(heap_root_type)
heap_root_type const& heap_root();

// "HEAP_ENTRY Size Prev Flags    UserPtr UserSize - state"
struct heap_entry_header_class;
using heap_entry_header_type = x3::rule<heap_entry_header_class>;
BOOST_SPIRIT_DECLARE(heap_entry_header_type)
heap_entry_header_type const& heap_entry_header();

struct heap_entry_row_class;
using heap_entry_row_type = x3::rule<heap_entry_row_class, ast::heap_entry_row>;
BOOST_SPIRIT_DECLARE(heap_entry_row_type)
heap_entry_row_type const& heap_entry_row();

// MEX prints what it runs: "Running '!mex.head 5000 ...' to gather the 5000 entries."
struct heap_entry_note_class;
using heap_entry_note_type = x3::rule<heap_entry_note_class>;
BOOST_SPIRIT_DECLARE(heap_entry_note_type)
heap_entry_note_type const& heap_entry_note();

// "!heap -flt s 156600", "!heap -p -a 7edcc018", "!mex.mheap 00510000 -flt 156600":
// the options after the command name. MEX's mheap wraps !heap and prints its output.
struct heap_detail_command_class;
using heap_detail_command_type = x3::rule<heap_detail_command_class, std::vector<std::string>>;
BOOST_SPIRIT_DECLARE(heap_detail_command_type)
heap_detail_command_type const& heap_detail_command();

// "156600", "0x156600" -> 0x156600: a size or address typed as a command option (hex).
bool heap_option_value(std::string_view text, std::uint64_t& value);

} // namespace dbgsift::grammar
