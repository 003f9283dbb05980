// SPDX-License-Identifier: MIT
// `!handle`: the user-mode summary ("N Handles", "Type Count" table) and per-handle blocks,
// and kernel handle tables under a PROCESS header.
#include "../../../grammars/handle/handle.hpp"
#include "../../../grammars/handle/object_type.hpp"
#include "../../../grammars/process/process.hpp"
#include "commands.hpp"
#include "kernel_handles.hpp"
#include "../text/contains.hpp"

#include <cctype>

namespace dbgsift::parse {

// ---- kernel handle-table rows, shared with the !process parser ----------------------------

model::HandleSummary& KernelHandleLines::summary(BlockContext& ctx, std::uint32_t line,
                                                 model::Process const* owner) {
    auto& all = ctx.snapshot.handles;
    if (!m_summary || *m_summary >= all.size()) {
        model::HandleSummary s;
        if (owner != nullptr) {
            s.process = owner->image;
            s.process_cid = owner->cid;
        }
        s.loc = ctx.loc(line);
        all.push_back(std::move(s));
        m_summary = all.size() - 1;
    }
    return all[*m_summary];
}

model::HandleEntry* KernelHandleLines::last_entry(BlockContext& ctx) {
    if (!m_summary || *m_summary >= ctx.snapshot.handles.size()) {
        return nullptr;
    }
    auto& handles = ctx.snapshot.handles[*m_summary].handles;
    return handles.empty() ? nullptr : &handles.back();
}

// Each rule is skipped by the line's first byte (grammar::*_starts, LineAttempts::may_start):
// an object's Object, ObjectHeader, counts and name lines were offered to every rule before theirs.
bool KernelHandleLines::line(LineAttempts& attempt, BlockContext& ctx, model::Process const* owner) {
    auto const number = attempt.line().number;
    if (std::uint64_t entries = 0; attempt.may_start(grammar::kernel_handle_table_starts) && attempt.read(grammar::kernel_handle_table(), entries)) {
        summary(ctx, number, owner).total = model::Sourced<std::uint64_t>{entries, ctx.loc(number)};
        return true;
    }
    if (grammar::ast::kernel_handle_entry row; attempt.may_start(grammar::kernel_handle_entry_starts) && attempt.read(grammar::kernel_handle_entry(), row)) {
        // Filled where the table keeps it: an entry built aside was moved in and destroyed.
        auto& e = summary(ctx, number, owner).handles.emplace_back();
        e.handle = row.handle;
        e.object = row.object;
        e.granted_access = row.granted_access;
        e.loc = ctx.loc(number);
        return true;
    }
    if (std::uint64_t handle = 0; attempt.may_start(grammar::kernel_free_handle_starts) && attempt.read(grammar::kernel_free_handle(), handle)) {
        auto& s = summary(ctx, number, owner);
        s.free_entries = s.free_entries.value_or(0) + 1;
        return true;
    }
    if (grammar::ast::kernel_object row; attempt.may_start(grammar::kernel_object_starts) && attempt.read(grammar::kernel_object(), row)) {
        if (auto* e = last_entry(ctx); e != nullptr && (!e->object || *e->object == row.object)) {
            e->type = trimmed(row.type);
            e->object_type = grammar::object_type_of(e->type);
        }
        return true;
    }
    if (std::uint64_t header = 0; attempt.may_start(grammar::kernel_object_header_starts) && attempt.read(grammar::kernel_object_header(), header)) {
        return true;
    }
    if (grammar::ast::kernel_object_counts row; attempt.may_start(grammar::kernel_object_counts_starts) && attempt.read(grammar::kernel_object_counts(), row)) {
        if (auto* e = last_entry(ctx)) {
            e->handle_count = row.handle_count;
            e->pointer_count = row.pointer_count;
        }
        return true;
    }
    if (std::string name; attempt.may_start(grammar::kernel_object_name_starts) && attempt.read(grammar::kernel_object_name(), name)) {
        // MEX grep output can bleed a second name into one entry: keep the first.
        if (auto* e = last_entry(ctx); e != nullptr && e->name.empty()) {
            e->name = trimmed(name);
        }
        return true;
    }
    return false;
}

// ---- the !handle block --------------------------------------------------------------------

namespace {

bool starts_with_word(std::string_view text, std::string_view word) {
    if (text.size() < word.size()) {
        return false;
    }
    for (std::size_t i = 0; i < word.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(text[i])) != word[i]) {
            return false;
        }
    }
    return text.size() == word.size() || text[word.size()] == ' ' || text[word.size()] == '\t';
}

class HandleParser final : public BlockParser {
public:
    LineVerdict line(text::Line const& line, BlockContext& ctx) override {
        LineAttempts attempt(line, ctx);
        // Rules are skipped by the line's first byte (grammar::*_starts, LineAttempts::may_start):
        // each field line of `!handle 0 f` would otherwise be offered to every rule before its own.
        if (std::uint64_t total = 0;
            attempt.may_start(grammar::handle_total_starts) && attempt.read(grammar::handle_total(), total)) {
            summary(ctx, line.number).total = model::Sourced<std::uint64_t>{total, ctx.loc(line.number)};
            return LineVerdict::understood;
        }
        if (boost::spirit::x3::unused_type none;
            attempt.may_start(grammar::handle_type_header_starts) && attempt.read(grammar::handle_type_header(), none)) {
            summary(ctx, line.number);
            m_state = State::type_table;
            return LineVerdict::understood;
        }
        if (m_state == State::type_table) {
            if (grammar::ast::handle_type_count row; attempt.read(grammar::handle_type_count(), row)) {
                auto type = trimmed(row.type);
                auto const object_type = grammar::object_type_of(type);
                summary(ctx, line.number).types.push_back({std::move(type), object_type, row.count, ctx.loc(line.number)});
                return LineVerdict::understood;
            }
        }
        if (std::uint64_t handle = 0;
            attempt.may_start(grammar::handle_line_starts) && attempt.read(grammar::handle_line(), handle)) {
            auto& e = summary(ctx, line.number).handles.emplace_back();  // filled in place, as above
            e.handle = handle;
            e.loc = ctx.loc(line.number);
            m_state = State::handle;
            return LineVerdict::understood;
        }
        if (m_state == State::handle || m_state == State::access || m_state == State::object_info) {
            if (auto verdict = handle_field(attempt, ctx)) {
                return *verdict;
            }
        }
        if (m_state == State::access) {
            if (std::string names; attempt.read(grammar::handle_access_names(), names)) {
                return LineVerdict::understood;
            }
        }
        if (m_state == State::object_info) {
            return LineVerdict::ignored;  // "Event Type Auto Reset", "Thread Id 448c.4674": not modelled
        }
        if (auto verdict = process_line(attempt, ctx)) {
            return *verdict;
        }
        if (m_kernel.line(attempt, ctx, &m_process)) {
            m_state = State::none;
            return LineVerdict::understood;
        }
        if (std::string what; attempt.read(grammar::handle_unmodelled(), what)) {
            return LineVerdict::ignored;
        }
        return attempt.give_up("not a !handle row");
    }

private:
    enum class State { none, type_table, handle, access, object_info };

    model::HandleSummary& summary(BlockContext& ctx, std::uint32_t line) {
        auto& all = ctx.snapshot.handles;
        if (!m_summary || *m_summary >= all.size()) {
            model::HandleSummary s;
            s.loc = ctx.loc(line);
            all.push_back(std::move(s));
            m_summary = all.size() - 1;
        }
        return all[*m_summary];
    }

    model::HandleEntry* entry(BlockContext& ctx) {
        if (!m_summary || *m_summary >= ctx.snapshot.handles.size()) {
            return nullptr;
        }
        auto& handles = ctx.snapshot.handles[*m_summary].handles;
        return handles.empty() ? nullptr : &handles.back();
    }

    std::optional<LineVerdict> handle_field(LineAttempts& attempt, BlockContext& ctx) {
        auto* e = entry(ctx);
        if (e == nullptr) {
            return std::nullopt;
        }
        if (std::string type;
            attempt.may_start(grammar::handle_type_field_starts) && attempt.read(grammar::handle_type_field(), type)) {
            e->type = trimmed(type);
            e->object_type = grammar::object_type_of(e->type);
            m_state = State::handle;
            return LineVerdict::understood;
        }
        if (std::uint64_t v = 0;
            attempt.may_start(grammar::handle_attributes_starts) && attempt.read(grammar::handle_attributes(), v)) {
            e->attributes = v;
            m_state = State::handle;
            return LineVerdict::understood;
        }
        if (std::uint64_t v = 0; attempt.may_start(grammar::handle_granted_access_starts) &&
                                 attempt.read(grammar::handle_granted_access(), v)) {
            e->granted_access = v;
            m_state = State::access;
            return LineVerdict::understood;
        }
        if (std::uint64_t v = 0; attempt.may_start(grammar::handle_handle_count_starts) &&
                                 attempt.read(grammar::handle_handle_count(), v)) {
            e->handle_count = v;
            m_state = State::handle;
            return LineVerdict::understood;
        }
        if (std::uint64_t v = 0; attempt.may_start(grammar::handle_pointer_count_starts) &&
                                 attempt.read(grammar::handle_pointer_count(), v)) {
            e->pointer_count = v;
            m_state = State::handle;
            return LineVerdict::understood;
        }
        if (std::string name;
            attempt.may_start(grammar::handle_name_starts) && attempt.read(grammar::handle_name(), name)) {
            name = trimmed(name);
            e->name = name == "<none>" ? std::string() : name;
            m_state = State::handle;
            return LineVerdict::understood;
        }
        if (std::string what; attempt.may_start(grammar::handle_object_info_starts) &&
                              attempt.read(grammar::handle_object_info(), what)) {
            m_state = State::object_info;
            return LineVerdict::understood;
        }
        return std::nullopt;
    }

    // Kernel !handle: the PROCESS header the table rows belong to. Its record stays with the
    // `!process` blocks; here it only names the handle table. Each rule is tried only on a
    // line its first word can start (the kernel table's rows are most of such a block).
    std::optional<LineVerdict> process_line(LineAttempts& attempt, BlockContext& ctx) {
        if (grammar::ast::process_header row; attempt.may_start(grammar::process_header_starts) &&
                                                   attempt.read(grammar::process_header(), row)) {
            m_process = model::Process{};
            m_process.address = row.address;
            if (row.ids) {
                m_process.cid = row.ids->cid;
            }
            m_kernel.on_process();
            m_state = State::none;
            return LineVerdict::understood;
        }
        if (grammar::ast::process_ids row; attempt.may_start(grammar::process_ids_starts) &&
                                                attempt.read(grammar::process_ids(), row)) {
            m_process.cid = row.cid;
            m_kernel.on_process();
            return LineVerdict::understood;
        }
        if (grammar::ast::process_tables row; attempt.may_start(grammar::process_tables_starts) &&
                                                   attempt.read(grammar::process_tables(), row)) {
            return LineVerdict::understood;
        }
        if (std::string image; attempt.may_start(grammar::process_image_starts) &&
                                    attempt.read(grammar::process_image(), image)) {
            m_process.image = trimmed(image);
            m_kernel.on_process();
            return LineVerdict::understood;
        }
        (void)ctx;
        return std::nullopt;
    }

    State m_state = State::none;
    std::optional<std::size_t> m_summary;
    model::Process m_process;
    KernelHandleLines m_kernel;
};

// "!handle", "!handle 0 f Event", "!handle 274 ff Event"; MEX "!mex.grep -A 6 .etl !handle 0 3 0 File"
bool is_handle_command(std::string_view command) {
    command = without_bold(command);
    if (starts_with_word(command, "!handle")) {
        return true;
    }
    return starts_with_word(command, "!mex.grep") && command.find("!handle") != std::string_view::npos;
}

// The header grammars, apart from is_handle_header's gate (and not inlined there) so that the
// gate's many early answers do not pay to set up the grammars' stack frame.
[[gnu::noinline]] bool reads_handle_header(std::string_view line) {
    // Literal prefilter: every header this accepts names one of these words.
    if (!text::contains_any(line, {"Handles", "Type"})) {
        return false;
    }
    std::uint64_t total = 0;
    boost::spirit::x3::unused_type none;
    return matches(line, grammar::handle_total(), total) ||
           matches(line, grammar::handle_type_header(), none);
}

// "273020 Handles" and "Type Count" only start a prompt-less block.
bool is_handle_header(std::string_view line) {
    // Both headers are read whole and end with a word: "N Handles", "Type Count". Most lines
    // the reader asks (digit-led rows, "Type  File" fields) end otherwise and stop here.
    return text::ends_with_any(line, {"Handles", "Count"}) && reads_handle_header(line);
}

} // namespace

CommandSpec handle_spec() {
    CommandSpec spec{"handle", is_handle_command, is_handle_header,
            [](std::string_view) { return std::string("handle"); }, model::Target::user,
            []() -> std::unique_ptr<BlockParser> { return std::make_unique<HandleParser>(); }};
    // No header_words: is_handle_header's test of the line's last word costs less than the
    // reader's ByteMask of the whole line (digit-led lines, many, may start the total).
    spec.header_firsts = std::string(grammar::handle_total_starts) + std::string(grammar::handle_type_header_starts);
    spec.header_after_number = std::string(grammar::handle_total_after_number);  // "Type Count" has no digits
    spec.quotes_other_headers = true;  // the PROCESS header of a kernel handle table
    return spec;
}

} // namespace dbgsift::parse
