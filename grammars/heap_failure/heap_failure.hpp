// SPDX-License-Identifier: MIT
// Heap corruption reports: the heap manager's messages, the !heap box, verifier stops.
#pragma once
#include "../config.hpp"
#include "ast.hpp"
#include <string_view>

namespace dbgsift::grammar {

// name_starts: the bytes a rule may start with (see grammars/config.hpp).

// "HEAP[demo.exe]: Heap block at 015C3DC0 modified at 015C3DD4 past requested size of c"
// "HEAP[SMAntietam.exe]: Invalid address specified to RtlFreeHeap( 00A50000, 02A155B8 )"
// "HEAP: Free Heap block 0000000005331AB0 modified at 0000000005331E90 after it was freed"
// "HEAP[app.exe]: Heap error detected at 00315A18 (heap handle 00310000)"
DBGSIFT_RULE(heap_message, ast::heap_message)
inline constexpr std::string_view heap_message_starts = "H";  // HEAP

// "HEAP[app.exe]: Error code: 13 - heap_failure_freelists_corruption", "Heap handle: 00310000",
// "Parameter1: 00315a10", "Last known valid blocks: before - 00315a10, after - 00315a58"
DBGSIFT_RULE(heap_failure_field, ast::heap_failure_field)
// HEAP prefix, Error, Heap, Parameter, Last, Stack, Details, Follow-up
inline constexpr std::string_view heap_failure_field_starts = "HEPLSDF";

// The frame of the !heap box: "****...", "*   HEAP ERROR DETECTED   *", "*      *"
DBGSIFT_RULE(heap_error_banner, x3::unused_type)
inline constexpr std::string_view heap_error_banner_starts = "*";

// "VERIFIER STOP 00000007: pid 0x7544: block already freed "
DBGSIFT_RULE(verifier_stop, ast::verifier_stop)
inline constexpr std::string_view verifier_stop_starts = "V";  // VERIFIER

// "	09601000 : Heap handle", "	00000000 : " (an unused parameter prints no words)
DBGSIFT_RULE(verifier_parameter, ast::verifier_parameter)

// "=====", "This verifier stop is not continuable. Process will be terminated ",
// "when you use the `go' debugger command."
DBGSIFT_RULE(verifier_frame, x3::unused_type)
inline constexpr std::string_view verifier_frame_starts = "=TwA";  // =====, This, when, After

} // namespace dbgsift::grammar
