// SPDX-License-Identifier: MIT
#include "poolused_def.hpp"
#include "../parse_line.hpp"

namespace dbgsift::grammar {

DBGSIFT_DEFINE_RULE(poolused_command)
DBGSIFT_DEFINE_RULE(sorting_line)
DBGSIFT_DEFINE_RULE(sort_pool)
DBGSIFT_DEFINE_RULE(pool_used_title)
DBGSIFT_DEFINE_RULE(pool_group_header)
DBGSIFT_DEFINE_RULE(pool_column_header)
DBGSIFT_DEFINE_RULE(pool_row_any)
DBGSIFT_DEFINE_RULE(pool_description)
DBGSIFT_DEFINE_RULE(unknown_pooltag)
DBGSIFT_DEFINE_RULE(kd_cache_note)

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
