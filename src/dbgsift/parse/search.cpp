// SPDX-License-Identifier: MIT
// Memory search blocks (`s -a ... "Leak"`, `!for_each_module s -a @#Base @#End "Leak"`):
// each hit line becomes a model::MemoryHit carrying the pattern the command searched for.
#include "commands.hpp"

#include "line_attempts.hpp"
#include "../../../grammars/search/search.hpp"

namespace dbgsift::parse {
namespace {

namespace g = grammar;

class SearchParser final : public BlockParser {
public:
    LineVerdict line(text::Line const& line, BlockContext& ctx) override {
        if (!m_command_read) {
            m_command_read = true;
            g::ast::search_command cmd;
            if (matches(ctx.command, g::search_command(), cmd)) {
                m_pattern = cmd.pattern;
            }
        }
        g::ast::memory_hit hit;
        if (LineAttempts attempt(line, ctx); !attempt.read(g::memory_hit(), hit)) {
            return attempt.give_up("not a memory search hit (address, bytes, text)");
        }
        model::MemoryHit m;
        m.address = hit.address;
        m.text = hit.text;
        while (!m.text.empty() && (m.text.back() == ' ' || m.text.back() == '\t')) {
            m.text.pop_back();
        }
        m.pattern = m_pattern;
        m.loc = ctx.loc(line.number);
        ctx.snapshot.memory_hits.push_back(std::move(m));
        return LineVerdict::understood;
    }

private:
    bool m_command_read = false;
    std::string m_pattern;
};

bool is_search_command(std::string_view command) {
    g::ast::search_command cmd;
    return matches(command, g::search_command(), cmd);
}

} // namespace

CommandSpec search_spec() {
    return {"search", is_search_command, nullptr, [](std::string_view) { return std::string(); },
            model::Target::kernel,
            []() -> std::unique_ptr<BlockParser> { return std::make_unique<SearchParser>(); }};
}

} // namespace dbgsift::parse
