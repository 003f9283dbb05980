// SPDX-License-Identifier: MIT
#include "poolused_def.hpp"
#include "../parse_line.hpp"

namespace dbgsift::grammar {

BOOST_SPIRIT_INSTANTIATE(poolused_command_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(sorting_line_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(sort_pool_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(pool_used_title_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(pool_group_header_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(pool_column_header_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(pool_row_any_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(pool_description_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(unknown_pooltag_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(kd_cache_note_type, iterator_type, context_type)

poolused_command_type const& poolused_command() { return poolused_command_rule; }
sorting_line_type const& sorting_line() { return sorting_line_rule; }
sort_pool_type const& sort_pool() { return sort_pool_rule; }
pool_used_title_type const& pool_used_title() { return pool_used_title_rule; }
pool_group_header_type const& pool_group_header() { return pool_group_header_rule; }
pool_column_header_type const& pool_column_header() { return pool_column_header_rule; }
pool_row_any_type const& pool_row_any() { return pool_row_any_rule; }
pool_description_type const& pool_description() { return pool_description_rule; }
unknown_pooltag_type const& unknown_pooltag() { return unknown_pooltag_rule; }
kd_cache_note_type const& kd_cache_note() { return kd_cache_note_rule; }

bool is_pool_row_width(std::size_t columns) {
    return columns == 2 || columns == 3 || columns == 4 || columns == 6 || columns == 8;
}

bool parse_pool_row(std::string_view text, std::uint32_t line, std::size_t columns,
                    ast::pool_row& out, std::vector<diagnostic>& diags) {
    switch (columns) {
    case 2: return parse_line(text, line, pool_row_n<2>, out, diags);
    case 3: return parse_line(text, line, pool_row_n<3>, out, diags);
    case 4: return parse_line(text, line, pool_row_n<4>, out, diags);
    case 6: return parse_line(text, line, pool_row_n<6>, out, diags);
    case 8: return parse_line(text, line, pool_row_n<8>, out, diags);
    default: return false;
    }
}

bool parse_pool_total(std::string_view text, std::uint32_t line, std::size_t columns,
                      std::vector<std::uint64_t>& out, std::vector<diagnostic>& diags) {
    switch (columns) {
    case 2: return parse_line(text, line, pool_total_n<2>, out, diags);
    case 3: return parse_line(text, line, pool_total_n<3>, out, diags);
    case 4: return parse_line(text, line, pool_total_n<4>, out, diags);
    case 6: return parse_line(text, line, pool_total_n<6>, out, diags);
    case 8: return parse_line(text, line, pool_total_n<8>, out, diags);
    default: return false;
    }
}

} // namespace dbgsift::grammar
