// SPDX-License-Identifier: MIT
// `!poolfind TAG` -> model::PoolFind, `!pool ADDR` -> model::PoolPage. Both print pool block
// rows; the command says which one the block is.
#include "../../../grammars/poolfind/poolfind.hpp"
#include "../../../grammars/heap_entry/heap_entry.hpp"
#include "commands.hpp"
#include "line_attempts.hpp"

namespace dbgsift::parse {
namespace {

// Which of the two commands, and its options: "!poolfind SeSd 0" -> find, ["SeSd", "0"].
bool read_command(std::string_view command, bool& is_find, std::vector<std::string>& options) {
    std::vector<diagnostic> ignored;
    command = text::trim(without_bold(text::trim(command)));
    options.clear();
    if (grammar::parse_line(command, 0, grammar::pool_command(), options, ignored)) {
        is_find = true;
        return true;
    }
    options.clear();
    is_find = false;
    return grammar::parse_line(command, 0, grammar::pool_page_command(), options, ignored);
}

// "!poolfind SeSd 0" -> "SeSd"; the newer "!poolfind -tag Proc -nonpaged" (corpus/poolfind/
// 003.txt:1) names it after "-tag", maybe in quotes; the other options start with '-'.
std::string searched_tag(std::vector<std::string> const& options) {
    for (std::size_t i = 0; i < options.size(); ++i) {
        std::string_view word = options[i];
        if (word == "-tag" && i + 1 < options.size()) {
            word = options[i + 1];
        } else if (word.starts_with('-')) {
            continue;
        }
        if (word.size() >= 2 && word.front() == '"' && word.back() == '"') {
            word = word.substr(1, word.size() - 2);
        }
        return std::string(word);
    }
    return {};
}

bool is_pool_command(std::string_view command) {
    bool is_find = false;
    std::vector<std::string> options;
    return read_command(command, is_find, options);
}

std::string pool_name(grammar::ast::pool_kind k) {
    switch (k) {
    case grammar::ast::pool_kind::paged: return "paged";
    case grammar::ast::pool_kind::session: return "session";
    case grammar::ast::pool_kind::unknown: return "";
    default: return "nonpaged";
    }
}

class PoolBlocksParser final : public BlockParser {
public:
    LineVerdict line(text::Line const& line, BlockContext& ctx) override {
        if (!m_decided) {
            decide(ctx, line.number);
        }
        LineAttempts attempts(line, ctx);
        // Most lines are block rows: their rule is tried first. No other rule reads a block row
        // (an address, then "size:"), and no rule but this one reaches an expectation point on
        // a line led by an address and "size:", so the order changes no verdict and no
        // diagnostic; the chatter rule tried first read every digit-led row's first number.
        if (grammar::ast::pool_block_row r; attempts.read(grammar::pool_block_row(), r)) {
            // Filled where the list keeps it: a block built aside was moved in and destroyed.
            auto& b = (m_is_find ? m_find.blocks : m_page.blocks).emplace_back();
            b.address = r.address;
            b.size = r.size;
            b.previous_size = r.previous_size;
            b.allocated = r.state == grammar::ast::pool_block_state::allocated;
            b.marked = r.marked;
            b.tag = grammar::view(r.tag);
            b.protected_tag = r.protected_tag;
            if (r.process) {
                b.process = *r.process;
            }
            b.pool = m_pool;
            b.loc = ctx.loc(line.number);
            return LineVerdict::understood;
        }
        // The rules for the other lines are tried only on a line starting with a byte their
        // first word can start with (LineAttempts::may_start).
        boost::spirit::x3::unused_type none;
        if (attempts.may_start(grammar::pool_chatter_starts) && attempts.read(grammar::pool_chatter(), none)) {
            return LineVerdict::ignored;
        }
        if (attempts.may_start(grammar::pool_terminated_starts) && attempts.read(grammar::pool_terminated(), none)) {
            m_find.interrupted = true;
            return LineVerdict::understood;
        }
        if (grammar::ast::pool_search s;
            attempts.may_start(grammar::pool_search_starts) && attempts.read(grammar::pool_search(), s)) {
            m_pool = pool_name(s.pool);
            return LineVerdict::understood;
        }
        if (grammar::ast::pool_page_region r;
            attempts.may_start(grammar::pool_page_region_starts) && attempts.read(grammar::pool_page_region(), r)) {
            m_page.pool = pool_name(r.pool);
            m_pool = m_page.pool;
            return LineVerdict::understood;
        }
        if (grammar::ast::pool_page_damage d; !m_is_find && attempts.read(grammar::pool_page_damage(), d)) {
            m_page.messages.push_back({d.kind, d.address, ctx.loc(line.number)});
            return LineVerdict::understood;
        }
        if (std::string owner;
            attempts.may_start(grammar::pool_owner_starts) && attempts.read(grammar::pool_owner(), owner)) {
            auto& blocks = m_is_find ? m_find.blocks : m_page.blocks;
            if (blocks.empty() || !blocks.back().marked) {
                return attempts.give_up("an owning component with no '*' block above it");
            }
            blocks.back().owner = trimmed(owner);
            return LineVerdict::understood;
        }
        if (grammar::ast::pool_find_row r; attempts.read(grammar::pool_find_row(), r)) {
            model::PoolBlock b;
            b.address = r.address;
            b.size = r.size;
            b.tag = grammar::view(r.tag);
            b.pool = pool_name(r.pool);
            b.loc = ctx.loc(line.number);
            m_find.blocks.push_back(std::move(b));
            return LineVerdict::understood;
        }
        return attempts.give_up(m_is_find ? "not a line of !poolfind output" : "not a line of !pool output");
    }

    void finish(BlockContext& ctx) override {
        if (m_is_find && (!m_find.blocks.empty() || !m_find.tag.empty())) {
            ctx.snapshot.pool_finds.push_back(std::move(m_find));
        } else if (!m_is_find && (!m_page.blocks.empty() || !m_page.messages.empty())) {
            ctx.snapshot.pool_pages.push_back(std::move(m_page));
        }
    }

private:
    void decide(BlockContext const& ctx, std::uint32_t line) {
        m_decided = true;
        std::vector<std::string> options;
        if (!read_command(ctx.command, m_is_find, options)) {
            m_is_find = true;  // a prompt-less paste: the rows say what they are
        }
        if (m_is_find) {
            m_find.tag = searched_tag(options);
            m_find.loc = ctx.loc(line);
        } else {
            m_page.loc = ctx.loc(line);
            if (std::uint64_t a = 0; !options.empty() && grammar::heap_option_value(options[0], a)) {
                m_page.queried = a;
            }
        }
    }

    bool m_decided = false;
    bool m_is_find = true;
    std::string m_pool;  // from the last "Searching ... pool" line
    model::PoolFind m_find;
    model::PoolPage m_page;
};

} // namespace

CommandSpec poolfind_spec() {
    return {"poolfind", is_pool_command, nullptr, [](std::string_view) { return std::string(); },
            model::Target::kernel,
            []() -> std::unique_ptr<BlockParser> { return std::make_unique<PoolBlocksParser>(); }};
}

} // namespace dbgsift::parse
