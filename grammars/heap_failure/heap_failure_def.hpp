// SPDX-License-Identifier: MIT
// Spirit coding style: ID foo_class, type foo_type, definition foo_def, object foo.
// Included only by heap_failure.cpp.
#pragma once
#include "../common/common.hpp"
#include "../common/fixed_literal.hpp"
#include "ast_adapted.hpp"
#include "heap_failure.hpp"

namespace dbgsift::grammar {
namespace heap_failure_detail {
namespace c = common;
using ast::failure_field_key;
using ast::heap_message_kind;

// "HEAP[demo.exe]: ", "HEAP: " -> "demo.exe", "". ntdll prints the prefix before every line of
// a report, and twice before some ("HEAP[app.exe]: HEAP: Free Heap block ...").
auto const prefix = x3::rule<struct prefix_class, std::string>{"HEAP[process]: prefix"} =
    x3::lexeme[x3::lit("HEAP") >> (('[' >> *(x3::char_ - ']') >> ']') | x3::attr(std::string())) >> ':'];
auto const more_prefixes = x3::omit[*x3::lexeme[x3::lit("HEAP") >> -('[' >> *(x3::char_ - ']') >> ']') >> ':']];

// "heap_failure_freelists_corruption" -> HeapFailureType::freelists_corruption, through one
// x3::symbols built from model::k_heap_failure_type_names; an unknown name is `other`.
inline x3::symbols<model::HeapFailureType> const& failure_type_names() {
    // From 2: "" (none) and "other" are not spellings.
    static auto const names = c::symbols_of<model::HeapFailureType>(model::k_heap_failure_type_names, 2);
    return names;
}
auto const failure_type = x3::rule<struct failure_type_class, model::HeapFailureType>{"heap failure type"} =
    x3::lexeme[x3::no_case[-x3::lit("heap_failure_")] >> x3::no_case[failure_type_names()] >> c::token_end] |
    x3::lexeme[x3::attr(model::HeapFailureType::other) >> x3::omit[+x3::ascii::graph]];

auto const size_hex = x3::rule<struct size_hex_class, std::uint64_t>{"requested size"} =
    x3::lexeme[-c::lit_fixed_any_case<"0x"> >> c::hex16];

// The Rtl heap function an invalid address was given to: "RtlFreeHeap", "RtlSizeHeap".
auto const function = x3::rule<struct function_class, std::string>{"heap function"} =
    x3::lexeme[+(x3::ascii::alnum | x3::char_('_'))];

auto const body = x3::rule<struct body_class, ast::heap_message_body>{"heap message"} =
    // "Heap block at 015C3DC0 modified at 015C3DD4 past requested size of c"
    (x3::lit("Heap") >> "block" >> "at" >> x3::attr(heap_message_kind::modified_past_size) >>
     x3::attr(std::string()) >> c::address >> "modified" >> "at" >> c::address >> "past" >>
     "requested" >> "size" >> "of" >> size_hex >> x3::omit[c::rest_of_line]) |
    // "Free Heap block 0000000005331AB0 modified at 0000000005331E90 after it was freed"
    (x3::lit("Free") >> "Heap" >> "block" >> x3::attr(heap_message_kind::modified_after_free) >>
     x3::attr(std::string()) >> c::address >> "modified" >> "at" >> c::address >> "after" >> "it" >>
     "was" >> "freed" >> x3::attr(std::uint64_t(0))) |
    // "Invalid address specified to RtlFreeHeap( 00A50000, 02A155B8 )" (older: "Address")
    (x3::lit("Invalid") >> common::lit_any_case("address") >> "specified" >> "to" >>
     x3::attr(heap_message_kind::invalid_address) >> function >> '(' >> c::address >> ',' >>
     c::address >> ')' >> x3::attr(std::uint64_t(0))) |
    // "Heap error detected at 00315A18 (heap handle 00310000)"
    (x3::lit("Heap") >> "error" >> "detected" >> "at" >> x3::attr(heap_message_kind::error_detected) >>
     x3::attr(std::string()) >> c::address >> '(' >> "heap" >> "handle" >> c::address >> ')' >>
     x3::attr(std::uint64_t(0)));

auto const zero = x3::attr(std::uint64_t(0));
auto const no_type = x3::attr(model::HeapFailureType::none);

auto const field = x3::rule<struct field_class, ast::heap_failure_field>{"heap failure field"} =
    // "Error code: 13 - heap_failure_freelists_corruption"
    (x3::lit("Error") >> "code" >> ':' >> x3::attr(failure_field_key::error_type) >>
     x3::omit[c::count] >> '-' >> failure_type >> zero >> zero >> zero) |
    // "Error type: heap_failure_buffer_overrun (6)", "Error type: HEAP_FAILURE_BLOCK_NOT_BUSY"
    (x3::lit("Error") >> "type" >> ':' >> x3::attr(failure_field_key::error_type) >> failure_type >>
     x3::omit[-('(' >> c::count >> ')')] >> zero >> zero >> zero) |
    // "Error address: 00315a18"
    (x3::lit("Error") >> "address" >> ':' >> x3::attr(failure_field_key::error_address) >> no_type >>
     zero >> c::address >> zero) |
    // "Heap handle: 00310000", "Heap address: 00310000"
    (x3::lit("Heap") >> (x3::lit("handle") | "address") >> ':' >> x3::attr(failure_field_key::heap_handle) >>
     no_type >> zero >> c::address >> zero) |
    // "Parameter1: 00315a10", "Parameter 1: 00315a10"
    (x3::lit("Parameter") >> x3::attr(failure_field_key::parameter) >> no_type >> c::count >> ':' >>
     c::address >> zero) |
    // "Last known valid blocks: before - 00315a10, after - 00315a58"
    (x3::lit("Last") >> "known" >> "valid" >> "blocks" >> ':' >> x3::attr(failure_field_key::last_valid_blocks) >>
     no_type >> zero >> "before" >> '-' >> c::address >> ',' >> "after" >> '-' >> c::address) |
    // "Stack trace available at 77b3e2a8"
    (x3::lit("Stack") >> "trace" >> "available" >> "at" >> x3::attr(failure_field_key::stack_trace) >>
     no_type >> zero >> c::address >> zero) |
    // "Stack trace:"
    (x3::lit("Stack") >> "trace" >> ':' >> x3::attr(failure_field_key::stack_trace) >> no_type >> zero >>
     zero >> zero) |
    // "Details:", "Follow-up:  Check the error's stack trace to find the culprit."
    ((x3::lit("Details") | "Follow-up") >> ':' >> x3::attr(failure_field_key::section) >> no_type >> zero >>
     zero >> zero >> x3::omit[c::rest_of_line]);

// "Heap handle used in the call.", "Heap block being freed again.", "Block size",
// "Size of the heap block.", "corruption address": the words vary between verifier versions.
auto const role = x3::rule<struct role_class, ast::verifier_role>{"verifier parameter role"} =
    x3::no_case[(x3::lit("Heap") >> "handle" >> x3::attr(ast::verifier_role::heap)) |
                (x3::lit("Heap") >> "block" >> x3::attr(ast::verifier_role::block)) |
                (x3::lit("Block") >> "size" >> x3::attr(ast::verifier_role::size)) |
                (x3::lit("Size") >> "of" >> "the" >> "heap" >> "block" >> x3::attr(ast::verifier_role::size)) |
                (x3::lit("Corruption") >> "address" >> x3::attr(ast::verifier_role::corruption))] |
    x3::attr(ast::verifier_role::other);

auto const stars = x3::lexeme[+x3::lit('*')];
auto const equals = x3::lexeme[+x3::lit('=')];

} // namespace heap_failure_detail

namespace hfd = heap_failure_detail;

struct heap_message_class : note_span {};
heap_message_type const heap_message_rule = "heap manager message";
auto const heap_message_rule_def = hfd::prefix >> hfd::more_prefixes >> hfd::body;

struct heap_failure_field_class : note_span {};
heap_failure_field_type const heap_failure_field_rule = "heap failure field";
auto const heap_failure_field_rule_def = hfd::more_prefixes >> hfd::field;

// "**************************************************************"
// "*                  HEAP ERROR DETECTED                       *"
// "*                                                            *"
struct heap_error_banner_class {};
heap_error_banner_type const heap_error_banner_rule = "HEAP ERROR DETECTED box";
auto const heap_error_banner_rule_def =
    hfd::stars >> -((x3::lit("HEAP") >> "ERROR" >> "DETECTED" >> hfd::stars) | hfd::stars);

// "VERIFIER STOP 0000000F: pid 0x352C: corrupted suffix pattern "
struct verifier_stop_class : note_span {};
verifier_stop_type const verifier_stop_rule = "VERIFIER STOP line";
auto const verifier_stop_rule_def = x3::lit("VERIFIER") >> "STOP" >> x3::lexeme[common::hex16] >> ':' >>
                                    "pid" >> common::address >> ':' >> common::rest_of_line;

// "	05E11000 : Heap handle", "    000001956FBD9FF4 : Corruption address."
struct verifier_parameter_class : note_span {};
verifier_parameter_type const verifier_parameter_rule = "verifier stop parameter";
auto const verifier_parameter_rule_def =
    common::address >> ':' >> hfd::role >> x3::omit[common::rest_of_line];

// "=======================================", "This verifier stop is not continuable. Process
// will be terminated ", "when you use the `go' debugger command.", "This verifier stop is
// continuable." (then "After debugging it use `go' to continue.")
struct verifier_frame_class {};
verifier_frame_type const verifier_frame_rule = "verifier stop frame";
auto const verifier_frame_rule_def =
    hfd::equals |
    (x3::lit("This") >> "verifier" >> "stop" >> "is" >> x3::omit[common::rest_of_line]) |
    (x3::lit("when") >> "you" >> "use" >> "the" >> x3::omit[common::rest_of_line]) |
    (x3::lit("After") >> "debugging" >> "it" >> x3::omit[common::rest_of_line]);

BOOST_SPIRIT_DEFINE(heap_message_rule, heap_failure_field_rule, heap_error_banner_rule,
                    verifier_stop_rule, verifier_parameter_rule, verifier_frame_rule)

} // namespace dbgsift::grammar
