// SPDX-License-Identifier: MIT
#include "reader.hpp"

#include "../../../grammars/prompt/prompt.hpp"
#include "../parse/block_parser.hpp"
#include "../parse/line_attempts.hpp"
#include "../text/undress.hpp"
#include "header_probes.hpp"
#include "prompt_gate.hpp"
#include "prose.hpp"
#include "session_time.hpp"
#include "snapshot_book.hpp"
#include "../text/ascii.hpp"
#include "../text/trim.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <unordered_map>
#include <utility>

namespace dbgsift::segment {
namespace {

using text::trim;

// `Machine Name:"HOST-01"` -> HOST-01. The debugger quotes the name, or prints nothing.
std::string machine_name(std::string_view text) {
    auto name = trim(text);
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
        name = trim(name.substr(1, name.size() - 2));
    }
    return std::string(name);
}

// "**!vm**" in a blog becomes "!vm".
std::string clean_command(std::string_view command) {
    command = trim(command);
    while (command.starts_with("**")) {
        command = trim(command.substr(2));
    }
    while (command.ends_with("**")) {
        command = trim(command.substr(0, command.size() - 2));
    }
    return std::string(command);
}

// A command text's spec (nullptr: a command dbgsift does not read) and the snapshot slot its
// block fills.
struct KnownCommand {
    parse::CommandSpec const* spec = nullptr;
    std::string slot;
};

KnownCommand know_command(std::string_view command) {
    for (auto const& spec : parse::command_specs()) {
        if (spec.is_command(command)) {
            return {&spec, spec.slot(command)};
        }
    }
    return {};
}

struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// What each command text met on this thread is: an archive types the same few commands in
// every log, and finding out asks every spec's command grammar in turn (and the slot's).
// Per thread, as inputs are read on several; bounded, for a log of a million distinct ones.
KnownCommand const& known_command(std::string_view command) {
    thread_local std::unordered_map<std::string, KnownCommand, StringHash, std::equal_to<>> known;
    if (auto const it = known.find(command); it != known.end()) {
        return it->second;
    }
    if (known.size() >= 4096) {
        known.clear();
    }
    return known.emplace(std::string(command), know_command(command)).first->second;
}

parse::CommandSpec const* spec_for_command(std::string_view command) {
    return known_command(command).spec;
}

constexpr std::size_t k_max_listed_blocks = 20000;

// Diagnostics are trimmed to the first k_max_kept_diagnostics by line once a quarter more
// have piled up: trimming sorts them, so not on every line past the cap.
constexpr std::size_t k_trim_diagnostics_at = k_max_kept_diagnostics + k_max_kept_diagnostics / 4;

// Byte-level prefilters, so most lines never reach a grammar (see grammars/prompt/prompt_def.hpp).
// Each is a necessary condition of its grammar (which skips leading blanks), never sufficient,
// and is given the line's first byte after its blanks ('\0' for a blank line).

// "Opened log file", "Closing open log file", "Debug session time:", "Microsoft (R) Windows
// Debugger Version", "Windows ... Version": the line starts with one of the rule's literals.
// (A first-letter test let every "CritSec", "Commit" and "DebugInfo" line reach the grammar.)
constexpr bool may_start_session_marker(char first) {
    return first == 'O' || first == 'C' || first == 'D' || first == 'M' || first == 'W';
}
// `indent`: where the line's text starts after its blanks, at `first`. Each opening's second
// byte is compared before the whole: most lines led by these letters ("DirBase", "Commit",
// "MaxEntries") differ there, and the whole compare is a library call.
bool may_be_session_marker(std::string_view line, std::size_t indent, char first) {
    if (!may_start_session_marker(first)) {
        return false;
    }
    auto const text = line.substr(indent);
    for (std::string_view const word : grammar::session_marker_openings) {
        if (word.front() == first && text.size() >= word.size() && text[1] == word[1] && text.starts_with(word)) {
            return true;
        }
    }
    return false;
}

// may_be_prompt, may_start_prompt: prompt_gate.hpp

// Which of the tests Reader::line asks before a block reads the line can pass for a line
// whose first byte after its blanks is the index: one lookup, where
// the four first-byte tests cost some twenty instructions on every line. Built from those
// very tests (a bit is set exactly when its test lets the byte through), which still run
// behind it.
enum FirstByteMay : unsigned char {
    may_elide = 1,     // parse::may_be_elision
    may_mark = 2,      // may_be_session_marker
    may_prompt = 4,    // may_be_prompt
    may_bare = 8,      // a bare command ("!vm" quoted with no prompt)
};

std::array<unsigned char, 256> const k_first_byte_may = [] {
    std::array<unsigned char, 256> may{};
    for (std::size_t b = 0; b < may.size(); ++b) {
        char const c = static_cast<char>(b);
        may[b] = static_cast<unsigned char>(
            (parse::may_be_elision(c) ? may_elide : 0) | (may_start_session_marker(c) ? may_mark : 0) |
            (may_start_prompt(c) ? may_prompt : 0) | (c == '!' ? may_bare : 0));
    }
    return may;
}();

// The session time in seconds, for rates per hour.
std::optional<double> seconds_of(std::string_view text) {
    auto const ms = session_time_utc_ms(text);
    return ms ? std::optional<double>(static_cast<double>(*ms) / 1000.0) : std::nullopt;
}

// Keeps the first k_max_kept_diagnostics diagnostics of `in` by line (ties in the order they
// were made) and counts the rest. Calling it again as more arrive keeps the same ones a single
// call at the end would: what it drops is never among the first by line.
void keep_first_diagnostics(model::Input& in) {
    auto& diags = in.diagnostics;
    auto const by_line = [](model::Diagnostic const& a, model::Diagnostic const& b) { return a.line < b.line; };
    // Most inputs' diagnostics come in line order already, and a stable sort leaves those as
    // they are: told so in one pass, without the sort's buffer and its moves of every string
    // (some 6,000 instructions an input, issue 14).
    if (!std::is_sorted(diags.begin(), diags.end(), by_line)) {
        std::stable_sort(diags.begin(), diags.end(), by_line);
    }
    if (diags.size() > k_max_kept_diagnostics) {
        in.diagnostics_omitted += diags.size() - k_max_kept_diagnostics;
        diags.resize(k_max_kept_diagnostics);
    }
}

// A list holding room for over an eighth more than its size (up to half when it grew by
// doubling, most of it when a parser reserved a typical count) is worth shrinking.
template <typename List>
bool worth_shrinking(List const& v) {
    return v.capacity() - v.size() > v.size() / 8;
}

// The bytes shrink_to_fit would give back: what worth_shrinking's lists hold past their size.
// Asked of every list of the snapshot at each block's close, so asked in bytes, from the
// list's three pointers (capacity - size > size / 8 holds exactly when 8 * spare > used): the
// element counts cost a division by each element type's size.
std::size_t spare_bytes(model::Snapshot const& s) {
    std::size_t bytes = 0;
    s.for_each_list([&bytes](auto const& v) {
        auto const bytes_to = [&v](std::size_t n) {  // from the list's start to its n-th place
            return static_cast<std::size_t>(reinterpret_cast<char const*>(v.data() + n) -
                                            reinterpret_cast<char const*>(v.data()));
        };
        auto const used = bytes_to(v.size());
        auto const room = bytes_to(v.capacity());
        if (8 * (room - used) > used) {
            bytes += room - used;
        }
    });
    return bytes;
}

// The bytes all of the snapshot's lists hold, asked only when it is about to be shrunk.
std::size_t used_bytes(model::Snapshot const& s) {
    std::size_t bytes = 0;
    s.for_each_list([&bytes](auto const& v) { bytes += v.size() * sizeof(*v.data()); });
    return bytes;
}

// Gives back what the vectors of a kept snapshot reserved past their size: up to
// k_max_snapshots of them stay until the report.
void shrink_to_fit(model::Snapshot& s) {
    s.for_each_list([](auto& v) {
        if (worth_shrinking(v)) {
            v.shrink_to_fit();
        }
    });
}

// The lists parsers fill inside a snapshot's entries (those of BlockContext::keep_list, and
// others grown by doubling), fit to their size by the rule of worth_shrinking: once, when the
// input overflows the snapshot cap and its kept snapshots are filled for good.
template <typename List>
void fit(List& list) {
    if (worth_shrinking(list)) {
        list.shrink_to_fit();
    }
}

void fit_parsers_lists(model::Snapshot& s) {
    for (auto& table : s.pool) {
        fit(table.tags);
    }
    if (s.vm) {
        fit(s.vm->counters);
    }
    for (auto& trace : s.handle_traces) {
        for (auto& entry : trace.entries) {
            fit(entry.stack.frames);
        }
        fit(trace.entries);
    }
    for (auto& stack : s.thread_stacks) {
        fit(stack.stack.frames);
    }
    for (auto& summary : s.address) {
        fit(summary.regions);
        fit(summary.rows);
    }
    for (auto& summary : s.handles) {
        fit(summary.types);
        fit(summary.handles);
    }
    for (auto& summary : s.heaps) {
        fit(summary.heaps);
    }
    for (auto& find : s.pool_finds) {
        fit(find.blocks);
    }
    for (auto& stat : s.heap_stats) {
        fit(stat.rows);
    }
    for (auto& filter : s.heap_filters) {
        fit(filter.entries);
    }
}

// The spare room the kept snapshots of one input may hold before closing blocks give it back.
// Shrinking moves every element of a list into a new one (some 8,000 instructions a shrink in
// an archive of case logs, most of which keep a few snapshots); past this, a transcript of
// hundreds of snapshots shrinks each as before, so its memory stays bounded.
constexpr std::size_t k_spare_bytes_kept = std::size_t{8} << 20;

// A snapshot whose spare room is no more than what it uses (all that doubling leaves; more
// comes from a parser's reserve) is shrunk again only once it holds this many times what it
// held at its last shrink. A list still growing doubles its room at the first push after a
// shrink, so shrinking it at every block's close moved all of it each time: 140,000 one-stack
// `k` blocks (one list of 140,000 stacks) took hours. With the factor, the moves of a list add
// up to at most twice its final size, and a snapshot's spare room stays at most its size.
constexpr std::size_t k_growth_before_next_shrink = 2;

// One input being read: the block open now and where its lines go.
class Reader {
public:
    Reader(model::Case& c, std::uint32_t file)
        : m_case(c), m_in(c.inputs.front()), m_book(c.snapshots), m_file(file) {}

    // `indent`: where the line's text starts after its blanks (text::first_non_blank).
    void line(text::Line const& line, std::size_t indent) {
        m_measured = &line;  // for block_context(): the parsers' LineAttempts walk no blanks again
        m_indent = indent;
        auto& input = m_input();
        input.lines = line.number;
        if (input.diagnostics.size() >= k_trim_diagnostics_at || line.truncated)
            [[unlikely]] {
            note_rare(input, line);
        }
        if (indent >= line.text.size()) {
            return;  // blank: an elision with nothing to tell the open parser (is_elision says so)
        }
        char const first = line.text[indent];
        // Most lines are answered by their first byte, their leading blanks not walked again.
        // A digit-led line may only be a prompt, and most are rows of numbers: the prompt gate
        // turns them away here, without the call (some seventy thousand lines of the archive).
        if (auto const may = k_first_byte_may[static_cast<unsigned char>(first)];
            may != 0 && (may != may_prompt || !text::is_ascii_digit(first) || may_be_prompt(line.text, indent)) &&
            read_outside_blocks(line, indent, first, may)) {
            return;
        }
        // Most lines are rows of the open block: the pending command (none then) is taken only
        // past them, its optional not moved out and reset on every line.
        if (m_rows_first) {
            read_in_block(line, indent);
            return;
        }
        auto const pending = std::exchange(m_pending, std::nullopt);
        // A header opens a block when none is open, or when it is another command's header:
        // pastes often run several outputs together without prompts. (Asked once per line.)
        // Under an open parser, with nothing pending, a header of its own kind changes nothing.
        bool const own_moot = m_parser != nullptr && !pending;
        if (auto const* spec = spec_for_header(m_probes, line.text, indent, own_moot ? m_moot : nullptr)) {
            if (pending && pending->spec == spec) {
                // The header under a bare command says its target ("CritSec" is user mode).
                open_block(std::move(pending->command), pending->line, spec->header_target(line.text), spec);
                feed(line);
                return;
            }
            open_header_block(spec, line);
        } else if (pending) {
            open_block(std::move(pending->command), pending->line, pending->spec->default_target,
                       pending->spec);
        }
        feed(line);
    }

    // Out of line, so the common path of line() saves fewer registers: diagnostics to trim,
    // a line cut at 1 MiB.
    [[gnu::noinline]] void note_rare(model::Input& input, text::Line const& line) {
        if (input.diagnostics.size() >= k_trim_diagnostics_at) {
            keep_first_diagnostics(input);  // between lines: no parser holds an index
        }
        if (line.truncated) {
            input.diagnostics.push_back({line.number, static_cast<std::uint32_t>(text::k_max_line_bytes),
                                         "line longer than 1 MiB; the rest of it was not read"});
        }
    }

    // An elision, a session marker, a prompt or a bare command, asked in that order of a line
    // whose first byte (`first`, after its blanks, at `indent`) `may` start one: true when the
    // line was one.
    bool read_outside_blocks(text::Line const& line, std::size_t indent, char first, unsigned char may) {
        if ((may & may_elide) != 0 && parse::is_elision(line.text)) {
            if (m_parser != nullptr) {  // (blank lines, which tell it nothing, never come here)
                auto& ctx = block_context();
                m_parser->elision(ctx);
            }
            return true;
        }
        // The attributes below hold strings: each is made only for a line its gate lets
        // through (made for every line, they cost a construction and a release each).
        if ((may & may_mark) != 0 && may_be_session_marker(line.text, indent, first)) {
            if (grammar::ast::session_marker marker; parse::matches(line.text, grammar::session_marker(), marker)) {
                on_session_marker(marker);
                return true;
            }
        }
        if ((may & may_prompt) != 0 && may_be_prompt(line.text, indent)) {
            if (grammar::ast::prompt_line prompt; parse::matches(line.text, grammar::prompt_line(), prompt)) {
                m_prompt_target = prompt.target == grammar::ast::prompt_target::user ? model::Target::user : model::Target::kernel;
                open_block(clean_command(prompt.command), line.number, m_prompt_target, nullptr);
                return true;
            }
        }
        return (may & may_bare) != 0 && read_bare_command(line);
    }

    // A line led by '!': a known command quoted with no prompt opens its block, as does one
    // dbgsift does not read. False when the line is neither.
    bool read_bare_command(text::Line const& line) {
        std::string bare;
        if (!parse::matches(line.text, grammar::bare_command(), bare)) {
            return false;
        }
        if (auto const* spec = spec_for_command(bare)) {
            on_bare_command(std::string(trim(bare)), line.number, spec);
            return true;
        }
        if (std::string plain; parse::matches(line.text, grammar::bare_plain_command(), plain)) {
            open_block(std::string(trim(plain)), line.number, m_prompt_target, nullptr);
            return true;  // a command dbgsift does not read: its output is not the block's above
        }
        return false;
    }

    void finish() {
        m_measured = nullptr;  // no line is being read: its slot may hold another by now
        if (auto pending = std::exchange(m_pending, std::nullopt)) {
            open_block(std::move(pending->command), pending->line, pending->spec->default_target,
                       pending->spec);
        }
        close_block();
        note_end_line();
        // The notes below cite the last line: they stay last and are never the ones dropped.
        keep_first_diagnostics(m_input());
        if (m_input().diagnostics_omitted > 0) {
            m_input().diagnostics.shrink_to_fit();  // room for the ones dropped goes back
        }
        if (m_unlisted_blocks > 0) {
            m_input().diagnostics.push_back(
                {m_input().lines, 0,
                 std::to_string(m_unlisted_blocks) + " command blocks after the first " +
                     std::to_string(k_max_listed_blocks) + " were read but not listed"});
        }
        if (m_book.overflowed()) {
            m_input().diagnostics.push_back(
                {m_input().lines, 0,
                 "more than " + std::to_string(SnapshotBook::k_max_snapshots) +
                     " snapshots in one input: the later repeats of its commands were read but "
                     "not kept"});
            m_case.snapshots.pop_back();  // the scratch snapshot is always the last one made
        }
    }

private:
    model::Input& m_input() { return m_in; }

    // What the open block's parser writes into: its snapshot, this input's diagnostics. Made
    // where the block opens; each line only tells it the line being read (made anew on every
    // line, its eight fields cost more than the two).
    parse::BlockContext& block_context() {
        m_context->measured = m_measured;
        m_context->indent = m_indent;
        return *m_context;
    }

    void on_session_marker(grammar::ast::session_marker const& marker) {
        switch (marker.kind) {
        case grammar::ast::session_marker_kind::log_opened:
        case grammar::ast::session_marker_kind::debugger_banner:
            close_block();
            m_book.new_session();
            break;
        case grammar::ast::session_marker_kind::session_time:
            m_book.set_time(std::string(trim(marker.text)), seconds_of(trim(marker.text)));
            break;
        case grammar::ast::session_marker_kind::os_version:
            m_book.set_os(std::string(trim(marker.text)));
            break;
        case grammar::ast::session_marker_kind::machine_name:
            m_book.set_machine(machine_name(marker.text));
            break;
        default:
            break;
        }
    }

    // A known command quoted on a line of its own, with no prompt (blogs, wikis): it opens a
    // block as a prompt would, in the target of the last prompt seen, or the one the command
    // tells. Failing both, a command whose header tells the target (a "CritSec" line under
    // !locks is user mode) waits for the next line to tell.
    void on_bare_command(std::string command, std::uint32_t line, parse::CommandSpec const* spec) {
        auto target = m_prompt_target;
        if (target == model::Target::unknown && spec->command_target != nullptr) {
            target = spec->command_target(command);
        }
        if (target != model::Target::unknown) {
            open_block(std::move(command), line, target, spec);
        } else if (spec->header_target != nullptr) {
            close_block();
            m_in_block = false;
            m_pending = PendingCommand{std::move(command), line, spec};
        } else {
            open_block(std::move(command), line, spec->default_target, spec);
        }
    }

    void open_block(std::string command, std::uint32_t line, model::Target target,
                    parse::CommandSpec const* header_spec) {
        close_block();
        m_pending.reset();
        auto const* known = header_spec == nullptr ? &known_command(command) : nullptr;
        auto const* spec = known != nullptr ? known->spec : header_spec;
        // A log of half a million bare prompts must not list them all: count the rest.
        note_end_line();  // of the block before: its BlockInfo is still the last
        m_listed = m_input().blocks.size() < k_max_listed_blocks;
        if (m_listed) {
            // Made in its place: a BlockInfo made aside and moved in cost two string moves and
            // a destruction a block.
            auto& info = m_input().blocks.emplace_back();
            info.command = command;
            info.line = line;
            info.end_line = line;
            info.kind = spec != nullptr ? spec->kind : std::string_view("unknown");
            info.parsed = spec != nullptr;
            if (m_input().blocks.size() == k_max_listed_blocks) {
                // The list is whole: the room its last doubling made past the cap goes back.
                m_input().blocks.shrink_to_fit();
            }
        } else {
            ++m_unlisted_blocks;
        }
        m_end_line = line;
        m_in_block = true;
        m_command = std::move(command);
        m_spec = spec;
        m_target = target;
        if (spec == nullptr) {
            return;
        }
        m_parser = spec->make();
        m_moot = probes_of_kind(m_probes, *spec);
        m_snapshot = m_book.place(target, known != nullptr ? known->slot : spec->slot(m_command),
                                  {m_file, line});
        // (only SnapshotBook::place adds snapshots, so the one filled stays put until the next
        // block opens, and m_command until then too)
        m_context.emplace(parse::BlockContext{m_case.snapshots[m_snapshot], m_input().diagnostics,
                                              m_file, m_command});
        m_context->tight = m_book.overflowed() || m_spare_kept + m_lists_spare_kept > k_spare_bytes_kept;
        m_rows_first = !spec->quotes_other_headers;
    }

    // A header with no parser open, or another command's header under the open one (pastes
    // often run several outputs together without prompts), opens its command's block.
    void open_header_block(parse::CommandSpec const* spec, text::Line const& line) {
        if (m_parser != nullptr && spec->kind == m_spec->kind) {
            return;
        }
        auto target = m_prompt_target != model::Target::unknown ? m_prompt_target : spec->default_target;
        if (m_prompt_target == model::Target::unknown && spec->header_target != nullptr) {
            target = spec->header_target(line.text);
        }
        open_block("", line.number, target, spec);
    }

    // A line under an open parser whose spec does not quote_other_headers (those lines take the
    // header test first, as any line outside a block). One it reads is its command's output, so
    // the header tests, a tenth of all reading (issue 14), are asked only of the lines it does
    // not read; when such a line is another command's header, the
    // parser's no is taken back and the new block reads the line. (A parser keeps nothing of
    // a line it does not read, so its no leaves no trace.)
    // `indent`: where the line's text starts after its blanks.
    void read_in_block(text::Line const& line, std::size_t indent) {
        auto& diags = m_input().diagnostics;
        auto const before = diags.size();
        auto& ctx = block_context();
        auto const verdict = m_parser->line(line, ctx);
        if (verdict != parse::LineVerdict::understood && verdict != parse::LineVerdict::restart) {
            if (auto const* spec = spec_for_header(m_probes, line.text, indent, m_moot); spec != nullptr && spec->kind != m_spec->kind) {
                diags.resize(before);
                open_header_block(spec, line);
                feed(line);
                return;
            }
        }
        m_end_line = line.number;
        settle(line, verdict, before);
    }

    void feed(text::Line const& line) {
        if (!m_in_block) {
            return;  // prose before the first command
        }
        m_end_line = line.number;
        if (m_parser == nullptr) {
            return;
        }
        auto const before = m_input().diagnostics.size();
        auto& ctx = block_context();
        settle(line, m_parser->line(line, ctx), before);
    }

    // Counts what the open parser made of a line (`before`: the diagnostics before it read it).
    // A line read (most of them) or ignored is settled here, folded into the caller (settle was
    // a call on every line); a restart or a line not understood in settle_other.
    void settle(text::Line const& line, parse::LineVerdict verdict, std::size_t before) {
        if (verdict == parse::LineVerdict::understood) {
            ++m_input().lines_understood;
            ++m_input().lines_in_known_blocks;
        } else if (verdict != parse::LineVerdict::ignored) {
            settle_other(line, verdict, before);
        }
    }

    void settle_other(text::Line const& line, parse::LineVerdict verdict, std::size_t before) {
        auto& diags = m_input().diagnostics;
        if (verdict == parse::LineVerdict::restart) {
            // The same command again: a new block, so the next snapshot; its parser reads the line.
            auto const* spec = m_spec;
            open_block(m_command, line.number, m_target, spec);
            feed(line);
            return;
        }
        if (verdict == parse::LineVerdict::not_understood && looks_like_prose(line.text)) {
            diags.resize(before);  // an analyst's sentence, not a debugger line we failed
            verdict = parse::LineVerdict::ignored;
        }
        if (verdict == parse::LineVerdict::not_understood) {
            ++m_input().lines_in_known_blocks;
            if (diags.size() == before) {
                diags.push_back({line.number, 0, "not understood as " + std::string(m_spec->kind) +
                                                     " output"});
            }
        }
    }

    // The open block's last line so far goes into its BlockInfo (when listed) only when the block
    // ends: written there on every line, it cost four loads a line more (issue 14).
    void note_end_line() {
        if (m_listed) {
            m_input().blocks.back().end_line = m_end_line;
        }
    }

    void close_block() {
        if (m_parser != nullptr) {
            auto& ctx = block_context();
            m_parser->finish(ctx);
            m_lists_spare_kept += ctx.spare_kept;
            if (!m_book.is_scratch(m_snapshot)) {
                keep_or_shrink(m_snapshot);
            } else {
                give_back_spare_room();
            }
        }
        m_parser.reset();
        m_context.reset();
        m_rows_first = false;
        m_spec = nullptr;
    }

    // The closed block's snapshot keeps its spare room while the input's snapshots hold no
    // more than k_spare_bytes_kept of it (none once the input overflowed the snapshot cap),
    // else gives it back if it grew enough since its last shrink (k_growth_before_next_shrink).
    void keep_or_shrink(std::size_t index) {
        if (m_room_of.size() <= index) {
            m_room_of.resize(index + 1);
        }
        auto& room = m_room_of[index];
        m_spare_kept -= room.spare;  // what it held at its last close, counted anew
        room.spare = spare_bytes(m_case.snapshots[index]);
        auto const budget = m_book.overflowed() ? 0 : k_spare_bytes_kept;
        if (m_spare_kept + m_lists_spare_kept + room.spare > budget) {
            shrink_if_grown(index);
        }
        m_spare_kept += room.spare;
    }

    // An input that overflowed the snapshot cap keeps its snapshots to the end, most of them
    // filled for good: the spare room they kept goes back at the first overflow block, for the
    // blocks still to read and for the report to reuse (issue 14). Once: later, each kept
    // snapshot is weighed at its own close, and a scan of all of them per overflow block would
    // cost a thousand snapshots' lists each time.
    void give_back_spare_room() {
        if (m_spare_given_back) {
            return;
        }
        m_spare_given_back = true;
        m_spare_kept = 0;
        m_lists_spare_kept = 0;
        for (auto& s : m_case.snapshots) {
            if (!m_book.is_scratch(static_cast<std::size_t>(&s - m_case.snapshots.data()))) {
                fit_parsers_lists(s);
            }
        }
        for (std::size_t i = 0; i < m_room_of.size(); ++i) {
            if (m_room_of[i].spare > 0) {
                shrink_if_grown(i);
                m_spare_kept += m_room_of[i].spare;
            }
        }
    }

    [[gnu::noinline]] void shrink_if_grown(std::size_t index) {  // rare: off the close path
        auto& room = m_room_of[index];
        auto& s = m_case.snapshots[index];
        auto const used = used_bytes(s);
        if (room.spare > used || used >= k_growth_before_next_shrink * room.used_at_shrink) {
            shrink_to_fit(s);
            room.spare = 0;
            room.used_at_shrink = used;
        }
    }

    struct PendingCommand {
        std::string command;
        std::uint32_t line = 0;
        parse::CommandSpec const* spec = nullptr;
    };

    model::Case& m_case;
    model::Input& m_in;  // the case's one input: kept, as each line asks for it
    SnapshotBook m_book;
    HeaderProbes const& m_probes = header_probes();  // kept: no guarded static's check a line
    std::uint64_t const* m_moot = nullptr;  // of_kind of the open parser's spec
    std::optional<PendingCommand> m_pending;  // a bare command waiting for its target
    model::Target m_prompt_target = model::Target::unknown;
    model::Target m_target = model::Target::unknown;  // of the block open now
    parse::CommandSpec const* m_spec = nullptr;
    std::unique_ptr<parse::BlockParser> m_parser;
    std::optional<parse::BlockContext> m_context;  // m_parser's, made with it
    // A parser is open, nothing is pending, and the spec does not quote other headers: the
    // line goes to read_in_block (one test a line, where three cost four loads).
    bool m_rows_first = false;
    std::string m_command;
    std::size_t m_snapshot = 0;
    std::uint32_t m_file = 0;
    bool m_in_block = false;
    bool m_listed = false;
    std::uint32_t m_end_line = 0;  // the open block's last line so far (note_end_line)
    std::uint64_t m_unlisted_blocks = 0;
    struct Room {
        std::size_t spare = 0;           // spare_bytes at the snapshot's last close (0: shrunk)
        std::size_t used_at_shrink = 0;  // used_bytes when it was last shrunk
    };
    std::vector<Room> m_room_of;  // by snapshot index
    std::size_t m_spare_kept = 0;  // the sum of their spare
    // The spare room of parsers' own lists kept (BlockContext::keep_list): never given back,
    // so it only counts against k_spare_bytes_kept.
    std::size_t m_lists_spare_kept = 0;
    bool m_spare_given_back = false;  // give_back_spare_room ran (the input overflowed)
    text::Line const* m_measured = nullptr;  // the line line() is reading, and its indentation
    std::size_t m_indent = 0;
};

} // namespace

model::Case read_input(std::istream& in, std::string const& path, std::uint32_t file) {
    model::Case c;
    c.inputs.emplace_back();
    c.inputs.front().path = path;
    text::Decoder decoder(in);
    text::Undresser undresser(decoder);
    Reader reader(c, file);
    while (text::Line const* line = undresser.next()) {
        reader.line(*line, undresser.indent());
    }
    reader.finish();
    c.inputs.front().encoding = std::string(undresser.encoding());
    std::erase_if(c.snapshots, [](model::Snapshot const& s) { return s.empty(); });
    return c;
}

void merge_case(model::Case& whole, model::Case&& part) {
    std::map<model::Target, std::uint32_t> next;
    for (auto const& s : whole.snapshots) {
        next[s.target] = std::max(next[s.target], s.ordinal + 1);
    }
    for (auto& input : part.inputs) {
        whole.inputs.push_back(std::move(input));
    }
    // Keep this input's snapshots in their own order, after the earlier inputs' ones.
    std::stable_sort(part.snapshots.begin(), part.snapshots.end(),
                     [](model::Snapshot const& a, model::Snapshot const& b) {
                         return a.loc.line < b.loc.line;
                     });
    for (auto& s : part.snapshots) {
        s.ordinal = next[s.target]++;
        whole.snapshots.push_back(std::move(s));
    }
}

} // namespace dbgsift::segment
