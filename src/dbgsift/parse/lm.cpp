// SPDX-License-Identifier: MIT
// `lm` family blocks: module rows (loaded, then "Unloaded modules:"), lmv detail lines that
// attach to the module above them, rows wrapped by a page break or a long symbol path.
#include "commands.hpp"

#include "../../../grammars/lm/lm.hpp"
#include "../text/contains.hpp"
#include "line_attempts.hpp"
#include "../text/trim.hpp"

#include <algorithm>

namespace dbgsift::parse {
namespace {

namespace g = grammar;

using text::trim;

// Fill what the kept record lacks from a repeat of the same row (`lm a` twice, then `lmv m`).
void merge_into(model::Module& kept, model::Module const& more) {
    auto fill = [](std::string& to, std::string const& from) {
        if (to.empty()) {
            to = from;
        }
    };
    fill(kept.symbols, more.symbols);
    fill(kept.timestamp, more.timestamp);
    fill(kept.symbol_file, more.symbol_file);
    if (auto const* detail = more.detail.get()) {
        auto& to = kept.detail.fill();
        fill(to.image_path, detail->image_path);
        fill(to.image_name, detail->image_name);
        fill(to.checksum, detail->checksum);
    }
}

constexpr std::size_t k_typical_module_count = 256;

class LmParser final : public BlockParser {
public:
    LineVerdict line(text::Line const& line, BlockContext& ctx) override {
        if (!m_command_read) {
            m_command_read = true;
            std::string options;
            // Verbose forms (lmv, lmvm) print detail lines; a paste without a prompt may too.
            m_verbose = ctx.command.empty() ||
                        (matches(ctx.command, g::lm_command(), options) &&
                         options.find_first_of("vV") != std::string::npos);
        }
        std::string_view const text = line.text;
        boost::spirit::x3::unused_type nothing;
        LineAttempts attempt(line, ctx);

        if (!m_head.empty()) {
            // The second half of a row a page break cut ("00007ffc`1fca0000 0000" / "7ffc`1fd3e000 ...").
            std::string const joined = m_head + std::string(trim(text));
            auto const head_line = m_head_line;
            m_head.clear();
            g::ast::module_row row;
            // Its own attempt: this failure is diagnosed here, not as this line's.
            if (LineAttempts(line, ctx).read(joined, head_line, g::module_row(), row)) {
                add(row, head_line, ctx);
                return LineVerdict::understood;
            }
            ctx.diagnose(head_line, 0, "module row cut short and not completed by the next line");
        }
        // Rules are skipped by the line's first byte (grammar::*_starts, LineAttempts::may_start):
        // most lines are module rows, which no rule before module_row reads.
        if ((attempt.may_start(g::lm_header_starts) && attempt.read(g::lm_header(), nothing)) ||
            (attempt.may_start(g::dml_residue_starts) && attempt.read(g::dml_residue(), nothing))) {
            return LineVerdict::ignored;
        }
        if (attempt.may_start(g::unloaded_title_starts) && attempt.read(g::unloaded_title(), nothing)) {
            m_unloaded = true;
            m_has_last = false;
            return LineVerdict::understood;
        }
        g::ast::module_row row;
        if (attempt.read(g::module_row(), row)) {
            add(row, line.number, ctx);
            return LineVerdict::understood;
        }
        std::string piece;
        if (attempt.read(g::module_row_head(), piece)) {
            m_head = std::string(trim(text));
            m_head_line = line.number;
            return LineVerdict::ignored;
        }
        auto* const previous = last(ctx);
        if (previous != nullptr && previous->symbol_file.ends_with('\\') &&
            attempt.read(g::path_tail(), piece)) {
            previous->symbol_file += piece;  // a long symbol path wrapped by the page
            return LineVerdict::understood;
        }
        g::ast::module_detail detail;
        if (previous != nullptr && attempt.read(g::module_detail(), detail)) {
            return apply(*previous, detail);
        }
        if (previous != nullptr && m_verbose) {
            return LineVerdict::ignored;  // lmv lines dbgsift does not model ("Image was built with ...")
        }
        return attempt.give_up("not an lm module row");
    }

    void finish(BlockContext& ctx) override {
        if (!m_head.empty()) {
            ctx.diagnose(m_head_line, 0, "module row cut short at the end of the block");
        }
    }

private:
    void add(g::ast::module_row const& row, std::uint32_t line, BlockContext& ctx) {
        auto& list = m_unloaded ? ctx.snapshot.unloaded_modules : ctx.snapshot.modules;
        if (!m_unloaded && may_repeat(list, row.start)) {
            // The same module printed again (two `lm a` of one driver) is one module.
            for (auto& kept : list) {
                if (kept.start == row.start && kept.name == row.name) {
                    model::Module more;
                    fill(more, row, ctx.loc(line));
                    merge_into(kept, more);
                    remember(&kept - list.data(), false);
                    return;
                }
            }
        }
        if (list.empty() && !m_unloaded) {
            // A module list holds one to a few hundred modules: room for a typical one up front
            // spares moving every Module at each doubling (the reader gives back the unused
            // room when the block closes).
            list.reserve(k_typical_module_count);
        }
        // Unloaded repeats are kept: a driver unloaded six times is evidence.
        // (Filled where it is kept: a Module built aside cost a move of its seven strings.)
        fill(list.emplace_back(), row, ctx.loc(line));
        remember(list.size() - 1, m_unloaded);
    }

    // Each text is copied once, from the line into the model (the row holds ranges), into a
    // fresh Module. Most rows print no timestamp and no path: an empty one is not assigned,
    // which still cost a string replace call each.
    static void fill(model::Module& m, g::ast::module_row const& row, model::Loc loc) {
        m.start = row.start;
        m.end = row.end;
        m.name = g::view(row.name);
        m.symbols = g::view(row.symbols);
        if (auto const timestamp = trim(g::view(row.timestamp)); !timestamp.empty()) {
            m.timestamp = timestamp;
        }
        if (auto const path = trim(g::view(row.path)); !path.empty()) {
            m.symbol_file = path;
        }
        m.loc = std::move(loc);
    }

    // Can a loaded row at `start` repeat one already kept? Not when it starts above every kept
    // row, as nearly all do: lm prints its rows by ascending address, so the scan for a repeat
    // is left for the rows of a second listing. The highest start is followed as rows are added
    // (no kept row is removed while the block reads; earlier blocks' rows are taken in on the
    // first call).
    bool may_repeat(std::vector<model::Module> const& list, std::uint64_t start) {
        if (&list != m_followed || m_starts_seen > list.size()) {
            m_followed = &list;  // (another snapshot's list, not expected in one block: afresh)
            m_starts_seen = 0;
            m_highest_start = 0;
        }
        for (; m_starts_seen < list.size(); ++m_starts_seen) {
            m_highest_start = std::max(m_highest_start, list[m_starts_seen].start);
        }
        return !list.empty() && start <= m_highest_start;
    }

    void remember(std::ptrdiff_t index, bool unloaded) {
        m_has_last = true;
        m_last_index = static_cast<std::size_t>(index);
        m_last_unloaded = unloaded;
    }

    // The value is copied (trimmed) only into the field its key names.
    static LineVerdict apply(model::Module& m, g::ast::module_detail const& d) {
        auto const key = trim(g::view(d.key));
        std::string* field = nullptr;
        if (key == "Image path") {
            field = &m.detail.fill().image_path;
        } else if (key == "Image name") {
            field = &m.detail.fill().image_name;
        } else if (key == "Timestamp") {
            field = &m.timestamp;
        } else if (key == "CheckSum" || key == "Checksum") {
            field = &m.detail.fill().checksum;
        } else if (key == "Loaded symbol image file") {
            if (!m.symbol_file.empty()) {
                return LineVerdict::understood;  // the first one printed is kept
            }
            field = &m.symbol_file;
        } else {
            return LineVerdict::ignored;  // File version, Translations, CompanyName, ...
        }
        *field = trim(g::view(d.value));
        return LineVerdict::understood;
    }

    // The row detail lines attach to, by index: the snapshot's vectors may grow meanwhile.
    model::Module* last(BlockContext& ctx) const {
        auto& list = m_last_unloaded ? ctx.snapshot.unloaded_modules : ctx.snapshot.modules;
        return m_has_last && m_last_index < list.size() ? &list[m_last_index] : nullptr;
    }

    bool m_has_last = false;
    bool m_last_unloaded = false;
    std::size_t m_last_index = 0;
    bool m_unloaded = false;
    std::vector<model::Module> const* m_followed = nullptr;  // may_repeat(): the list it follows,
    std::size_t m_starts_seen = 0;                           // how many of its rows it has seen
    std::uint64_t m_highest_start = 0;                       // and the highest start among them
    bool m_verbose = false;
    bool m_command_read = false;
    std::string m_head;
    std::uint32_t m_head_line = 0;
};

bool is_lm_command(std::string_view command) {
    std::string options;
    return matches(command, g::lm_command(), options);
}

bool is_lm_header(std::string_view line) {
    // Literal prefilter: "start end module name".
    if (!text::contains_any(line, {"start"})) {
        return false;
    }
    boost::spirit::x3::unused_type nothing;
    return matches(line, g::lm_header(), nothing);
}

} // namespace

CommandSpec lm_spec() {
    CommandSpec spec{"lm", is_lm_command, is_lm_header, [](std::string_view) { return std::string(); },
            model::Target::kernel, []() -> std::unique_ptr<BlockParser> { return std::make_unique<LmParser>(); }};
    spec.header_words = {"start"};  // what is_lm_header looks for first
    spec.header_firsts = std::string(g::lm_header_starts);
    return spec;
}

} // namespace dbgsift::parse
