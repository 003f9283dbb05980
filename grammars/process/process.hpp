// SPDX-License-Identifier: MIT
// `!process 0 0` / `0 1` / `0 7` and `!sprocess` rows: the PROCESS header lines, the
// detail rows of the richer flags, the THREAD lines (counted), and rows known to carry
// nothing dbgsift models (skipped without a diagnostic).
#pragma once
#include "../config.hpp"
#include "ast.hpp"

namespace dbgsift::grammar {

struct process_header_class;
using process_header_type = x3::rule<process_header_class, ast::process_header>;
BOOST_SPIRIT_DECLARE(process_header_type)
process_header_type const& process_header();

struct process_ids_class;
using process_ids_type = x3::rule<process_ids_class, ast::process_ids>;
BOOST_SPIRIT_DECLARE(process_ids_type)
process_ids_type const& process_ids();

struct process_tables_class;
using process_tables_type = x3::rule<process_tables_class, ast::process_tables>;
BOOST_SPIRIT_DECLARE(process_tables_type)
process_tables_type const& process_tables();

// "Image: AppB.exe" -> "AppB.exe" (blanks at the end are the caller's to trim).
struct process_image_class;
using process_image_type = x3::rule<process_image_class, std::string>;
BOOST_SPIRIT_DECLARE(process_image_type)
process_image_type const& process_image();

struct process_vad_class;
using process_vad_type = x3::rule<process_vad_class, ast::process_vad>;
BOOST_SPIRIT_DECLARE(process_vad_type)
process_vad_type const& process_vad();

struct process_time_class;
using process_time_type = x3::rule<process_time_class, ast::process_time>;
BOOST_SPIRIT_DECLARE(process_time_type)
process_time_type const& process_time();

struct process_quota_class;
using process_quota_type = x3::rule<process_quota_class, ast::process_quota>;
BOOST_SPIRIT_DECLARE(process_quota_type)
process_quota_type const& process_quota();

struct process_working_set_class;
using process_working_set_type = x3::rule<process_working_set_class, ast::process_working_set>;
BOOST_SPIRIT_DECLARE(process_working_set_type)
process_working_set_type const& process_working_set();

struct process_size_class;
using process_size_type = x3::rule<process_size_class, ast::process_size>;
BOOST_SPIRIT_DECLARE(process_size_type)
process_size_type const& process_size();

struct process_counter_class;
using process_counter_type = x3::rule<process_counter_class, ast::process_counter>;
BOOST_SPIRIT_DECLARE(process_counter_type)
process_counter_type const& process_counter();

// "THREAD fb667780 Cid 2.1 Teb: ..." -> the ETHREAD address.
struct thread_line_class;
using thread_line_type = x3::rule<thread_line_class, std::uint64_t>;
BOOST_SPIRIT_DECLARE(thread_line_type)
thread_line_type const& thread_line();

// Rows dbgsift does not model ("DeviceMap ...", "Token ...", "DeepFreeze", the
// "**** NT ACTIVE PROCESS DUMP ****" banner, `!sprocess` session lines): the keyword.
struct process_unmodelled_class;
using process_unmodelled_type = x3::rule<process_unmodelled_class, std::string>;
BOOST_SPIRIT_DECLARE(process_unmodelled_type)
process_unmodelled_type const& process_unmodelled();

} // namespace dbgsift::grammar
