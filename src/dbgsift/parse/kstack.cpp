// SPDX-License-Identifier: MIT
// `k`, `kb`, `kn`, `~N kb`, `~*kb`: each thread's call stack -> model::ThreadStack, its frames
// split by the stack grammar like every other stack dbgsift reads; `~` -> model::ListedThread.
#include "../../../grammars/stack/stack.hpp"
#include "line_attempts.hpp"
#include "list_room.hpp"
#include "stack.hpp"
#include "commands.hpp"
#include "../text/ascii.hpp"
#include "../text/contains.hpp"

namespace dbgsift::parse {
namespace {

namespace g = grammar;

// "~", "~*", "~~[174]", "!mex.lt": the thread listing, no stacks.
bool is_thread_list(std::string_view command) {
    boost::spirit::x3::unused_type none;
    return matches(without_bold(command), g::thread_list_command(), none);
}

std::optional<std::uint64_t> thread_id_of(std::string_view id) {
    g::ast::thread_id ids;
    return matches(id, g::thread_id(), ids) ? std::optional<std::uint64_t>(ids.thread) : std::nullopt;
}

// The thread "~4 kb" or "~~[a3]kb" ran on, before any thread line says it.
model::ThreadStack stack_of_command(std::string_view command) {
    model::ThreadStack stack;
    if (g::ast::thread_ref ref; matches(without_bold(command), g::k_command_thread(), ref)) {
        if (ref.by_id) {
            stack.thread_id = ref.value;
        } else {
            stack.number = static_cast<std::uint32_t>(ref.value);
        }
    }
    return stack;
}

bool id_follows_number(std::string_view line);

// `~*kb` prints one thread line and stack per thread; `~` only the thread lines.
class KStackParser final : public BlockParser {
public:
    LineVerdict line(text::Line const& line, BlockContext& ctx) override {
        if (!m_started) {
            m_started = true;
            m_listing = is_thread_list(ctx.command);
            m_stack = stack_of_command(ctx.command);
        }
        LineAttempts attempt(line, ctx);
        boost::spirit::x3::unused_type none;
        // Rules are skipped by the line's first byte (grammar::*_starts, LineAttempts::may_start):
        // most lines are frames, which start with an address.
        if ((attempt.may_start(g::k_header_starts) && attempt.read(g::k_header(), none)) ||
            (attempt.may_start(g::k_warning_starts) && attempt.read(g::k_warning(), none))) {
            return LineVerdict::ignored;
        }
        // Frames start with digits too: the thread line's "Id:" after its number is tested first.
        if (g::ast::k_thread t; attempt.led_by(g::k_thread_firsts) && id_follows_number(line.text) &&
                                attempt.read(g::k_thread(), t)) {
            on_thread(t, ctx.loc(line.number), ctx);
            return LineVerdict::understood;
        }
        if (m_listing) {  // MEX's table: "->     0   700 Wait2!main+0xdc ..."
            if (attempt.read(g::mex_thread_header(), none)) {
                return LineVerdict::ignored;
            }
            if (g::ast::mex_thread t; attempt.read(g::mex_thread_row(), t)) {
                ctx.snapshot.threads.push_back({t.number, std::string(), t.thread_id, ctx.loc(line.number)});
                return LineVerdict::understood;
            }
        }
        if (auto& f = fresh_frame(); attempt.read(g::k_frame(), f)) {
            // Built in place as the stack's next frame: no Frame moved in and destroyed per line.
            // Room for a typical stack at its first frame (the bench archive's are ten to
            // eighteen frames deep; room for 32 or 64 measured slower), given back in flush() if
            // the stack is short.
            auto& frames = m_stack.stack.frames;
            make_room_at_first(frames, k_first_frames);
            auto& frame = frames.emplace_back();
            bool const named = !f.symbol.module.empty() || !f.symbol.function.empty();
            if (named) {
                put_symbol(f.symbol, frame);
                if (!f.args.empty()) {
                    frame.args = std::move(f.args);  // x64 kb, between its colons
                } else if (f.columns.size() >= 5) {
                    // x86 kb: ChildEBP RetAddr, then the three "Args to Child" just before the
                    // call site (a kbn row has its frame number first).
                    frame.args.assign(f.columns.end() - 3, f.columns.end());
                }
            } else {
                frame.address = f.columns.back();  // "0xfffff803`0b5d5938": no module claims it
            }
            frame.loc = ctx.loc(line.number);
            if (m_stack.stack.frames.size() == 1) {
                m_stack.loc = frame.loc;
            }
            return LineVerdict::understood;
        }
        if (m_stack.stack.frames.empty() && attempt.read(g::k_switch_echo(), none)) {
            return LineVerdict::ignored;  // "~14s ; kb": the switch's echo before the stack
        }
        return attempt.give_up("not a line of k output (frame, header or thread line)");
    }

    void finish(BlockContext& ctx) override { flush(ctx); }

private:
    // A thread line starts the next thread's stack (`~*kb`) or lists one thread (`~`).
    void on_thread(g::ast::k_thread& t, model::Loc loc, BlockContext& ctx) {
        auto id = thread_id_of(t.id);
        if (m_listing) {
            ctx.snapshot.threads.push_back({t.number, std::move(t.id), id, loc});
            return;
        }
        flush(ctx);
        m_stack = model::ThreadStack{};
        m_stack.thread = std::move(t.id);
        m_stack.number = t.number;
        m_stack.thread_id = id;
        m_thread_loc = loc;
    }

    // A thread line with no frames under it lists the thread (a `~` pasted with no command).
    void flush(BlockContext& ctx) {
        if (!m_stack.stack.frames.empty()) {
            give_back_spare_room(m_stack.stack.frames);  // the snapshot keeps it to the report
            ctx.keep_list(m_stack.stack.frames);
            ctx.snapshot.thread_stacks.push_back(std::move(m_stack));
        } else if (m_stack.number && !m_stack.thread.empty()) {
            ctx.snapshot.threads.push_back({*m_stack.number, std::move(m_stack.thread), m_stack.thread_id, m_thread_loc});
        }
    }

    // The frame rule's attribute, emptied for each line: its columns keep their room from one
    // frame to the next instead of growing anew on every line (issue 14).
    g::ast::k_frame& fresh_frame() {
        m_frame.columns.clear();
        m_frame.args.clear();
        m_frame.symbol = {};
        return m_frame;
    }

    static constexpr std::size_t k_first_frames = 16;  // line(): the room a stack's frames start with
    g::ast::k_frame m_frame;
    bool m_started = false;
    bool m_listing = false;  // `~`: thread lines only
    model::ThreadStack m_stack;
    model::Loc m_thread_loc;  // of m_stack's thread line
};

// Where g::k_thread reads "Id:" (any case): after the thread's number, itself after an optional
// '.' or '#' (blanks around each). A digit-led row of any other output has some other byte
// there, and is turned away in a few instructions before any search or grammar.
bool id_follows_number(std::string_view line) {
    auto i = text::first_non_blank_wide(line);  // digit-led rows are often deeply indented
    if (i < line.size() && (line[i] == '.' || line[i] == '#')) {
        i += 1 + text::first_non_blank(line.substr(i + 1));
    }
    auto const is_digit = [&line](std::size_t at) { return at < line.size() && text::is_ascii_digit(line[at]); };
    if (!is_digit(i)) {
        return false;
    }
    while (is_digit(i)) {
        ++i;
    }
    i += text::first_non_blank(line.substr(i));
    return i < line.size() && (line[i] == 'i' || line[i] == 'I');
}

// A paste with no command: a thread line ("   3  Id: 1914.278 Suspend: 1 Teb: ... Unfrozen")
// starts the block. Not a "ChildEBP RetAddr" header: !analyze, !thread and !process print one
// inside their own output.
// The thread line's search and grammar, apart from is_kstack_header's gate (and not inlined
// there) so that the gate's many early answers do not pay to set up the grammar's stack frame.
[[gnu::noinline]] bool reads_thread_line(std::string_view line) {
    g::ast::k_thread thread;
    return text::contains_any(line, {"Suspend"}) && matches(line, g::k_thread(), thread);
}

bool is_kstack_header(std::string_view line) {
    return id_follows_number(line) && reads_thread_line(line);
}

bool is_k_command(std::string_view command) {
    boost::spirit::x3::unused_type none;
    return matches(command, g::k_command(), none) || is_thread_list(command);
}

} // namespace

CommandSpec kstack_spec() {
    CommandSpec spec{"kstack", is_k_command, is_kstack_header, [](std::string_view) { return std::string(); },
                     model::Target::user,
                     []() -> std::unique_ptr<BlockParser> { return std::make_unique<KStackParser>(); }};
    // No header_words: is_kstack_header's test of the byte after the thread number costs less
    // than the reader's ByteMask of the whole line (every digit-led line may start a thread line).
    spec.header_firsts = std::string(g::k_thread_starts);
    spec.header_after_number = std::string(g::k_thread_after_number);
    return spec;
}

} // namespace dbgsift::parse
