// SPDX-License-Identifier: MIT
// `!address`: region rows (new layout with the `+` marker, old multi-line layout, the
// single-region key/value form) and the summary tables of `!address -summary`, old and new.
#pragma once
#include "../config.hpp"
#include "ast.hpp"
#include "../../src/dbgsift/text/byte_table.hpp"
#include <array>
#include <string_view>

namespace dbgsift::grammar {

// name_starts: the bytes a rule may start with (see grammars/config.hpp).

// "!address", "!address -summary", "!address 75831234" -> the options after "!address".
DBGSIFT_RULE(address_command, std::vector<std::string>)

// Rules of dashes and the column headers of the region list and the old summary tables.
DBGSIFT_RULE(address_header, x3::unused_type)
// A run of dashes ("-", or the UTF-8 en/em dash a blog made of them: 0xE2) or a column word:
// BaseAddr(ess), EndAddr(ess)+1, RegionSize/RgnSize, Type/TotSize, State, Protect/Pct(..), Usage, "(KB)".
inline constexpr std::string_view address_header_starts = "-\xe2" "BERTSPU(K";
// The column words it reads, the one list of them (address_def.hpp's symbols are made of it).
inline constexpr std::array<std::string_view, 16> address_column_words = {
    "BaseAddress", "BaseAddr", "EndAddress+1", "EndAddr+1", "RegionSize", "RgnSize", "Type", "State",
    "Protect", "Usage", "TotSize", "(", "KB)", "(KB)", "Pct(Tots)", "Pct(Busy)"};
inline constexpr std::string_view address_dash_starts = "-\xe2";  // a run of '-' or of en/em dashes
// The starts above, spelled by hand for LineAttempts::may_start, are the dashes' and the words'.
static_assert(text::bytes_of(address_header_starts) ==
              text::either(text::bytes_of(address_dash_starts), text::first_bytes_of(address_column_words)));
// Its first word: a run of dashes, "(" or a column word, told by its first two bytes. Summary
// rows pass the first byte ("TEB", "PEB", "PAGE_READONLY"); most differ from every column word
// at the second, and are refused here as the rule refuses them: at its first word. A few pass
// the second too ("Stack", as "State" does) and are left to the rule.
inline constexpr text::ByteTable address_header_firsts = text::bytes_of(address_header_starts);
inline constexpr text::ByteTable address_column_seconds = text::bytes_at(address_column_words, 1);
inline bool address_header_may_start(std::string_view rest) {
    if (rest.empty() || !text::holds(address_header_firsts, rest[0])) {
        return false;
    }
    // A run of dashes ('-', or 0xE2 an en/em dash starts with) or "(": told by its first byte alone.
    bool const dashes_or_paren = rest[0] == '-' || rest[0] == '\xe2' || rest[0] == '(';
    return dashes_or_paren || (rest.size() > 1 && text::holds(address_column_seconds, rest[1]));
}

// "--- Usage Summary ---...", "---- Type SUMMARY ----" -> "usage", "type", "state",
// "protect", "largest".
DBGSIFT_RULE(summary_section, model::AddressTable)
inline constexpr std::string_view summary_section_starts = "-\xe2";  // its run of dashes

DBGSIFT_RULE(region_row, ast::region_row)
// Its '+' or '*' marker, or the hex digit its base address begins with.
inline constexpr std::string_view region_row_starts = "+*0123456789abcdefABCDEF";
inline constexpr text::ByteTable region_row_firsts = text::bytes_of(region_row_starts);  // one load a line
// "MEM_COMMIT", "MEM_RESERVE", "MEM_FREE": a region's state, alone (the text of a "State" field).
DBGSIFT_RULE(region_state, model::RegionState)

DBGSIFT_RULE(old_region_head, ast::old_region_head)
inline constexpr std::string_view old_region_head_starts = "0123456789abcdefABCDEF";  // its first address
inline constexpr text::ByteTable old_region_head_firsts = text::bytes_of(old_region_head_starts);

// "Type     00020000 MEM_PRIVATE" (old layout, no colon)
DBGSIFT_RULE(old_region_field, ast::region_field)

// "Base Address:           75831000" (the single-region form of `!address <addr>`)
DBGSIFT_RULE(region_field, ast::region_field)
// The first letters of its keys: Usage, Base/End Address, Region Size, Allocation Base/Protect,
// Type, State, Protect, More info, Content source, Image Path, Module/Loaded/Mapped Image Name.
inline constexpr std::string_view region_field_starts = "UBERATSPMCIL";
// Its key, told by its first two bytes (ast::k_field_key_names spells every key): most summary
// rows that pass the first byte ("TEB", "PAGE_READONLY", "MEM_COMMIT") differ at the second.
inline constexpr text::ByteTable region_field_firsts = text::bytes_of(region_field_starts);
inline constexpr text::ByteTable region_field_seconds = text::bytes_at(ast::k_field_key_names, 1);
inline bool region_field_may_start(std::string_view rest) {
    return rest.size() > 1 && text::holds(region_field_firsts, rest[0]) && text::holds(region_field_seconds, rest[1]);
}

DBGSIFT_RULE(summary_row, ast::summary_row)

DBGSIFT_RULE(largest_row, ast::largest_row)

DBGSIFT_RULE(old_summary_row, ast::old_summary_row)

DBGSIFT_RULE(total_line, ast::total_line)

DBGSIFT_RULE(largest_free_line, ast::largest_free_line)

} // namespace dbgsift::grammar
