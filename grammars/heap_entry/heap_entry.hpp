// SPDX-License-Identifier: MIT
// `!heap -flt s SIZE` and `!heap -p -a ADDR`: heap headers and HEAP_ENTRY rows. The
// allocation stack under a `-p -a` block is read by grammars/stack.
#pragma once
#include "../config.hpp"
#include "../common/ast.hpp"
#include "ast.hpp"
#include <string_view>
#include <vector>

namespace dbgsift::grammar {

DBGSIFT_RULE(heap_found, ast::heap_found)

DBGSIFT_RULE(heap_root, ast::heap_root)

// Full page heap: "in busy allocation (  DPH_HEAP_BLOCK: UserAddr UserSize - VirtAddr VirtSize)",
// "in free-ed allocation (  DPH_HEAP_BLOCK: VirtAddr VirtSize)"; attribute: which.
DBGSIFT_RULE(dph_allocation, ast::heap_block_state)

DBGSIFT_RULE(dph_block_row, ast::dph_block_row)

// `!heap -flt s` on a full page heap: "Busy allocations" / "Freed and decommitted blocks"
// (attribute: which), then "DPH_HEAP_BLOCK : UserAddr  UserSize - VirtAddr VirtSize".
DBGSIFT_RULE(dph_filter_title, ast::heap_block_state)
DBGSIFT_RULE(dph_filter_header, x3::unused_type)

// "HEAP_ENTRY Size Prev Flags    UserPtr UserSize - state"
DBGSIFT_RULE(heap_entry_header, x3::unused_type)

DBGSIFT_RULE(heap_entry_row, ast::heap_entry_row)

// "? TAVE!std::_Init_locks::operator=+157e4": the symbol a block's first pointer resolves to
DBGSIFT_RULE(heap_entry_hint, x3::unused_type)

// "Trace: b7a24": the stack trace database index of a `-p -a` block (hex)
DBGSIFT_RULE(heap_trace_index, std::uint64_t)

// MEX prints what it runs: "Running '!mex.head 5000 ...' to gather the 5000 entries."
DBGSIFT_RULE(heap_entry_note, x3::unused_type)

// "!heap -flt s 156600", "!heap -p -a 7edcc018", "!mex.mheap 00510000 -flt 156600":
// the options after the command name. MEX's mheap wraps !heap and prints its output.
DBGSIFT_RULE(heap_detail_command, ast::command_words)

// "156600", "0x156600" -> 0x156600: a size or address typed as a command option (hex).
bool heap_option_value(std::string_view text, std::uint64_t& value);

} // namespace dbgsift::grammar
