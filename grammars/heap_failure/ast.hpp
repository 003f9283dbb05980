// SPDX-License-Identifier: MIT
// Heap corruption reports: the heap manager's debug messages, the `!heap` "HEAP ERROR
// DETECTED" box and Application Verifier stops.
#pragma once
#include "../../src/dbgsift/model/heap_failure.hpp"
#include "../source.hpp"
#include <cstdint>
#include <string>

namespace dbgsift::grammar::ast {

enum class heap_message_kind { modified_past_size, modified_after_free, invalid_address, error_detected };

// What follows the "HEAP[app.exe]: " prefix; a and b in the order the message prints them.
struct heap_message_body {
    heap_message_kind kind = heap_message_kind::error_detected;
    std::string function;  // "RtlFreeHeap" (invalid_address only)
    std::uint64_t a = 0;   // the block; the heap handle for invalid_address
    std::uint64_t b = 0;   // where it was modified; the address for invalid_address; the heap for error_detected
    std::uint64_t n = 0;   // the requested size (modified_past_size only)
};

// "HEAP[demo.exe]: Heap block at 015C3DC0 modified at 015C3DD4 past requested size of c"
struct heap_message : source_span {
    std::string process;  // "" after a bare "HEAP: "
    heap_message_body body;
};

enum class failure_field_key {
    error_type,         // "Error code: 13 - heap_failure_freelists_corruption", "Error type: ..."
    parameter,          // "Parameter1: 00484b28", "Parameter 1: ..."
    last_valid_blocks,  // "Last known valid blocks: before - X, after - Y"
    stack_trace,        // "Stack trace available at X", "Stack trace:"
    error_address,      // "Error address: X"
    heap_handle,        // "Heap handle: X", "Heap address: X"
    section,            // "Details:", "Follow-up: ..."
};

// One field of a heap failure report, with or without the "HEAP[app.exe]: " prefix.
struct heap_failure_field : source_span {
    failure_field_key key = failure_field_key::section;
    model::HeapFailureType type = model::HeapFailureType::none;
    std::uint64_t index = 0;  // the parameter's number
    std::uint64_t a = 0;      // the value; "before" for last_valid_blocks
    std::uint64_t b = 0;      // "after" for last_valid_blocks
};

// "VERIFIER STOP 0000000F: pid 0x352C: corrupted suffix pattern "
struct verifier_stop : source_span {
    std::uint64_t code = 0;
    std::uint64_t pid = 0;
    std::string description;
};

// What a verifier stop parameter is, read from the first words of its description.
enum class verifier_role { heap, block, size, corruption, other };

// "	05E15FF0 : Heap block", "    000001956B381000 : Heap handle used in the call."
struct verifier_parameter : source_span {
    std::uint64_t value = 0;
    verifier_role role = verifier_role::other;
};

} // namespace dbgsift::grammar::ast
