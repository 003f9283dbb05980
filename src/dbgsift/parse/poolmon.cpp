// SPDX-License-Identifier: MIT
// PoolMon text (screen pastes, `poolmon /n` logs) -> model::PoolUsedTable, so a series of
// PoolMon captures is a series of pool snapshots like a series of `!poolused` tables.
// PoolMon runs outside the debugger: its memory line or column header opens the block.
#include "../../../grammars/poolmon/poolmon.hpp"
#include "commands.hpp"
#include "line_attempts.hpp"
#include "../text/contains.hpp"

#include <map>

namespace dbgsift::parse {
namespace {

// `rest` starts with `first`, then (after blanks, or none) `second`: lit(first) >> lit(second).
bool starts_with_words(std::string_view rest, std::string_view first, std::string_view second) {
    if (!rest.starts_with(first)) {
        return false;
    }
    rest.remove_prefix(first.size());
    return rest.substr(text::first_non_blank(rest)).starts_with(second);
}

bool is_poolmon_header(std::string_view line) {
    // Literal prefilter: each header this accepts begins with one of these words, "Tag" and
    // "System" with their second word too ("Tag Type", "System pool"): other commands print
    // lines that begin with them (!vm's "System PageTables:"), on which the rules ran.
    std::string_view const rest = line.substr(text::first_non_blank(line));
    if (!starts_with_words(rest, "Tag", "Type") && !rest.starts_with("Memory:") && !rest.starts_with("Commit:") &&
        !starts_with_words(rest, "System", "pool")) {
        return false;
    }
    std::vector<diagnostic> ignored;
    boost::spirit::x3::unused_type none;
    return grammar::parse_line(line, 0, grammar::poolmon_header(), none, ignored) ||
           grammar::parse_line(line, 0, grammar::poolmon_preamble(), none, ignored);
}

class PoolMonParser final : public BlockParser {
public:
    LineVerdict line(text::Line const& line, BlockContext& ctx) override {
        if (m_table.loc.line == 0) {
            m_table.loc = ctx.loc(line.number);
        }
        LineAttempts attempts(line, ctx);
        boost::spirit::x3::unused_type none;
        // Most lines are rows: the memory line and column header are tried only on a line
        // starting with a byte their first word can start with (LineAttempts::may_start).
        if ((attempts.may_start(grammar::poolmon_preamble_starts) && attempts.read(grammar::poolmon_preamble(), none)) ||
            (attempts.may_start(grammar::poolmon_header_starts) && attempts.read(grammar::poolmon_header(), none))) {
            // A screen's memory line or column header after rows: the next capture of a series
            // (a refreshed screen pasted below, or logs joined in one file). A new snapshot.
            return m_table.tags.empty() ? LineVerdict::ignored : LineVerdict::restart;
        }
        if (grammar::ast::poolmon_row r; attempts.read(grammar::poolmon_row(), r)) {
            auto [it, fresh] = m_index.emplace(r.tag, m_table.tags.size());
            if (fresh) {
                model::PoolTag t;
                t.tag = r.tag;
                t.loc = ctx.loc(line.number);
                m_table.tags.push_back(std::move(t));
            }
            auto& tag = m_table.tags[it->second];
            auto& cols = r.type == grammar::ast::poolmon_type::nonpaged ? tag.nonpaged : tag.paged;
            cols.allocs = r.allocs;
            cols.frees = r.frees;
            cols.diff = r.diff;
            cols.used = r.bytes;
            (r.type == grammar::ast::poolmon_type::nonpaged ? m_table.has_nonpaged : m_table.has_paged) = true;
            return LineVerdict::understood;
        }
        return attempts.give_up("not a line of PoolMon output");
    }

    void finish(BlockContext& ctx) override {
        if (m_table.tags.empty()) {
            return;
        }
        m_table.sorted_by = "PoolMon";
        m_table.has_frees = m_table.has_diff = m_table.has_used = true;
        ctx.snapshot.pool.push_back(std::move(m_table));
    }

private:
    model::PoolUsedTable m_table;
    std::map<std::string, std::size_t> m_index;  // tag -> its row in m_table.tags
};

} // namespace

CommandSpec poolmon_spec() {
    CommandSpec spec{"poolmon", [](std::string_view) { return false; }, is_poolmon_header,
            [](std::string_view) { return std::string("poolmon"); }, model::Target::kernel,
            []() -> std::unique_ptr<BlockParser> { return std::make_unique<PoolMonParser>(); }};
    spec.header_words = {"Tag", "Memory:", "Commit:", "System"};  // what is_poolmon_header looks for first
    spec.header_firsts = "TMCS";  // the first bytes of those words (is_poolmon_header starts with them)
    return spec;
}

} // namespace dbgsift::parse
