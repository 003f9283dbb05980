// SPDX-License-Identifier: MIT
// `!handle` rows. User mode: "N Handles", the "Type Count" table, and per-handle blocks
// ("Handle 4", "Type", "Attributes", "GrantedAccess", "HandleCount", "PointerCount", "Name",
// "Object Specific Information"). Kernel mode: the handle-table rows under a PROCESS header
// (the PROCESS lines themselves are the process grammar's).
#pragma once
#include "../config.hpp"
#include "ast.hpp"
#include <string_view>

namespace dbgsift::grammar {

// name_starts: the bytes a rule may start with (see grammars/config.hpp).

// "273020 Handles" -> 273020
DBGSIFT_RULE(handle_total, std::uint64_t)
inline constexpr std::string_view handle_total_starts = "0123456789";
// The first byte after the total's digits and their blanks: "Handles".
inline constexpr std::string_view handle_total_after_number = "H";
// "Type Count", "Type           \tCount": the summary table's header.
DBGSIFT_RULE(handle_type_header, x3::unused_type)
inline constexpr std::string_view handle_type_header_starts = "T";  // Type
// "Event 222742", "ALPC Port 5"
DBGSIFT_RULE(handle_type_count, ast::handle_type_count)
// "Handle 4", "Handle 0000000000000208" -> the handle value
DBGSIFT_RULE(handle_line, std::uint64_t)
inline constexpr std::string_view handle_line_starts = "H";  // Handle
// "  Type          Event" -> "Event" (trailing blanks are the caller's to trim)
DBGSIFT_RULE(handle_type_field, std::string)
inline constexpr std::string_view handle_type_field_starts = "T";  // Type
// "  Attributes    0"
DBGSIFT_RULE(handle_attributes, std::uint64_t)
inline constexpr std::string_view handle_attributes_starts = "A";  // Attributes
// "  GrantedAccess 0x100003:"
DBGSIFT_RULE(handle_granted_access, std::uint64_t)
inline constexpr std::string_view handle_granted_access_starts = "G";  // GrantedAccess
// "         QueryState,ModifyState": the decoded access names under GrantedAccess
DBGSIFT_RULE(handle_access_names, std::string)
// "  HandleCount   2"
DBGSIFT_RULE(handle_handle_count, std::uint64_t)
inline constexpr std::string_view handle_handle_count_starts = "H";  // HandleCount
// "  PointerCount  3"
DBGSIFT_RULE(handle_pointer_count, std::uint64_t)
inline constexpr std::string_view handle_pointer_count_starts = "P";  // PointerCount
// "  Name          <none>" -> "<none>"
DBGSIFT_RULE(handle_name, std::string)
inline constexpr std::string_view handle_name_starts = "N";  // Name
// "  Object Specific Information", "No object specific information available"
DBGSIFT_RULE(handle_object_info, std::string)
inline constexpr std::string_view handle_object_info_starts = "NnOo";  // No object ..., Object ... (any case)
// "Handle table at fffff8a00066f700 with 39 entries in use" -> 39
// "New version of handle table at e1002000 with 380 Entries in use" -> 380
DBGSIFT_RULE(kernel_handle_table, std::uint64_t)
inline constexpr std::string_view kernel_handle_table_starts = "NHh";  // New version of, handle table
DBGSIFT_RULE(kernel_handle_entry, ast::kernel_handle_entry)
// "0168:": the handle, hex digits
inline constexpr std::string_view kernel_handle_entry_starts = "0123456789abcdefABCDEF";
// "0170: free handle, Entry address e10022e0, Next Entry 00000458" -> 0x170
DBGSIFT_RULE(kernel_free_handle, std::uint64_t)
inline constexpr std::string_view kernel_free_handle_starts = kernel_handle_entry_starts;
DBGSIFT_RULE(kernel_object, ast::kernel_object)
inline constexpr std::string_view kernel_object_starts = "O";  // Object:
// "ObjectHeader: fffff8a000633ed0 (new version)" -> the header address
DBGSIFT_RULE(kernel_object_header, std::uint64_t)
inline constexpr std::string_view kernel_object_header_starts = "O";  // ObjectHeader:
DBGSIFT_RULE(kernel_object_counts, ast::kernel_object_counts)
inline constexpr std::string_view kernel_object_counts_starts = "H";  // HandleCount:
// "Directory Object: 00000000  Name: \Windows\System32\LogFiles\WMI\NtfsLog.etl {HarddiskVolume4}"
DBGSIFT_RULE(kernel_object_name, std::string)
inline constexpr std::string_view kernel_object_name_starts = "D";  // Directory Object:
// "processor number 0": nothing to keep.
DBGSIFT_RULE(handle_unmodelled, std::string)

} // namespace dbgsift::grammar
