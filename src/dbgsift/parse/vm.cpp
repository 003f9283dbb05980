// SPDX-License-Identifier: MIT
// `!vm` blocks -> model::VmStats: counters, page files, banners, `!vm 4` sessions and the
// per-process commit list. Each line goes to the first grammar rule that reads all of it.
#include "commands.hpp"

#include "line_attempts.hpp"
#include "../../../grammars/vm/vm.hpp"
#include "../text/contains.hpp"
#include "../text/trim.hpp"

namespace dbgsift::parse {
namespace {

namespace g = grammar;
using Marker = g::ast::vm_marker_kind;

// "PagedPool  0 " -> "PagedPool 0": trim, and one blank between words (names print padded).
// A word at a time, into room for all of it: a byte at a time grew the string byte by byte.
std::string tidy(std::string_view name) {
    if (g::one_blank_between_words(name)) {
        return std::string(name);  // tidy already, as most names print
    }
    std::string out;
    out.reserve(name.size());
    std::size_t i = 0;
    while (true) {
        while (i < name.size() && text::is_blank_byte(name[i])) {
            ++i;
        }
        if (i == name.size()) {
            return out;
        }
        std::size_t const word = i;
        while (i < name.size() && !text::is_blank_byte(name[i])) {
            ++i;
        }
        if (!out.empty()) {
            out += ' ';
        }
        out.append(name.data() + word, i - word);
    }
}

// A counter's name, tidy: a known counter's is its key (what tidy makes of any spelling the
// grammar found it by), copied whole instead of rebuilt word by word; another's is copied as it
// is when the grammar found it tidy already (`is_tidy`), else rebuilt.
std::string name_of(model::VmCounterId id, std::string_view name, bool is_tidy) {
    if (id != model::VmCounterId::other) {
        return std::string(model::to_string(id));
    }
    return is_tidy ? std::string(name) : tidy(name);
}

std::optional<std::uint64_t> typed_flags(std::string_view command, bool& is_vm) {
    std::optional<std::uint64_t> flags;
    is_vm = matches(command, g::vm_command(), flags);
    return flags;
}

bool is_vm_command(std::string_view command) {
    bool is_vm = false;
    typed_flags(command, is_vm);
    return is_vm;
}

// "virtual" in any case: the title's words are matched without case. Each place it may start
// (a 'v' or a 'V') is found by a search, where a compare at every byte ran through the whole of
// every line led by stars ("*** WARNING: Unable to verify ...").
bool contains_virtual(std::string_view line) {
    constexpr std::string_view word = "virtual";
    for (char const first : {'v', 'V'}) {
        for (std::size_t i = line.find(first); i != std::string_view::npos; i = line.find(first, i + 1)) {
            if (line.size() - i < word.size()) {
                break;
            }
            std::size_t k = 1;
            while (k < word.size() && (line[i + k] | 0x20) == word[k]) {
                ++k;
            }
            if (k == word.size()) {
                return true;
            }
        }
    }
    return false;
}

// Lines that only `!vm` prints, for pastes without a prompt.
bool is_vm_header(std::string_view line) {
    // Every header this accepts starts, after its blanks, with the first word of the rule that
    // reads it: the title's stars ('*', or "\\*" escaped), "Terminal" (the sessions title),
    // "Physical" (the Physical Memory counter), "Page" ("Page File:"). Asked first: the reader
    // lets through lines that hold those words' bytes anywhere, on which the searches below
    // cost more than this.
    if (!text::starts_with_any(line, {"*", "\\", "Terminal", "Physical", "Page"})) {
        return false;
    }
    // Literal prefilter: every header this accepts names one of these words
    // (the title's stars and "Virtual", the sessions title, "Physical Memory", "Page File").
    // A line with stars but no "Virtual" (a banner, a rule of stars) can be no title.
    bool const title = (text::contains_any(line, {"*"}) && contains_virtual(line)) ||
                       text::contains_any(line, {"Terminal"});
    bool const physical = text::contains_any(line, {"Physical"});
    bool const named_file = text::contains_any(line, {"Page"}) && text::contains_any(line, {"File"});
    if (!title && !physical && !named_file) {
        return false;
    }
    auto kind = Marker::title;
    if (matches(line, g::vm_marker(), kind)) {
        return kind == Marker::title || kind == Marker::sessions;
    }
    g::ast::vm_counter counter;
    if (matches(line, g::vm_counter(), counter)) {
        return counter.id == model::VmCounterId::physical_memory;
    }
    // corpus/vm/001.txt starts at "Page File: \??\C:\pagefile.sys" (no title, no prompt).
    g::ast::vm_page_file page_file;
    return matches(line, g::vm_page_file(), page_file) && page_file.named &&
           !tidy(page_file.path).empty();
}

// `!vm 4` (flag 4: sessions) fills its own slot, so `!vm` followed by `!vm 4` describe one
// moment: seed002-session.log reads the pools first, then the sessions.
std::string vm_slot(std::string_view command) {
    bool is_vm = false;
    auto const flags = typed_flags(command, is_vm);
    if (is_vm) {
        return flags && (*flags & 4U) != 0 ? "vm-sessions" : "vm";
    }
    auto kind = Marker::title;
    if (matches(command, g::vm_marker(), kind) && kind == Marker::sessions) {
        return "vm-sessions";  // a prompt-less paste that starts at the sessions title
    }
    return "vm";
}

model::VmWarningKind warning_kind(g::ast::banner_kind kind) {
    using Banner = g::ast::banner_kind;
    switch (kind) {
    case Banner::excessive_nonpaged: return model::VmWarningKind::excessive_nonpaged;
    case Banner::excessive_paged: return model::VmWarningKind::excessive_paged;
    case Banner::commit_near_limit: return model::VmWarningKind::commit_near_limit;
    case Banner::failed_allocations: return model::VmWarningKind::failed_allocations;
    case Banner::stack_pte_failures: return model::VmWarningKind::stack_pte_failures;
    case Banner::stack_growth_failures: return model::VmWarningKind::stack_growth_failures;
    case Banner::commit_failures: return model::VmWarningKind::commit_failures;
    default: return model::VmWarningKind::other;
    }
}

// The bytes a row's first word can start with (after blanks). A rule is tried only on a line
// that starts with one of them: any other line it would refuse at its first word, leaving no
// diagnostic (LineAttempts::lead), and most lines of a !vm block are counters that every rule
// before vm_counter would otherwise be tried on. A line that passes is then asked for the
// rule's first words (grammar::vm_*_may_start): many counters share a rule's first byte
// ("PagedPool Usage", "NonPagedPool Max", "Commit limit"); the byte test alone is cheaper for
// the rest. Each set is a byte table, asked through LineAttempts::led_by: one load a rule, where
// may_start looped over the set's bytes on every line.
constexpr text::ByteTable k_banner_starts = text::bytes_of("*\\");     // its stars
constexpr text::ByteTable k_session_starts = text::bytes_of("S");       // "Session ID", "Session Paged Pool..."
constexpr text::ByteTable k_usage_starts = text::bytes_of("PpNnCc");    // Paged, NonPaged, Commit (any case)
constexpr text::ByteTable k_page_file_starts = text::bytes_of("PN");    // "Page File:", "Paging File", "No Name"
constexpr text::ByteTable k_file_sizes_starts = text::bytes_of("CM");   // "Current:", "Minimum:"

class VmParser final : public BlockParser {
public:
    LineVerdict line(text::Line const& line, BlockContext& ctx) override {
        std::string_view const text = line.text;
        std::uint32_t const n = line.number;
        model::Loc const loc = ctx.loc(n);
        if (!m_started) {
            m_started = true;
            m_vm.loc = loc;
            // Room for a block's counters at its first line: grown from one, the list moved
            // every counter it held at 1, 2, 4, 8, 16 and 32 (!vm prints thirty to sixty).
            m_vm.counters.reserve(k_first_counters);
        }
        LineAttempts attempt(line, ctx);
        // What the gates look at: the line after its blanks, as the reader measured them.
        std::string_view const rest = text.substr(attempt.indent());

        auto marker = Marker::title;
        if (g::vm_marker_may_start(rest) && attempt.read(g::vm_marker(), marker)) {
            return on_marker(marker, loc);
        }
        if (m_in_thread_stacks) {
            return LineVerdict::ignored;  // flag 2 prints thread stacks: another command's grammar
        }
        if (g::ast::vm_banner banner;
            attempt.led_by(k_banner_starts) && attempt.read(g::vm_banner(), banner)) {
            on_banner(banner, loc);
            return LineVerdict::understood;
        }
        if (g::ast::vm_session_limit lim;
            attempt.led_by(k_session_starts) && g::vm_session_may_start(rest) &&
            attempt.read(g::vm_session_limit(), lim)) {
            auto& slot = lim.kind == g::ast::session_limit_kind::paged_pool ? m_vm.session_paged_pool_max_kb : m_vm.session_view_space_max_kb;
            slot = model::Sourced<std::uint64_t>{lim.kb, loc};
            return LineVerdict::understood;
        }
        if (g::ast::vm_session_header h;
            attempt.led_by(k_session_starts) && g::vm_session_may_start(rest) &&
            attempt.read(g::vm_session_header(), h)) {
            model::SessionPool session;
            session.id = h.id;
            session.loc = loc;
            m_vm.sessions.push_back(session);
            m_in_summary = false;
            return LineVerdict::understood;
        }
        if (g::ast::vm_session_usage u;
            attempt.led_by(k_usage_starts) && g::vm_session_usage_may_start(rest) &&
            attempt.read(g::vm_session_usage(), u)) {
            return on_session_usage(u, loc, ctx);
        }
        if (g::ast::vm_page_file pf;
            attempt.led_by(k_page_file_starts) && g::vm_page_file_may_start(rest) &&
            attempt.read(g::vm_page_file(), pf)) {
            model::PageFile page_file;
            page_file.path = tidy(pf.path);
            page_file.named = pf.named;
            page_file.loc = loc;
            m_vm.page_files.push_back(page_file);
            return LineVerdict::understood;
        }
        if (g::ast::vm_page_file_sizes sz;
            attempt.led_by(k_file_sizes_starts) && g::vm_page_file_sizes_may_start(rest) &&
            attempt.read(g::vm_page_file_sizes(), sz)) {
            on_page_file_sizes(sz, loc);
            return LineVerdict::understood;
        }
        bool const may_be_process_row = g::vm_process_row_may_start(rest);  // at its pid, in hex
        if (g::ast::vm_process_kb p; may_be_process_row && attempt.read(g::vm_process_kb(), p)) {
            model::VmProcessCommit row;
            row.pid = p.pid;
            row.image = tidy(p.image);
            row.commit_kb = p.commit_kb;
            row.shared_commit_kb = p.shared_commit_kb;
            row.debt_kb = p.debt_kb;
            row.loc = loc;
            m_vm.process_commits.push_back(row);
            return LineVerdict::understood;
        }
        if (g::ast::vm_process_pages p;
            may_be_process_row && attempt.read(g::vm_process_pages(), p)) {
            model::VmProcessCommit row;
            row.pid = p.pid;
            row.image = tidy(p.image);
            row.commit_kb = p.kb;
            row.commit_pages = p.pages;
            row.loc = loc;
            m_vm.process_commits.push_back(row);
            return LineVerdict::understood;
        }
        if (g::ast::vm_bare_counter b; text.find(g::vm_bare_counter_never) == std::string_view::npos &&
                                       attempt.read(g::vm_bare_counter(), b)) {
            // "Syspart SharedCommit 0": one number and no "( Kb)"; kept as pages, Kb unknown.
            m_vm.counters.push_back({name_of(b.id, g::view(b.name), b.name_tidy), b.value, 0, loc, false, b.id});
            return LineVerdict::understood;
        }
        if (g::ast::vm_counter c; attempt.read(g::vm_counter(), c)) {
            m_vm.counters.push_back({name_of(c.id, g::view(c.name), c.name_tidy), c.pages, c.kb, loc, true, c.id});
            return LineVerdict::understood;
        }
        auto const first = text.find_first_not_of(" \t");
        auto const column = static_cast<std::uint32_t>(first == std::string_view::npos ? 0 : first);
        return attempt.give_up(line.truncated ? "line too long for a !vm row (cut by the reader)"
                                              : "not a !vm row: expected 'Name: pages ( Kb)', a page file, a "
                                                "banner, a session or a process commit row",
                               column);
    }

    void finish(BlockContext& ctx) override {
        if (!m_started) {
            return;
        }
        auto& target = ctx.snapshot.vm;
        if (!target) {
            ctx.keep_list(m_vm.counters);  // room was made for k_first_counters
            target = std::move(m_vm);
            return;
        }
        merge_into(*target);
    }

private:
    LineVerdict on_marker(Marker marker, model::Loc loc) {
        m_in_thread_stacks = marker == Marker::thread_stacks;
        if (marker == Marker::session_summary) {
            m_in_summary = true;
            m_vm.session_summary = model::SessionPool{};
            m_vm.session_summary->loc = loc;
        }
        return marker == Marker::debugger_error ? LineVerdict::understood
                                                            : LineVerdict::ignored;
    }

    void on_banner(g::ast::vm_banner const& banner, model::Loc loc) {
        std::string text = tidy(banner.text);
        if (banner.kind == g::ast::banner_kind::session_failures && banner.count && !m_vm.sessions.empty() && !m_in_summary) {
            // "*** 7837 Pool Allocation Failures ***" belongs to the session block above it.
            auto& session = m_vm.sessions.back();
            session.failures = *banner.count;
            session.failures_loc = loc;
            return;
        }
        if (banner.count) {
            text = std::to_string(*banner.count) + " " + text;
        }
        m_vm.warnings.push_back(text);
        m_vm.warning_locs.push_back(loc);
        m_vm.warning_kinds.push_back(warning_kind(banner.kind));
        if (banner.kind == g::ast::banner_kind::failed_allocations && banner.count && !m_vm.failed_allocations) {
            m_vm.failed_allocations = model::Sourced<std::uint64_t>{*banner.count, loc};
        }
        auto* counter = banner.kind == g::ast::banner_kind::stack_pte_failures   ? &m_vm.stack_pte_failures
                        : banner.kind == g::ast::banner_kind::stack_growth_failures ? &m_vm.stack_growth_failures
                        : banner.kind == g::ast::banner_kind::commit_failures ? &m_vm.commit_failures
                                             : nullptr;
        if (counter != nullptr && banner.count && !*counter) {
            *counter = model::Sourced<std::uint64_t>{*banner.count, loc};
        }
    }

    LineVerdict on_session_usage(g::ast::vm_session_usage const& u, model::Loc loc,
                                 BlockContext& ctx) {
        model::SessionPool* session = nullptr;
        if (m_in_summary && m_vm.session_summary) {
            session = &*m_vm.session_summary;
        } else if (!m_vm.sessions.empty()) {
            session = &m_vm.sessions.back();
        }
        if (session == nullptr) {
            ctx.diagnose(loc.line, 0, "session usage row before any 'Session ID N @ address:' line");
            return LineVerdict::not_understood;
        }
        switch (u.kind) {
        case g::ast::session_usage_kind::paged_pool:
            session->paged_pool_kb = u.kb;
            session->paged_pool_loc = loc;
            break;
        case g::ast::session_usage_kind::nonpaged: session->nonpaged_kb = u.kb; break;
        default:
            session->commit_kb = u.kb;
            session->commit_loc = loc;
            break;
        }
        return LineVerdict::understood;
    }

    void on_page_file_sizes(g::ast::vm_page_file_sizes const& sz, model::Loc loc) {
        if (m_vm.page_files.empty()) {
            // Sizes whose "Page File:" line was cut off by the paste: keep them, unnamed.
            model::PageFile page_file;
            page_file.named = false;
            page_file.loc = loc;
            m_vm.page_files.push_back(page_file);
        }
        auto& page_file = m_vm.page_files.back();
        if (sz.kind == g::ast::page_file_sizes_kind::current_and_free) {
            page_file.current_kb = sz.first_kb;
            page_file.free_kb = sz.second_kb;
        } else {
            page_file.minimum_kb = sz.first_kb;
            page_file.maximum_kb = sz.second_kb;
        }
    }

    // A second block for the same moment (`!vm 4` after `!vm`): its sessions are new, its
    // counters repeat what the first block printed and are kept only where the first had none.
    void merge_into(model::VmStats& into) {
        bool const had_counters = !into.counters.empty();
        if (!had_counters) {
            into.counters = std::move(m_vm.counters);
            into.page_files = std::move(m_vm.page_files);
            into.process_commits = std::move(m_vm.process_commits);
            for (std::size_t i = 0; i < m_vm.warnings.size(); ++i) {
                into.warnings.push_back(m_vm.warnings[i]);
                into.warning_locs.push_back(m_vm.warning_locs[i]);
                into.warning_kinds.push_back(m_vm.warning_kinds[i]);
            }
        }
        if (!into.failed_allocations) {
            into.failed_allocations = m_vm.failed_allocations;
        }
        if (!into.session_paged_pool_max_kb) {
            into.session_paged_pool_max_kb = m_vm.session_paged_pool_max_kb;
        }
        if (!into.session_view_space_max_kb) {
            into.session_view_space_max_kb = m_vm.session_view_space_max_kb;
        }
        for (auto& session : m_vm.sessions) {
            into.sessions.push_back(std::move(session));
        }
        if (!into.session_summary) {
            into.session_summary = std::move(m_vm.session_summary);
        }
    }

    static constexpr std::size_t k_first_counters = 64;  // line(): the room counters start with

    model::VmStats m_vm;
    bool m_started = false;
    bool m_in_summary = false;
    bool m_in_thread_stacks = false;
};

} // namespace

CommandSpec vm_spec() {
    CommandSpec spec{"vm", &is_vm_command, &is_vm_header, &vm_slot, model::Target::kernel,
            []() -> std::unique_ptr<BlockParser> { return std::make_unique<VmParser>(); }};
    // What is_vm_header looks for first: the title's stars and "Virtual" in any case (a 'v' or
    // 'V'; a line of stars alone, or a symbol warning's, is no title), and its other words.
    spec.header_words = {"*v", "*V", "Terminal", "Physical", "Page"};
    spec.header_firsts = "*\\TP";  // the title's stars (maybe "\\*"), Terminal, Physical Memory, Page File
    return spec;
}

} // namespace dbgsift::parse
