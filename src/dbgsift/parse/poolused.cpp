// SPDX-License-Identifier: MIT
// `!poolused` blocks: the "Sorting by" line, the NonPaged/Paged group header and the column
// header decide which numbers a row holds; rows become model::PoolTag, TOTAL the table total.
#include "commands.hpp"

#include "line_attempts.hpp"
#include "../../../grammars/poolused/poolused.hpp"
#include "../text/contains.hpp"
#include "../text/trim.hpp"

#include <algorithm>
#include <array>
#include <optional>

namespace dbgsift::parse {
namespace {

namespace g = grammar;
using model::PoolKind;

using text::trim;

enum class Field { allocs, frees, diff, used };

struct Column {
    PoolKind pool = PoolKind::nonpaged;
    Field field = Field::allocs;
};

std::optional<Field> field_named(std::string_view name) {
    if (name == "Allocs") {
        return Field::allocs;
    }
    if (name == "Frees") {
        return Field::frees;
    }
    if (name == "Diff") {
        return Field::diff;
    }
    if (name == "Used") {
        return Field::used;
    }
    return std::nullopt;
}

// The header's column names (after "Tag") -> which pool and field each number is. A second
// "Allocs" starts the second pool; with one pool, the group header (or the sort) says which.
std::optional<std::vector<Column>> layout_from(g::ast::header_words const& names, PoolKind single_pool) {
    if (!g::is_pool_row_width(names.size())) {
        return std::nullopt;
    }
    std::vector<Column> cols;
    cols.reserve(names.size());  // made once at its size, not grown a column at a time
    PoolKind pool = single_pool;
    std::array<bool, 4> seen{};
    for (std::size_t i = 0; i < names.size(); ++i) {
        auto const f = field_named(g::view(names[i]));
        if (!f) {
            return std::nullopt;
        }
        if (*f == Field::allocs && i > 0) {
            if (pool == PoolKind::paged) {
                return std::nullopt;  // a third pool: not a layout !poolused prints
            }
            pool = PoolKind::paged;
            seen = {};
        }
        auto& once = seen[static_cast<std::size_t>(*f)];
        if (once) {
            return std::nullopt;
        }
        once = true;
        cols.push_back({pool, *f});
    }
    return cols;
}

// A layout for rows read before any column header: the width says which one !poolused used.
std::vector<Column> guessed_layout(std::size_t width, bool verbose, PoolKind single_pool) {
    auto const two = [](std::vector<Field> const& fields) {
        std::vector<Column> cols;
        for (auto pool : {PoolKind::nonpaged, PoolKind::paged}) {
            for (auto f : fields) {
                cols.push_back({pool, f});
            }
        }
        return cols;
    };
    auto const one = [&](std::vector<Field> const& fields) {
        std::vector<Column> cols;
        for (auto f : fields) {
            cols.push_back({single_pool, f});
        }
        return cols;
    };
    switch (width) {
    case 2: return one({Field::allocs, Field::used});
    case 3: return one({Field::allocs, Field::frees, Field::diff});
    case 4:
        return verbose ? one({Field::allocs, Field::frees, Field::diff, Field::used})
                       : two({Field::allocs, Field::used});
    case 6: return two({Field::allocs, Field::frees, Field::diff});
    default: return two({Field::allocs, Field::frees, Field::diff, Field::used});
    }
}

bool is_prefix_of(std::string_view fragment, std::initializer_list<std::string_view> words) {
    return std::any_of(words.begin(), words.end(), [&](std::string_view w) {
        return fragment.size() < w.size() && w.substr(0, fragment.size()) == fragment;
    });
}

std::optional<PoolKind> pool_of_sort(std::string_view sorted_by) {
    auto key = g::ast::sort_key::tag;
    if (!matches_prefix(sorted_by, g::sort_pool(), key)) {
        return std::nullopt;
    }
    switch (key) {
    case g::ast::sort_key::nonpaged: return PoolKind::nonpaged;
    case g::ast::sort_key::paged: return PoolKind::paged;
    case g::ast::sort_key::session: return PoolKind::session;
    case g::ast::sort_key::tag: break;
    }
    return std::nullopt;
}

std::optional<g::ast::poolused_command> read_command(std::string_view command) {
    g::ast::poolused_command cmd;
    if (matches(command, g::poolused_command(), cmd)) {
        return cmd;
    }
    return std::nullopt;
}

std::optional<PoolKind> pool_of_flags(std::uint64_t flags) {
    if ((flags & 2) != 0) {
        return PoolKind::nonpaged;
    }
    if ((flags & 4) != 0) {
        return PoolKind::paged;
    }
    if ((flags & 8) != 0) {
        return PoolKind::session;
    }
    return std::nullopt;
}

class PoolUsedParser final : public BlockParser {
public:
    LineVerdict line(text::Line const& line, BlockContext& ctx) override {
        if (!m_command_read) {
            m_command_read = true;
            if (auto cmd = read_command(ctx.command)) {
                m_verbose = (cmd->flags & 1) != 0;
                m_flag_pool = pool_of_flags(cmd->flags);
            }
        }
        LineAttempts attempt(line, ctx);

        if (!m_pending_header.empty()) {
            auto const verdict = finish_wrapped_header(line, ctx);
            if (verdict) {
                return *verdict;
            }
        }

        // Most lines are tag rows: the rules for the other lines are tried only on a line
        // starting with a byte their first word can start with (LineAttempts::lead).
        if (attempt.may_start("S")) {  // the string made only past the gate, not on every row
            if (g::text_range sorted; attempt.read(g::sorting_line(), sorted)) {
                start_table(ctx, line.number);
                m_table.sorted_by = std::string(trim(g::view(sorted)));
                m_table.sorted_pool = pool_of_sort(m_table.sorted_by);
                return LineVerdict::understood;
            }
        }
        // The other rules are asked for their first words (grammar::*_may_start).
        std::string_view const rest = std::string_view(line.text).substr(attempt.indent());
        boost::spirit::x3::unused_type nothing;
        if ((attempt.may_start("P") && attempt.read(g::pool_used_title(), nothing)) ||
            (g::kd_cache_note_may_start(rest) && attempt.read(g::kd_cache_note(), nothing))) {
            return LineVerdict::ignored;
        }
        g::ast::header_words words;  // ranges into the line, in place (ast::header_words)
        if (g::pool_group_header_may_start(rest) && attempt.read(g::pool_group_header(), words)) {
            return group_header(words, line, ctx);
        }
        words.clear();
        if (g::pool_column_header_may_start(rest) && attempt.read(g::pool_column_header(), words)) {
            return column_header(words, line, ctx);
        }
        return row(attempt, ctx);
    }

    void finish(BlockContext& ctx) override {
        if (!m_pending_header.empty()) {
            ctx.diagnose(m_pending_line, 0, "header line cut short and never completed");
        }
        flush(ctx);
    }

private:
    void start_table(BlockContext& ctx, std::uint32_t line) {
        if (has_content()) {
            flush(ctx);
        }
        if (m_table.loc.line == 0) {
            m_table.loc = ctx.loc(line);
        }
    }

    bool has_content() const {
        return !m_table.tags.empty() || m_table.total.has_value() || m_columns.has_value();
    }

    void flush(BlockContext& ctx) {
        if (has_content() || !m_table.sorted_by.empty()) {
            if (!m_table.sorted_pool) {
                m_table.sorted_pool = m_flag_pool;
            }
            // Most tables hold far fewer rows than the k_first_rows row() made room for.
            ctx.keep_list(m_table.tags);
            ctx.snapshot.pool.push_back(std::move(m_table));
        }
        m_table = model::PoolUsedTable{};
        m_columns.reset();
        m_groups.clear();
    }

    PoolKind single_pool() const {
        if (m_groups.size() == 1 && m_groups.front() == "Paged") {
            return PoolKind::paged;
        }
        if (m_groups.empty()) {
            auto const sorted = m_table.sorted_pool ? m_table.sorted_pool : m_flag_pool;
            if (sorted == PoolKind::paged || sorted == PoolKind::session) {
                return PoolKind::paged;
            }
        }
        return PoolKind::nonpaged;
    }

    LineVerdict group_header(g::ast::header_words const& words, text::Line const& line, BlockContext& ctx) {
        if (m_table.loc.line == 0) {
            m_table.loc = ctx.loc(line.number);
        }
        auto const last = g::view(words.back());
        if (last != "NonPaged" && last != "Paged") {
            if (!is_prefix_of(last, {"NonPaged", "Paged"})) {
                ctx.diagnose(line.number, 0, "'" + std::string(last) + "' is not a pool name (NonPaged, Paged)");
                return LineVerdict::not_understood;
            }
            hold_wrapped(line, 'g');
            return LineVerdict::understood;
        }
        m_groups.clear();
        m_groups.reserve(words.size());
        for (auto const word : words) {
            m_groups.emplace_back(g::view(word));
        }
        return LineVerdict::understood;
    }

    LineVerdict column_header(g::ast::header_words const& names, text::Line const& line, BlockContext& ctx) {
        if (m_table.loc.line == 0) {
            m_table.loc = ctx.loc(line.number);
        }
        auto const last = g::view(names.back());
        if (!field_named(last)) {
            if (!is_prefix_of(last, {"Allocs", "Frees", "Diff", "Used"})) {
                ctx.diagnose(line.number, 0, "'" + std::string(last) + "' is not a !poolused column");
                return LineVerdict::not_understood;
            }
            hold_wrapped(line, 'c');
            return LineVerdict::understood;
        }
        auto cols = layout_from(names, single_pool());
        if (!cols) {
            ctx.diagnose(line.number, 0,
                         "column header does not match a !poolused layout (" +
                             std::to_string(names.size()) + " columns)");
            return LineVerdict::not_understood;
        }
        use_layout(std::move(*cols), false);
        return LineVerdict::understood;
    }

    // A header line cut by a narrow window ("NonPaged   Page" then "d"): keep it, join the next.
    void hold_wrapped(text::Line const& line, char kind) {
        m_pending_header = line.text;
        m_pending_kind = kind;
        m_pending_line = line.number;
    }

    std::optional<LineVerdict> finish_wrapped_header(text::Line const& line, BlockContext& ctx) {
        std::string const joined = m_pending_header + std::string(trim(line.text));
        auto const kind = m_pending_kind;
        m_pending_header.clear();
        LineAttempts attempt(line, ctx);
        g::ast::header_words words;  // ranges into `joined`
        bool const rule_ok = kind == 'g'
            ? attempt.read(joined, line.number, g::pool_group_header(), words)
            : attempt.read(joined, line.number, g::pool_column_header(), words);
        if (rule_ok) {
            auto const verdict = kind == 'g' ? group_header(words, line, ctx) : column_header(words, line, ctx);
            if (verdict == LineVerdict::understood && m_pending_header.empty()) {
                return verdict;
            }
        }
        m_pending_header.clear();
        ctx.diagnose(m_pending_line, 0, "header line cut short and not completed by the next line");
        return std::nullopt;
    }

    void use_layout(std::vector<Column> cols, bool guessed) {
        m_table.has_frees = m_table.has_diff = m_table.has_used = false;
        m_table.has_nonpaged = m_table.has_paged = false;
        for (auto const& c : cols) {
            (c.pool == PoolKind::nonpaged ? m_table.has_nonpaged : m_table.has_paged) = true;
            m_table.has_frees |= c.field == Field::frees;
            m_table.has_diff |= c.field == Field::diff;
            m_table.has_used |= c.field == Field::used;
        }
        m_table.layout_guessed = guessed;
        m_columns = std::move(cols);
    }

    static void store(model::PoolTag& tag, std::vector<Column> const& cols,
                      std::vector<std::uint64_t> const& counts) {
        for (std::size_t i = 0; i < cols.size() && i < counts.size(); ++i) {
            auto& pool = cols[i].pool == PoolKind::nonpaged ? tag.nonpaged : tag.paged;
            switch (cols[i].field) {
            case Field::allocs: pool.allocs = counts[i]; break;
            case Field::frees: pool.frees = counts[i]; break;
            case Field::diff: pool.diff = counts[i]; break;
            case Field::used: pool.used = counts[i]; break;
            }
        }
    }

    // `attempt`: line()'s, whose rules (no expectation points) left no diagnostic aside.
    LineVerdict row(LineAttempts& attempt, BlockContext& ctx) {
        auto const& line = attempt.line();
        std::string_view const text = line.text;
        if (!m_columns) {
            // No header yet (a paste that starts at the rows): the width picks the layout.
            g::ast::pool_row probe;
            if (!attempt.read(g::pool_row_any(), probe) ||
                !g::is_pool_row_width(probe.counts.size())) {
                return attempt.give_up("not a !poolused row (a tag, then 2, 3, 4, 6 or 8 numbers)");
            }
            use_layout(guessed_layout(probe.counts.size(), m_verbose, single_pool()), true);
        }
        auto const width = m_columns->size();
        // The row rules depend on the header's width: grammar functions, not rules, that report
        // every value they refuse (an overflowing count) rather than one furthest failure.
        std::vector<diagnostic> refused;
        std::vector<std::uint64_t> total;
        // Only a line starting with TOTAL's 'T' can be the total (LineAttempts::may_start).
        if (attempt.may_start(g::pool_total_starts) && g::parse_pool_total(text, line.number, width, total, refused)) {
            model::PoolTag t;
            t.tag = "TOTAL";
            store(t, *m_columns, total);
            t.loc = ctx.loc(line.number);
            m_table.total = std::move(t);
            return LineVerdict::understood;
        }
        if (!refused.empty()) {
            ctx.report(refused);
            return LineVerdict::not_understood;
        }
        // One row object for the whole block, emptied before each row: its numbers keep their
        // storage from the row before (a fresh one grew them each row).
        auto& r = m_row;
        r.tag = {};
        r.counts.clear();
        r.counts.reserve(width);  // at the block's first row: grown a number at a time, 1, 2, 4, 8
        r.description = {};
        if (!g::parse_pool_row(text, line.number, width, r, refused)) {
            ctx.report(refused);
            if (refused.empty()) {
                ctx.diagnose(line.number, 0,
                             "not a !poolused row: expected a tag and " + std::to_string(width) +
                                 " numbers");
            }
            return LineVerdict::not_understood;
        }
        // Filled where the table keeps it: a local tag was moved in, then destroyed, every row.
        // Room for a table's first rows at its first: grown from one, the list moved every tag
        // it held at 1, 2, 4, 8 and 16 (most tables have tens of rows, some hundreds).
        if (m_table.tags.empty()) {
            m_table.tags.reserve(k_first_rows);
        }
        auto& tag = m_table.tags.emplace_back();
        tag.tag = g::view(r.tag);
        store(tag, *m_columns, r.counts);
        tag.description.assign(trim(g::view(r.description)));
        if (!tag.description.empty()) {
            // Literal prefilter: without "Binary:" the rule reads the whole text and no binary
            // (a third of the rows: the UNKNOWN pooltag notes, descriptions without a module).
            g::ast::pool_description d;
            if (text::contains_any(tag.description, {"Binary:"}) &&
                attempt.read(tag.description, line.number, g::pool_description(), d)) {
                tag.binary.assign(trim(g::view(d.binary)));
            }
            if (tag.description.starts_with(g::unknown_pooltag_starts)) {
                std::string unknown;
                tag.unknown = attempt.read_prefix(tag.description, line.number, g::unknown_pooltag(), unknown);
            }
        }
        tag.loc = ctx.loc(line.number);
        return LineVerdict::understood;
    }

    static constexpr std::size_t k_first_rows = 32;  // row(): the room a table's tags start with
    model::PoolUsedTable m_table;
    // row(): the row being read. Its tag and description are ranges into the line being read:
    // valid only inside row(), which copies what the model keeps.
    g::ast::pool_row m_row;
    std::optional<std::vector<Column>> m_columns;
    std::vector<std::string> m_groups;
    std::string m_pending_header;
    char m_pending_kind = 0;
    std::uint32_t m_pending_line = 0;
    bool m_command_read = false;
    bool m_verbose = false;
    std::optional<PoolKind> m_flag_pool;
};

bool is_poolused_command(std::string_view command) { return read_command(command).has_value(); }

bool is_poolused_header(std::string_view line) {
    // Literal prefilter: each header this accepts begins with one of these words.
    if (!text::starts_with_any(line, {"Sorting", "Tag", "NonPaged", "Paged"})) {
        return false;
    }
    if (g::text_range sorted; matches(line, g::sorting_line(), sorted)) {
        auto const by = trim(g::view(sorted));
        return pool_of_sort(by).has_value() || by == "Tag";
    }
    g::ast::header_words words;  // ranges into the line, in place (ast::header_words)
    if (matches(line, g::pool_column_header(), words)) {
        return g::is_pool_row_width(words.size());
    }
    // "            NonPaged            Paged": only whole pool names on the line
    words.clear();
    return matches(line, g::pool_group_header(), words) &&
           std::all_of(words.begin(), words.end(), [](g::text_range w) {
               auto const name = g::view(w);
               return name == "NonPaged" || name == "Paged";
           });
}

// `!poolused 3` then `!poolused 4` are two halves of one moment: they fill different slots.
std::string poolused_slot(std::string_view command) {
    auto const cmd = read_command(command);
    auto const pool = cmd ? pool_of_flags(cmd->flags) : std::nullopt;
    if (pool == PoolKind::nonpaged) {
        return "poolused-nonpaged";
    }
    if (pool == PoolKind::paged) {
        return "poolused-paged";
    }
    if (pool == PoolKind::session) {
        return "poolused-session";
    }
    return "poolused-tag";
}

} // namespace

CommandSpec poolused_spec() {
    CommandSpec spec{"poolused", is_poolused_command, is_poolused_header, poolused_slot, model::Target::kernel,
            []() -> std::unique_ptr<BlockParser> { return std::make_unique<PoolUsedParser>(); }};
    spec.header_words = {"Sorting", "Tag", "NonPaged", "Paged"};  // what is_poolused_header looks for first
    spec.header_firsts = "STNP";  // the first bytes of those words (is_poolused_header starts with them)
    return spec;
}

} // namespace dbgsift::parse
