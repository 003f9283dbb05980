// SPDX-License-Identifier: MIT
// `!vm` (flags 0-f): counters, page files, banners, `!vm 4` sessions, per-process commit.
#pragma once
#include "../config.hpp"
#include "ast.hpp"
#include <optional>

namespace dbgsift::grammar {

// "!vm 4" -> the flags (empty when none were typed).
struct vm_command_class;
using vm_command_type = x3::rule<vm_command_class, std::optional<std::uint64_t>>;
BOOST_SPIRIT_DECLARE(vm_command_type)
vm_command_type const& vm_command();

// Lines with nothing to keep but what they are: see vm_marker_kind in vm_def.hpp.
struct vm_marker_class;
using vm_marker_type = x3::rule<vm_marker_class, char>;
BOOST_SPIRIT_DECLARE(vm_marker_type)
vm_marker_type const& vm_marker();

struct vm_counter_class;
using vm_counter_type = x3::rule<vm_counter_class, ast::vm_counter>;
BOOST_SPIRIT_DECLARE(vm_counter_type)
vm_counter_type const& vm_counter();

struct vm_bare_counter_class;
using vm_bare_counter_type = x3::rule<vm_bare_counter_class, ast::vm_bare_counter>;
BOOST_SPIRIT_DECLARE(vm_bare_counter_type)
vm_bare_counter_type const& vm_bare_counter();

struct vm_page_file_class;
using vm_page_file_type = x3::rule<vm_page_file_class, ast::vm_page_file>;
BOOST_SPIRIT_DECLARE(vm_page_file_type)
vm_page_file_type const& vm_page_file();

struct vm_page_file_sizes_class;
using vm_page_file_sizes_type = x3::rule<vm_page_file_sizes_class, ast::vm_page_file_sizes>;
BOOST_SPIRIT_DECLARE(vm_page_file_sizes_type)
vm_page_file_sizes_type const& vm_page_file_sizes();

struct vm_banner_class;
using vm_banner_type = x3::rule<vm_banner_class, ast::vm_banner>;
BOOST_SPIRIT_DECLARE(vm_banner_type)
vm_banner_type const& vm_banner();

struct vm_session_limit_class;
using vm_session_limit_type = x3::rule<vm_session_limit_class, ast::vm_session_limit>;
BOOST_SPIRIT_DECLARE(vm_session_limit_type)
vm_session_limit_type const& vm_session_limit();

struct vm_session_header_class;
using vm_session_header_type = x3::rule<vm_session_header_class, ast::vm_session_header>;
BOOST_SPIRIT_DECLARE(vm_session_header_type)
vm_session_header_type const& vm_session_header();

struct vm_session_usage_class;
using vm_session_usage_type = x3::rule<vm_session_usage_class, ast::vm_session_usage>;
BOOST_SPIRIT_DECLARE(vm_session_usage_type)
vm_session_usage_type const& vm_session_usage();

struct vm_process_pages_class;
using vm_process_pages_type = x3::rule<vm_process_pages_class, ast::vm_process_pages>;
BOOST_SPIRIT_DECLARE(vm_process_pages_type)
vm_process_pages_type const& vm_process_pages();

struct vm_process_kb_class;
using vm_process_kb_type = x3::rule<vm_process_kb_class, ast::vm_process_kb>;
BOOST_SPIRIT_DECLARE(vm_process_kb_type)
vm_process_kb_type const& vm_process_kb();

// What vm_marker() returns.
namespace vm_marker_kind {
inline constexpr char title = 't';            // "*** Virtual Memory Usage ***"
inline constexpr char sessions = 's';         // "Terminal Server Memory Usage By Session:"
inline constexpr char session_summary = 'S';  // "Session Summary"
inline constexpr char process_table = 'p';    // "Pid ImageName Commit SharedCommit Debt"
inline constexpr char thread_stacks = 'm';    // "Memory Management Thread Stacks:" (flag 2)
inline constexpr char debugger_error = 'e';   // "Unimplemented error for MiSystemVaTypeCount"
} // namespace vm_marker_kind

} // namespace dbgsift::grammar
