// SPDX-License-Identifier: MIT
// `!address` block -> model::AddressSummary: region rows in the new layout, the old
// multi-line layout and the single-region form of `!address <addr>`, and the summary tables
// of `!address -summary` in their new and old (Windows XP/2003) shapes.
#include "../../../grammars/address/address.hpp"
#include "../../../grammars/parse_line.hpp"
#include "commands.hpp"
#include "../text/contains.hpp"
#include "../text/trim.hpp"

#include <algorithm>

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
    std::vector<diagnostic> ignored;
    return grammar::parse_line(trim(command), 0, grammar::address_command(), options, ignored);
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
    std::vector<diagnostic> ignored;
    std::string table;
    // Literal prefilter: a summary section opens with a run of dashes (or en/em dashes).
    if (text::starts_with_any(line, {"-", "\xe2\x80"}) &&
        grammar::parse_line(line, 0, grammar::summary_section(), table, ignored)) {
        return true;
    }
    boost::spirit::x3::unused_type none;
    // The region list's column header: "BaseAddress EndAddress+1 RegionSize Type State ..."
    return line.find("BaseAddr") != std::string_view::npos &&
           line.find("EndAddr") != std::string_view::npos &&
           grammar::parse_line(line, 0, grammar::address_header(), none, ignored);
}

// The label a web page can eat ("<unknown>" looks like an HTML tag) in each table.
std::string label_or_eaten(std::string_view name, std::string const& table) {
    auto const t = trim(name);
    if (!t.empty()) {
        return table == "protect" ? without_blanks(t) : std::string(t);
    }
    return table == "type" ? "<free>" : "<unknown>";
}

class AddressParser final : public BlockParser {
public:
    LineVerdict line(text::Line const& line, BlockContext& ctx) override {
        if (m_summary.loc.line == 0) {
            m_summary.loc = ctx.loc(line.number);
        }
        std::vector<diagnostic> scratch;
        auto const verdict = read(line, ctx, scratch);
        if (verdict == LineVerdict::not_understood) {
            if (scratch.empty()) {
                ctx.diagnose(line.number, 0, "not a line of !address output");
            } else {
                ctx.diagnostics.push_back(scratch.front());
            }
        }
        return verdict;
    }

    void finish(BlockContext& ctx) override {
        if (!m_summary.regions.empty() || !m_summary.rows.empty()) {
            ctx.snapshot.address.push_back(std::move(m_summary));
        }
    }

private:
    LineVerdict read(text::Line const& line, BlockContext& ctx, std::vector<diagnostic>& scratch) {
        std::string_view const text = line.text;
        auto const number = line.number;
        bool const in_old_region = m_in_old_region;
        m_in_old_region = false;
        boost::spirit::x3::unused_type none;

        if (std::string table; grammar::parse_line(text, number, grammar::summary_section(), table, scratch)) {
            m_table = std::move(table);
            return LineVerdict::ignored;
        }
        if (grammar::parse_line(text, number, grammar::address_header(), none, scratch)) {
            return LineVerdict::ignored;
        }
        if (grammar::ast::region_row r; grammar::parse_line(text, number, grammar::region_row(), r, scratch)) {
            model::AddressRegion region;
            region.base = r.base;
            region.end = r.end;
            region.size = r.size;
            region.type = std::move(r.type);
            region.state = std::move(r.state);
            region.protect = without_blanks(r.protect);
            region.usage = r.usage.empty() ? "<unknown>" : std::move(r.usage);
            region.details = std::string(trim(r.details));
            region.loc = ctx.loc(number);
            m_summary.regions.push_back(std::move(region));
            return LineVerdict::understood;
        }
        if (grammar::ast::old_region_head h; grammar::parse_line(text, number, grammar::old_region_head(), h, scratch)) {
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
            if (grammar::ast::region_field f; grammar::parse_line(text, number, grammar::old_region_field(), f, scratch)) {
                fill(m_summary.regions.back(), f);
                m_in_old_region = true;
                return LineVerdict::understood;
            }
        }
        if (grammar::ast::region_field f; grammar::parse_line(text, number, grammar::region_field(), f, scratch)) {
            if (!m_single_region) {
                m_single_region = true;
                model::AddressRegion region;
                region.loc = ctx.loc(number);
                m_summary.regions.push_back(std::move(region));
            }
            fill(m_summary.regions.back(), f);
            return LineVerdict::understood;
        }
        if (read_summary(text, number, ctx, scratch)) {
            return LineVerdict::understood;
        }
        return LineVerdict::not_understood;
    }

    bool read_summary(std::string_view text, std::uint32_t number, BlockContext& ctx,
                      std::vector<diagnostic>& scratch) {
        auto const table = m_table.empty() ? std::string("usage") : m_table;
        if (table == "largest") {
            if (grammar::ast::largest_row r; grammar::parse_line(text, number, grammar::largest_row(), r, scratch)) {
                model::AddressSummaryRow row;
                row.table = table;
                row.name = label_or_eaten(r.name, table);
                row.base = r.base;
                row.bytes = r.size;
                row.loc = ctx.loc(number);
                m_summary.rows.push_back(std::move(row));
                return true;
            }
        } else if (grammar::ast::summary_row r; grammar::parse_line(text, number, grammar::summary_row(), r, scratch)) {
            model::AddressSummaryRow row;
            row.table = table;
            row.name = label_or_eaten(r.name, table);
            row.regions = r.regions;
            row.bytes = r.bytes;
            // Free rows print only %ofTotal; the others %ofBusy then %ofTotal.
            if (r.percents.size() == 1) {
                row.percent_total = r.percents[0];
            } else if (r.percents.size() >= 2) {
                row.percent_busy = r.percents[0];
                row.percent_total = r.percents[1];
            }
            row.loc = ctx.loc(number);
            m_summary.rows.push_back(std::move(row));
            return true;
        }
        if (grammar::ast::old_summary_row r; grammar::parse_line(text, number, grammar::old_summary_row(), r, scratch)) {
            model::AddressSummaryRow row;
            row.table = table;
            row.name = label_or_eaten(r.name, table);
            row.bytes = r.bytes;
            // Old tables print Pct(Tots) first, then Pct(Busy) in the usage table.
            if (!r.percents.empty()) {
                row.percent_total = r.percents[0];
            }
            if (r.percents.size() >= 2) {
                row.percent_busy = r.percents[1];
            }
            row.loc = ctx.loc(number);
            m_summary.rows.push_back(std::move(row));
            return true;
        }
        if (grammar::ast::total_line t; grammar::parse_line(text, number, grammar::total_line(), t, scratch)) {
            for (auto const& [name, bytes] : {std::pair{"Tot", t.total}, std::pair{"Busy", t.busy}}) {
                model::AddressSummaryRow row;
                row.table = "total";
                row.name = name;
                row.bytes = bytes;
                row.loc = ctx.loc(number);
                m_summary.rows.push_back(std::move(row));
            }
            return true;
        }
        if (grammar::ast::largest_free_line l;
            grammar::parse_line(text, number, grammar::largest_free_line(), l, scratch)) {
            model::AddressSummaryRow row;
            row.table = "largest";
            row.name = "Free";
            row.base = l.base;
            row.bytes = l.size;
            row.loc = ctx.loc(number);
            m_summary.rows.push_back(std::move(row));
            return true;
        }
        return false;
    }

    // One "Key value" line of the old layout or the single-region form.
    static void fill(model::AddressRegion& region, grammar::ast::region_field const& f) {
        auto const text = std::string(trim(f.text));
        if (f.key == "Type") {
            region.type = text;
        } else if (f.key == "State") {
            region.state = text;
        } else if (f.key == "Protect") {
            region.protect = without_blanks(text);
        } else if (f.key == "Usage") {
            region.usage = text;
        } else if (f.key == "Base Address" && f.value) {
            region.base = *f.value;
        } else if (f.key == "End Address" && f.value) {
            region.end = *f.value;
        } else if (f.key == "Region Size" && f.value) {
            region.size = *f.value;
        } else if (f.key == "FullPath" || f.key == "Handle" || f.key == "Pid.Tid") {
            region.details = f.key == "FullPath" ? text : f.key + " " + text;
        }
    }

    model::AddressSummary m_summary;
    std::string m_table;
    bool m_in_old_region = false;  // the last line was an old-layout region or one of its fields
    bool m_single_region = false;  // "Base Address:" style lines have started a region
};

} // namespace

CommandSpec address_spec() {
    return {"address", is_address_command, is_address_header, address_slot, model::Target::user,
            []() -> std::unique_ptr<BlockParser> { return std::make_unique<AddressParser>(); }};
}

} // namespace dbgsift::parse
