// SPDX-License-Identifier: MIT
// `!heap -stat -h`, `!heap -flt s`, `!heap -p -a` (and MEX `!mex.mheap`, which prints the
// same output): one block parser for the three, chosen by what the output shows.
#pragma once
#include "block_parser.hpp"

namespace dbgsift::parse {

std::unique_ptr<BlockParser> make_heap_detail_parser();

// "group-by: TOTSIZE max-display: 20", "address 7edcc018 found in", "HEAP_ENTRY Size Prev ...":
// lines that open a prompt-less paste of these outputs.
bool is_heap_detail_header(std::string_view line);

} // namespace dbgsift::parse
