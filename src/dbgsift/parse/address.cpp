// SPDX-License-Identifier: MIT
// `!address` block -> model::AddressSummary: region rows in the new layout, the old
// multi-line layout and the single-region form of `!address <addr>`, and the summary tables
// of `!address -summary` in their new and old (Windows XP/2003) shapes.
#include "../../../grammars/address/address.hpp"
#include "../../../grammars/address/usage_class.hpp"
#include "commands.hpp"
#include "../text/contains.hpp"
#include "line_attempts.hpp"
#include "list_room.hpp"
#include "../text/trim.hpp"

#include <algorithm>
#include <optional>
#include <tuple>

namespace dbgsift::parse {
namespace {

using text::trim;

// "PAGE_READWRITE | PAGE_GUARD" and "PAGE_READWRITE|PAGE_GUARD" are the same protection.
std::string without_blanks(std::string_view s) {
    std::string out;
    for (char ch : s) {
        if (ch != ' ' && ch != '\t') {
            out.push_back(ch);
        }
    }
    return out;
}

bool read_command(std::string_view command, std::vector<std::string>& options) {
    return matches(trim(command), grammar::address_command(), options);
}

bool is_address_command(std::string_view command) {
    std::vector<std::string> options;
    return read_command(command, options);
}

// "!address" and "!address -summary" describe the whole address space: one moment's
// "address" part. "!address 75831234" asks about one region: detail for the latest moment.
std::string address_slot(std::string_view command) {
    std::vector<std::string> options;
    if (!read_command(command, options)) {
        return "address";  // prompt-less paste
    }
    bool const one_region = std::any_of(options.begin(), options.end(), [](std::string const& o) {
        return !o.empty() && o.front() != '-' && o.front() != '/';
    });
    return one_region ? std::string() : std::string("address");
}

bool is_address_header(std::string_view line) {
    auto table = model::AddressTable::usage;
    // Literal prefilter: a summary section opens with a run of dashes (or en/em dashes).
    if (text::starts_with_any(line, {"-", "\xe2\x80"}) && matches(line, grammar::summary_section(), table)) {
        return true;
    }
    boost::spirit::x3::unused_type none;
    // The region list's column header: "BaseAddress EndAddress+1 RegionSize Type State ..."
    return line.find("BaseAddr") != std::string_view::npos &&
           line.find("EndAddr") != std::string_view::npos &&
           matches(line, grammar::address_header(), none);
}

// The label a web page can eat ("<unknown>" looks like an HTML tag) in each table.
std::string label_or_eaten(std::string_view name, model::AddressTable table) {
    auto const t = trim(name);
    if (!t.empty()) {
        return table == model::AddressTable::protect ? without_blanks(t) : std::string(t);
    }
    return table == model::AddressTable::type ? "<free>" : "<unknown>";
}

class AddressParser final : public BlockParser {
public:
    LineVerdict line(text::Line const& line, BlockContext& ctx) override {
        if (m_summary.loc.line == 0) {
            m_summary.loc = ctx.loc(line.number);
        }
        LineAttempts attempt(line, ctx);
        auto const verdict = read(attempt, ctx);
        return verdict == LineVerdict::not_understood ? attempt.give_up("not a line of !address output")
                                                      : verdict;
    }

    void finish(BlockContext& ctx) override {
        if (!m_summary.regions.empty() || !m_summary.rows.empty()) {
            // The snapshot keeps the block to the report: a short list keeps no spare room.
            give_back_spare_room(m_summary.regions);
            give_back_spare_room(m_summary.rows);
            ctx.keep_list(m_summary.regions);
            ctx.keep_list(m_summary.rows);
            ctx.snapshot.address.push_back(std::move(m_summary));
        }
    }

private:
    LineVerdict read(LineAttempts& attempt, BlockContext& ctx) {
        auto const& line = attempt.line();
        auto const number = line.number;
        bool const in_old_region = m_in_old_region;
        m_in_old_region = false;
        boost::spirit::x3::unused_type none;

        // The first rules are skipped by the line's first byte (grammar::*_starts,
        // LineAttempts::may_start): most lines are region rows, which start with '+' or an address,
        // or summary rows, which start with a word most region rules cannot begin with. The
        // header and field rules by its first two (grammar::*_may_start): a summary row's label
        // ("TEB", "PAGE_READONLY") starts with a byte theirs may start with.
        std::string_view const rest = std::string_view(line.text).substr(attempt.indent());
        if (auto table = model::AddressTable::usage;
            attempt.may_start(grammar::summary_section_starts) && attempt.read(grammar::summary_section(), table)) {
            m_table = table;
            return LineVerdict::ignored;
        }
        if (grammar::address_header_may_start(rest) && attempt.read(grammar::address_header(), none)) {
            return LineVerdict::ignored;
        }
        if (grammar::ast::region_row r;
            attempt.led_by(grammar::region_row_firsts) && attempt.read(grammar::region_row(), r)) {
            // Filled where the summary keeps it, not moved in from a local and destroyed. Room
            // for a region list at its first row (a list has tens to thousands of rows).
            make_room_at_first(m_summary.regions, k_first_rows);
            auto& region = m_summary.regions.emplace_back();
            region.base = r.base;
            region.end = r.end;
            region.size = r.size;
            region.type = std::move(r.type);
            region.state = std::string(to_string(r.state));
            region.state_id = r.state;
            region.protect = without_blanks(r.protect);
            region.usage = r.usage.empty() ? "<unknown>" : std::move(r.usage);
            region.details = std::string(trim(r.details));
            region.usage_class = grammar::usage_class_of(region.usage, region.details);
            region.loc = ctx.loc(number);
            return LineVerdict::understood;
        }
        if (grammar::ast::old_region_head h;
            attempt.led_by(grammar::old_region_head_firsts) && attempt.read(grammar::old_region_head(), h)) {
            model::AddressRegion region;
            region.base = h.base;
            region.size = h.size;
            region.end = h.base + h.size;
            region.loc = ctx.loc(number);
            m_summary.regions.push_back(std::move(region));
            m_in_old_region = true;
            return LineVerdict::understood;
        }
        if (in_old_region) {
            if (grammar::ast::region_field f; attempt.read(grammar::old_region_field(), f)) {
                fill(m_summary.regions.back(), f);
                m_in_old_region = true;
                return LineVerdict::understood;
            }
        }
        if (grammar::ast::region_field f;
            grammar::region_field_may_start(rest) && attempt.read(grammar::region_field(), f)) {
            if (!m_single_region) {
                m_single_region = true;
                model::AddressRegion region;
                region.loc = ctx.loc(number);
                m_summary.regions.push_back(std::move(region));
            }
            fill(m_summary.regions.back(), f);
            return LineVerdict::understood;
        }
        if (read_summary(attempt, ctx)) {
            return LineVerdict::understood;
        }
        return LineVerdict::not_understood;
    }

    bool read_summary(LineAttempts& attempt, BlockContext& ctx) {
        auto const number = attempt.line().number;
        auto const table = m_table.value_or(model::AddressTable::usage);
        if (table == model::AddressTable::largest) {
            if (grammar::ast::largest_row r; attempt.read(grammar::largest_row(), r)) {
                model::AddressSummaryRow row;
                row.table = table;
                row.name = label_or_eaten(grammar::view(r.name), table);
                row.usage_class = grammar::usage_class_of(row.name);
                row.base = r.base;
                row.bytes = r.size;
                row.loc = ctx.loc(number);
                m_summary.rows.push_back(std::move(row));
                return true;
            }
        } else if (grammar::ast::summary_row r; attempt.read(grammar::summary_row(), r)) {
            make_room_at_first(m_summary.rows, k_first_rows);  // a summary has some thirty rows
            auto& row = m_summary.rows.emplace_back();  // filled in place, as a region row
            row.table = table;
            row.name = label_or_eaten(grammar::view(r.name), table);
            describe(row);
            row.regions = r.regions;
            row.bytes = r.bytes;
            // Free rows print only %ofTotal; the others %ofBusy then %ofTotal.
            if (r.first_percent && !r.second_percent) {
                row.percent_total = *r.first_percent;
            } else if (r.second_percent) {
                row.percent_busy = *r.first_percent;
                row.percent_total = *r.second_percent;
            }
            row.loc = ctx.loc(number);
            return true;
        }
        if (grammar::ast::old_summary_row r; attempt.read(grammar::old_summary_row(), r)) {
            model::AddressSummaryRow row;
            row.table = table;
            row.name = label_or_eaten(grammar::view(r.name), table);
            describe(row);
            row.bytes = r.bytes;
            // Old tables print Pct(Tots) first, then Pct(Busy) in the usage table.
            row.percent_total = r.total_percent;
            if (r.busy_percent) {
                row.percent_busy = *r.busy_percent;
            }
            row.loc = ctx.loc(number);
            m_summary.rows.push_back(std::move(row));
            return true;
        }
        if (grammar::ast::total_line t; attempt.read(grammar::total_line(), t)) {
            for (auto const& [name, kind, bytes] : {std::tuple{"Tot", model::AddressTotal::total, t.total},
                                                    std::tuple{"Busy", model::AddressTotal::busy, t.busy}}) {
                model::AddressSummaryRow row;
                row.table = model::AddressTable::total;
                row.name = name;
                row.total = kind;
                row.bytes = bytes;
                row.loc = ctx.loc(number);
                m_summary.rows.push_back(std::move(row));
            }
            return true;
        }
        if (grammar::ast::largest_free_line l;
            attempt.read(grammar::largest_free_line(), l)) {
            model::AddressSummaryRow row;
            row.table = model::AddressTable::largest;
            row.name = "Free";
            row.usage_class = model::UsageClass::free;
            row.base = l.base;
            row.bytes = l.size;
            row.loc = ctx.loc(number);
            m_summary.rows.push_back(std::move(row));
            return true;
        }
        return false;
    }

    // What a usage or state row's name says (the debugger's word, read once here).
    static void describe(model::AddressSummaryRow& row) {
        if (row.table == model::AddressTable::usage || row.table == model::AddressTable::largest) {
            row.usage_class = grammar::usage_class_of(row.name);
        } else if (row.table == model::AddressTable::state) {
            matches(row.name, grammar::region_state(), row.state);
        }
    }

    // One "Key value" line of the old layout or the single-region form.
    static void fill(model::AddressRegion& region, grammar::ast::region_field const& f) {
        using key = grammar::ast::field_key;
        auto const text = std::string(trim(f.text));
        switch (f.key) {
        case key::type: region.type = text; break;
        case key::state:
            region.state = text;
            matches(text, grammar::region_state(), region.state_id);
            break;
        case key::protect: region.protect = without_blanks(text); break;
        case key::usage: region.usage = text; break;
        case key::base_address: region.base = f.value.value_or(region.base); break;
        case key::end_address: region.end = f.value.value_or(region.end); break;
        case key::region_size: region.size = f.value.value_or(region.size); break;
        case key::full_path: region.details = text; break;
        case key::handle:
        case key::pid_tid: region.details = std::string(to_string(f.key)) + " " + text; break;
        default: break;  // allocation base and protect, module and image names: not modelled
        }
        region.usage_class = grammar::usage_class_of(region.usage, region.details);
    }

    static constexpr std::size_t k_first_rows = 32;  // the room rows and regions start with
    model::AddressSummary m_summary;
    std::optional<model::AddressTable> m_table;  // the table the rows below belong to
    bool m_in_old_region = false;  // the last line was an old-layout region or one of its fields
    bool m_single_region = false;  // "Base Address:" style lines have started a region
};

} // namespace

CommandSpec address_spec() {
    CommandSpec spec{"address", is_address_command, is_address_header, address_slot, model::Target::user,
            []() -> std::unique_ptr<BlockParser> { return std::make_unique<AddressParser>(); }};
    // What is_address_header looks for first. A summary section opens with dashes (or en/em
    // dashes) and names "Summary" in any case or "Largest Region by Usage": a 'y' or 'Y' is
    // in every one, and a rule of dashes alone (!heap -s prints them) is no section.
    spec.header_words = {"-y", "-Y", "\xe2\x80y", "\xe2\x80Y", "BaseAddr"};
    spec.header_firsts = std::string(grammar::address_header_starts);  // holds summary_section_starts
    return spec;
}

} // namespace dbgsift::parse
