// SPDX-License-Identifier: MIT
// `!process 0 0` (and 0 1 / 0 2 / 0 7, `!sprocess`): one model::Process per PROCESS header,
// filled from the lines that follow it. Thread detail (wait objects, stacks) is counted, not
// modelled; kernel handle-table rows met here (a prompt-less `!handle 0 3` paste starts at its
// PROCESS line) go to the snapshot's handle tables.
#include "../../../grammars/process/process.hpp"
#include "commands.hpp"
#include "kernel_handles.hpp"
#include "../text/contains.hpp"

#include <cctype>

namespace dbgsift::parse {
namespace {

namespace ast = grammar::ast;

constexpr std::size_t k_typical_process_count = 256;
constexpr std::uint64_t k_page_kb = 4;  // CommitCharge and working sets are printed in pages

class ProcessParser final : public BlockParser {
public:
    LineVerdict line(text::Line const& line, BlockContext& ctx) override {
        LineAttempts attempt(line, ctx);
        // Rules are skipped by the line's first byte (LineAttempts::lead): most lines of a
        // `!process 0 0` are not PROCESS lines, and a rule tried for nothing costs as much
        // as reading the line.
        if (attempt.may_start(grammar::process_header_starts)) {
            if (ast::process_header row; attempt.read(grammar::process_header(), row)) {
                start_process(row, ctx, line.number);
                return LineVerdict::understood;
            }
        }
        auto* p = current(ctx);
        if (p != nullptr && !m_in_threads) {
            if (auto verdict = process_row(attempt, *p, ctx)) {
                return *verdict;
            }
        }
        if (std::uint64_t thread = 0;
            p != nullptr && attempt.may_start("T") && attempt.read(grammar::thread_line(), thread)) {
            auto& threads = p->detail.fill().thread_count;
            threads = threads.value_or(0) + 1;
            m_in_threads = true;
            return LineVerdict::understood;
        }
        if (m_kernel.line(attempt, ctx, p)) {
            m_in_threads = false;
            return LineVerdict::understood;
        }
        if (std::string what; attempt.read(grammar::process_unmodelled(), what)) {
            return LineVerdict::ignored;
        }
        if (m_in_threads) {
            // Wait objects, "Not impersonating", stack frames: detail of the thread above.
            return LineVerdict::ignored;
        }
        return attempt.give_up("not a !process row");
    }

private:
    model::Process* current(BlockContext& ctx) {
        auto& all = ctx.snapshot.processes;
        return m_index && *m_index < all.size() ? &all[*m_index] : nullptr;
    }

    void start_process(ast::process_header const& row, BlockContext& ctx, std::uint32_t line) {
        if (ctx.snapshot.processes.empty()) {
            // A list holds one to a few hundred processes: room for a typical one up front spares
            // moving every Process at each doubling (the reader gives back what stays unused
            // when the block closes).
            ctx.snapshot.processes.reserve(k_typical_process_count);
        }
        // Filled where it stays: a Process built aside and moved in cost a move of its four
        // strings and every optional, on each of a list's processes (issue 14).
        auto& p = ctx.snapshot.processes.emplace_back();
        p.address = row.address;
        if (row.ids) {
            take_ids(*row.ids, p);
        }
        p.loc = ctx.loc(line);
        m_index = ctx.snapshot.processes.size() - 1;
        m_in_threads = false;
        m_kernel.on_process();
    }

    static void take_ids(ast::process_ids const& ids, model::Process& p) {
        p.session_id = ids.session_id;
        p.cid = ids.cid;
        p.peb = ids.peb;
        p.parent_cid = ids.parent_cid;
    }

    // The rows that describe the process itself, from 0 0 up to 0 7. Each rule is tried only
    // on a line starting with a byte its first word can start with (see LineAttempts::lead):
    // one branch on that byte, where a gate a rule asked it of every line again (issue 14).
    // A line its rule does not read goes on to the detail rows, as when each rule was tried.
    std::optional<LineVerdict> process_row(LineAttempts& attempt, model::Process& p, BlockContext& ctx) {
        static_assert(grammar::process_ids_starts == "SsC" && grammar::process_tables_starts == "D" &&
                      grammar::process_image_starts == "I");
        switch (attempt.lead()) {
        case 'S': case 's': case 'C':  // "SessionId:" (any case) or "Cid:"
            if (read_ids(attempt, p)) {
                return LineVerdict::understood;
            }
            break;
        case 'D':
            if (read_tables(attempt, p, ctx)) {
                return LineVerdict::understood;
            }
            break;
        case 'I':
            if (read_image(attempt, p, ctx)) {
                return LineVerdict::understood;
            }
            break;
        default: break;
        }
        return detail_row(attempt, p, ctx);
    }

    bool read_ids(LineAttempts& attempt, model::Process& p) {
        ast::process_ids row;
        if (!attempt.read(grammar::process_ids(), row)) {
            return false;
        }
        take_ids(row, p);
        m_kernel.on_process();
        return true;
    }

    static bool read_tables(LineAttempts& attempt, model::Process& p, BlockContext& ctx) {
        ast::process_tables row;
        if (!attempt.read(grammar::process_tables(), row)) {
            return false;
        }
        p.dir_base = row.dir_base;
        p.object_table = row.object_table;
        if (row.handle_count) {
            p.handle_count = model::Sourced<std::uint64_t>{*row.handle_count, ctx.loc(attempt.line().number)};
        }
        return true;
    }

    bool read_image(LineAttempts& attempt, model::Process& p, BlockContext& ctx) {
        grammar::text_range image;
        if (!attempt.read(grammar::process_image(), image)) {
            return false;
        }
        p.image = text::trim(grammar::view(image));  // the one copy of the name
        p.image_loc = ctx.loc(attempt.line().number);
        m_kernel.on_process();
        return true;
    }

    // The rows of `!process 0 7` beyond the ids, tables and image that every list prints: few
    // lines of the usual `0 0` list reach here, so their rows' attributes are built in a frame
    // of their own, not in process_row's on every line (issue 14).
    [[gnu::noinline]] std::optional<LineVerdict> detail_row(LineAttempts& attempt, model::Process& p,
                                                            BlockContext& ctx) {
        auto const number = attempt.line().number;
        if (ast::process_vad row; attempt.may_start("V") && attempt.read(grammar::process_vad(), row)) {
            auto& d = p.detail.fill();  // a detail row: the process has detail now
            d.vad_root = row.vad_root;
            d.private_pages = row.private_pages;
            return LineVerdict::understood;
        }
        if (ast::process_time row;  // ElapsedTime, UserTime, KernelTime
            attempt.may_start("EUK") && attempt.read(grammar::process_time(), row)) {
            auto& d = p.detail.fill();
            switch (row.kind) {
            case ast::process_time_kind::elapsed: d.elapsed_time = row.text; break;
            case ast::process_time_kind::user: d.user_time = row.text; break;
            case ast::process_time_kind::kernel: d.kernel_time = row.text; break;
            }
            return LineVerdict::understood;
        }
        if (ast::process_quota row; attempt.may_start("Q") && attempt.read(grammar::process_quota(), row)) {
            auto& d = p.detail.fill();
            (row.pool == ast::quota_pool::paged ? d.paged_pool_quota_bytes
                                                : d.nonpaged_pool_quota_bytes) = row.bytes;
            return LineVerdict::understood;
        }
        if (ast::process_working_set row;
            attempt.may_start("W") && attempt.read(grammar::process_working_set(), row)) {
            auto& d = p.detail.fill();
            d.working_set_kb = row.now_kb ? *row.now_kb : row.now_pages * k_page_kb;
            return LineVerdict::understood;
        }
        if (ast::process_size row;  // VirtualSize, PeakVirtualSize
            attempt.may_start("VP") && attempt.read(grammar::process_size(), row)) {
            auto& d = p.detail.fill();
            (row.kind == ast::process_size_kind::virtual_size ? d.virtual_size_kb
                                                               : d.peak_virtual_size_kb) = row.mb * 1024;
            return LineVerdict::understood;
        }
        if (ast::process_counter row;  // PeakWorkingSetSize, PageFaultCount, BasePriority, CommitCharge
            attempt.may_start("PBC") && attempt.read(grammar::process_counter(), row)) {
            switch (row.kind) {
            case ast::process_counter_kind::peak_working_set: p.detail.fill().peak_working_set_pages = row.value; break;
            case ast::process_counter_kind::page_faults: p.detail.fill().page_faults = row.value; break;
            case ast::process_counter_kind::base_priority: p.detail.fill().base_priority = row.value; break;
            case ast::process_counter_kind::commit_charge:
                p.commit_charge_kb = model::Sourced<std::uint64_t>{row.value * k_page_kb, ctx.loc(number)};
                break;
            }
            return LineVerdict::understood;
        }
        return std::nullopt;
    }

    std::optional<std::size_t> m_index;  // into ctx.snapshot.processes
    bool m_in_threads = false;
    KernelHandleLines m_kernel;
};

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

// "!process 0 0", "!process 0 1 winlogon.exe", "!sprocess 3"; not "!processfields".
bool is_process_command(std::string_view command) {
    command = without_bold(command);
    return starts_with_word(command, "!process") || starts_with_word(command, "!sprocess");
}

// A PROCESS line (with or without its ids) or the "**** NT ACTIVE PROCESS DUMP ****" banner.
bool is_process_header(std::string_view line) {
    // Literal prefilter: every header this accepts names one of these words.
    // (the PROCESS line, and "**** NT ACTIVE PROCESS DUMP ****").
    if (!text::contains_any(line, {"PROCESS"})) {
        return false;
    }
    ast::process_header header;
    if (matches(line, grammar::process_header(), header)) {
        return true;
    }
    std::string what;
    return matches(line, grammar::process_unmodelled(), what) &&
           what.starts_with("****");
}

} // namespace

CommandSpec process_spec() {
    CommandSpec spec{"process", is_process_command, is_process_header,
            [](std::string_view) { return std::string("process"); }, model::Target::kernel,
            []() -> std::unique_ptr<BlockParser> { return std::make_unique<ProcessParser>(); }};
    spec.header_words = {"PROCESS"};  // what is_process_header looks for first
    spec.header_firsts = "P*";  // PROCESS, "**** NT ACTIVE PROCESS DUMP ****"
    return spec;
}

} // namespace dbgsift::parse
