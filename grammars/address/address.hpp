// SPDX-License-Identifier: MIT
// `!address`: region rows (new layout with the `+` marker, old multi-line layout, the
// single-region key/value form) and the summary tables of `!address -summary`, old and new.
#pragma once
#include "../config.hpp"
#include "ast.hpp"

namespace dbgsift::grammar {

// "!address", "!address -summary", "!address 75831234" -> the options after "!address".
struct address_command_class;
using address_command_type = x3::rule<address_command_class, std::vector<std::string>>;
BOOST_SPIRIT_DECLARE(address_command_type)
address_command_type const& address_command();

// Rules of dashes and the column headers of the region list and the old summary tables.
struct address_header_class;
using address_header_type = x3::rule<address_header_class>;
BOOST_SPIRIT_DECLARE(address_header_type)
address_header_type const& address_header();

// "--- Usage Summary ---...", "---- Type SUMMARY ----" -> "usage", "type", "state",
// "protect", "largest".
struct summary_section_class;
using summary_section_type = x3::rule<summary_section_class, std::string>;
BOOST_SPIRIT_DECLARE(summary_section_type)
summary_section_type const& summary_section();

struct region_row_class;
using region_row_type = x3::rule<region_row_class, ast::region_row>;
BOOST_SPIRIT_DECLARE(region_row_type)
region_row_type const& region_row();

struct old_region_head_class;
using old_region_head_type = x3::rule<old_region_head_class, ast::old_region_head>;
BOOST_SPIRIT_DECLARE(old_region_head_type)
old_region_head_type const& old_region_head();

// "Type     00020000 MEM_PRIVATE" (old layout, no colon)
struct old_region_field_class;
using old_region_field_type = x3::rule<old_region_field_class, ast::region_field>;
BOOST_SPIRIT_DECLARE(old_region_field_type)
old_region_field_type const& old_region_field();

// "Base Address:           75831000" (the single-region form of `!address <addr>`)
struct region_field_class;
using region_field_type = x3::rule<region_field_class, ast::region_field>;
BOOST_SPIRIT_DECLARE(region_field_type)
region_field_type const& region_field();

struct summary_row_class;
using summary_row_type = x3::rule<summary_row_class, ast::summary_row>;
BOOST_SPIRIT_DECLARE(summary_row_type)
summary_row_type const& summary_row();

struct largest_row_class;
using largest_row_type = x3::rule<largest_row_class, ast::largest_row>;
BOOST_SPIRIT_DECLARE(largest_row_type)
largest_row_type const& largest_row();

struct old_summary_row_class;
using old_summary_row_type = x3::rule<old_summary_row_class, ast::old_summary_row>;
BOOST_SPIRIT_DECLARE(old_summary_row_type)
old_summary_row_type const& old_summary_row();

struct total_line_class;
using total_line_type = x3::rule<total_line_class, ast::total_line>;
BOOST_SPIRIT_DECLARE(total_line_type)
total_line_type const& total_line();

struct largest_free_line_class;
using largest_free_line_type = x3::rule<largest_free_line_class, ast::largest_free_line>;
BOOST_SPIRIT_DECLARE(largest_free_line_type)
largest_free_line_type const& largest_free_line();

} // namespace dbgsift::grammar
