// SPDX-License-Identifier: MIT
// Row shapes of `!heap -stat -h ADDR` (and MEX `!mex.mheap ADDR`), kept as printed.
#pragma once
#include "../source.hpp"
#include <boost/optional.hpp>
#include <cstdint>
#include <string>

namespace dbgsift::grammar::ast {

// "    heap @ 00510000"
struct heap_stat_heap : source_span {
    std::string address;  // as printed
};

enum class heap_stat_grouping { total_size, block_count };

// `!heap -stat` over all heaps prints, under each "_HEAP 003c0000" line:
// "Segments 00000001", "Reserved  bytes 00010000", "Committed bytes 00008000",
// "VirtAllocBlocks 00000000", "VirtAlloc bytes 00000000".
enum class heap_usage_counter { segments, reserved, committed, virtual_blocks, virtual_bytes };
struct heap_usage_row : source_span {
    heap_usage_counter which = heap_usage_counter::segments;
    std::uint64_t value = 0;
};

// "    group-by: TOTSIZE max-display: 20"
struct heap_stat_group : source_span {
    heap_stat_grouping by = heap_stat_grouping::total_size;
    boost::optional<std::uint64_t> max_display;
};

// "        156600 21e - 2d4df400  (94.45)": size, #blocks, total (all hex), percent.
struct heap_stat_row : source_span {
    std::uint64_t size = 0;
    std::uint64_t blocks = 0;
    std::uint64_t total = 0;
    double percent = 0;
};

} // namespace dbgsift::grammar::ast
