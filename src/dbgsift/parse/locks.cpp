// SPDX-License-Identifier: MIT
// `!locks` (kernel ERESOURCE form, user-mode critical-section form), `!cs`, `!critsec`:
// lines -> model::Lock. A small state machine: the lock being filled, the thread list a
// continuation row belongs to, and whether we are inside a `!locks -v` THREAD block (whose
// stack and counters dbgsift does not model: those lines are ignored, never diagnosed).
#include "../../../grammars/locks/locks.hpp"
#include "line_attempts.hpp"
#include "commands.hpp"
#include "../text/contains.hpp"

#include <fmt/format.h>

#include <optional>

namespace dbgsift::parse {
namespace {

namespace g = grammar;
namespace ast = grammar::ast;
using Role = ast::thread_list_role;
using Key = ast::critsec_key;

// Module and function of a lock's symbol, split by the grammar ("nt!CmpRegistryLock").
void split_symbol(model::Lock& lock) {
    if (ast::qualified_symbol parts; matches(lock.symbol, g::qualified_symbol(), parts)) {
        lock.module = std::move(parts.module);
        lock.function = std::move(parts.function);
    }
}

// The line read by `rule` into a fresh row, or nothing (the attempt keeps the diagnostic,
// reported only when no other rule reads the line).
template <typename Row, typename Rule>
std::optional<Row> try_rule(LineAttempts& attempt, Rule const& rule) {
    Row row{};
    if (attempt.read(rule, row)) {
        return row;
    }
    return std::nullopt;
}

// Does the line hold one of the bytes a note starts with (grammar::annotated_line_marks)?
// One memchr a mark (string_view::find of a char): they skip most of a line a vector at a
// time, where a loop testing each byte against the three marks cost ~270 instructions a line,
// and this runs on every line of a !locks block.
bool holds_annotation_mark(std::string_view text) {
    for (char const mark : g::annotated_line_marks) {
        if (text.find(mark) != std::string_view::npos) {
            return true;
        }
    }
    return false;
}

class LocksParser final : public BlockParser {
public:
    LineVerdict line(text::Line const& line, BlockContext& ctx) override {
        LineAttempts attempt(line, ctx);
        auto const verdict = read(attempt, ctx);
        // A note's first byte may sit anywhere in the line: one holding none is not annotated.
        m_after_annotation = holds_annotation_mark(line.text) &&
                             try_rule<char>(attempt, g::annotated_line()).has_value();
        return verdict;
    }

private:
    enum class Mode {
        top,            // between rows of a lock
        thread_detail,  // inside a `!locks -v` THREAD block
        stack_detail,   // inside a `!cs -s` / `!cs -o` stack trace
    };

    LineVerdict read(LineAttempts& attempt, BlockContext& ctx) {
        auto const& line = attempt.line();
        // Every rule but break_in is skipped by the line's first byte (grammar::*_starts,
        // LineAttempts::may_start): each reads only a few kinds of line, and a failed attempt
        // costs hundreds of instructions.
        if (auto header = attempt.may_start(g::resource_header_starts)
                              ? try_rule<ast::resource_header>(attempt, g::resource_header())
                              : std::nullopt) {
            start_resource(*header, ctx);
            return LineVerdict::understood;
        }
        // The header, summary and aside rules by their first words (grammar::*_may_start): a
        // `!cs` field's first byte ("ContentionCount", "SpinCount") is one theirs may start with.
        std::string_view const rest = std::string_view(line.text).substr(attempt.indent());
        if (auto header = attempt.may_start(g::critsec_header_starts) && g::critsec_header_may_start(rest)
                              ? try_rule<ast::critsec_header>(attempt, g::critsec_header())
                              : std::nullopt) {
            start_critsec(*header, ctx);
            return LineVerdict::understood;
        }
        if (auto summary = attempt.led_by(g::locks_summary_firsts) && g::locks_summary_may_start(rest)
                               ? try_rule<ast::locks_summary>(attempt, g::locks_summary())
                               : std::nullopt) {
            model::LockTotals totals;
            totals.critical_sections = summary->kind == ast::locks_summary_kind::critical_sections;
            totals.total = {summary->total, ctx.loc(line.number)};
            if (summary->held) {
                totals.held = model::Sourced<std::uint64_t>{*summary->held, ctx.loc(line.number)};
            }
            ctx.snapshot.lock_totals = totals;
            m_mode = Mode::top;
            m_list = Role::more;
            return LineVerdict::understood;
        }
        if (auto aside = attempt.led_by(g::locks_aside_firsts) && g::locks_aside_may_start(rest)
                             ? try_rule<ast::locks_aside_kind>(attempt, g::locks_aside())
                             : std::nullopt) {
            return on_aside(*aside);
        }
        if (m_mode == Mode::thread_detail) {
            return read_thread_detail(attempt, ctx);
        }
        if (m_mode == Mode::stack_detail) {
            return read_stack_detail(attempt, ctx);
        }
        if (auto counter = attempt.may_start(g::resource_counter_starts)
                              ? try_rule<ast::resource_counter>(attempt, g::resource_counter())
                              : std::nullopt) {
            return on_counter(*counter, line, ctx);
        }
        if (auto field = attempt.led_by(g::critsec_field_firsts)
                              ? try_rule<ast::critsec_field>(attempt, g::critsec_field())
                              : std::nullopt) {
            return on_critsec_field(*field, line, ctx);
        }
        if (auto list = attempt.led_by(g::thread_list_firsts)
                              ? try_rule<ast::thread_list>(attempt, g::thread_list())
                              : std::nullopt) {
            if (list->role != Role::more || m_list != Role::more) {
                return on_thread_list(*list, line, ctx);
            }
        }
        if (auto flags = attempt.may_start(g::resource_flags_starts)
                              ? try_rule<ast::resource_flags>(attempt, g::resource_flags())
                              : std::nullopt) {
            return on_flags(*flags, line, ctx);
        }
        if (auto owner = attempt.may_start(g::old_owner_starts)
                              ? try_rule<ast::old_owner>(attempt, g::old_owner())
                              : std::nullopt) {
            return on_old_owner(*owner, line, ctx);
        }
        if (auto thread = attempt.may_start(g::thread_detail_starts)
                              ? try_rule<ast::thread_detail>(attempt, g::thread_detail())
                              : std::nullopt) {
            on_thread(*thread, ctx);
            return LineVerdict::understood;
        }
        if (auto brk = try_rule<ast::break_in_kind>(attempt, g::break_in())) {
            return LineVerdict::ignored;  // the break-in notice, not lock data
        }
        if (m_after_annotation) {
            // "84753d78  <<<" followed by "remember ME": the author's remark wrapped onto
            // a line of its own; it is not debugger output.
            m_after_annotation = false;
            return LineVerdict::ignored;
        }
        return attempt.give_up(not_understood_message(), first_column(line.text));
    }

    // ---- kernel resources ------------------------------------------------------------

    void start_resource(ast::resource_header const& h, BlockContext& ctx) {
        model::Lock lock;
        lock.kernel = true;
        lock.symbol = h.name.symbol;
        split_symbol(lock);
        lock.address = h.name.address;
        lock.exclusive = h.state.kind == ast::resource_state_kind::exclusive;
        lock.available = h.state.kind == ast::resource_state_kind::available;
        if (h.state.kind == ast::resource_state_kind::shared) {
            lock.shared_owners = h.state.owners;
        }
        lock.loc = ctx.loc(h.line);
        open(std::move(lock), ctx);
    }

    LineVerdict on_counter(ast::resource_counter const& c, text::Line const& line, BlockContext& ctx) {
        auto* lock = current(ctx);
        if (lock == nullptr || !lock->kernel) {
            return outside_lock(line, ctx, "a resource counter before any \"Resource @\" line");
        }
        model::Sourced<std::uint64_t> value{c.value, ctx.loc(c.line)};
        switch (c.which) {
        case ast::resource_counter_kind::contention: lock->contention_count = value; break;
        case ast::resource_counter_kind::shared_waiters: lock->shared_waiters = value; break;
        default: lock->exclusive_waiters = value; break;
        }
        return LineVerdict::understood;
    }

    LineVerdict on_thread_list(ast::thread_list const& list, text::Line const& line,
                               BlockContext& ctx) {
        auto* lock = current(ctx);
        if (lock == nullptr) {
            return outside_lock(line, ctx, "a thread list before any lock header");
        }
        if (list.role != Role::more) {
            m_list = list.role;
        }
        for (auto const& entry : list.threads) {
            model::LockThread t;
            t.thread = entry.actual ? *entry.actual : entry.thread;
            if (entry.actual) {
                t.listed_as = entry.thread;
            }
            t.count = entry.count ? *entry.count : 0;
            t.current_owner = entry.current;
            t.loc = ctx.loc(list.line);
            if (m_list == Role::owners) {
                lock->owners.push_back(std::move(t));
            } else {
                t.wants_exclusive = m_list == Role::exclusive_waiters;
                lock->waiters.push_back(std::move(t));
            }
        }
        return LineVerdict::understood;
    }

    // NT4 resource time-out break: "ActiveCount = 0001  Flags = IsOwnedExclusive ExclusiveWaiter"
    LineVerdict on_flags(ast::resource_flags const& f, text::Line const& line, BlockContext& ctx) {
        auto* lock = current(ctx);
        if (lock == nullptr || !lock->kernel) {
            return outside_lock(line, ctx, "resource flags before any \"Resource @\" line");
        }
        for (auto const& flag : f.flags) {
            if (flag == "IsOwnedExclusive") {
                lock->exclusive = true;
            }
        }
        if (!lock->exclusive && f.active_count > 0) {
            lock->shared_owners = f.active_count;
        }
        return LineVerdict::understood;
    }

    // NT4 resource time-out break: "Thread = ffaf5410, Count = 01"; empty slots are zero.
    LineVerdict on_old_owner(ast::old_owner const& o, text::Line const& line, BlockContext& ctx) {
        auto* lock = current(ctx);
        if (lock == nullptr || !lock->kernel) {
            return outside_lock(line, ctx, "an owner slot before any \"Resource @\" line");
        }
        if (o.thread != 0) {
            model::LockThread t;
            t.thread = o.thread;
            t.count = o.count;
            t.loc = ctx.loc(o.line);
            lock->owners.push_back(std::move(t));
        }
        return LineVerdict::understood;
    }

    // ---- `!locks -v` THREAD blocks -----------------------------------------------------

    void on_thread(ast::thread_detail const& t, BlockContext& ctx) {
        m_mode = Mode::thread_detail;
        m_list = Role::more;
        m_detail_thread = t.thread;
        for (auto* thread : threads_named(t.thread, ctx)) {
            thread->state = t.state;
            matches(t.state, g::thread_state(), thread->state_id);
            thread->wait_reason = trim_reason(t.rest);
        }
    }

    LineVerdict read_thread_detail(LineAttempts& attempt, BlockContext& ctx) {
        auto const& line = attempt.line();
        if (auto thread = attempt.may_start(g::thread_detail_starts)
                              ? try_rule<ast::thread_detail>(attempt, g::thread_detail())
                              : std::nullopt) {
            on_thread(*thread, ctx);
            return LineVerdict::understood;
        }
        if (auto process = attempt.may_start(g::owning_process_starts)
                                ? try_rule<ast::owning_process>(attempt, g::owning_process())
                                : std::nullopt) {
            for (auto* thread : threads_named(m_detail_thread, ctx)) {
                thread->process = process->process;
                thread->process_image = process->image;
            }
            return LineVerdict::understood;
        }
        if (auto list = attempt.led_by(g::thread_list_firsts)
                              ? try_rule<ast::thread_list>(attempt, g::thread_list())
                              : std::nullopt) {
            if (list->role != Role::more) {
                m_mode = Mode::top;
                return on_thread_list(*list, line, ctx);
            }
        }
        // Stack frames, wait objects, tick counts, "GetUlongFromAddress: unable to read ...":
        // the thread's own detail, which dbgsift does not model.
        return LineVerdict::ignored;
    }

    // ---- user-mode critical sections ---------------------------------------------------

    void start_critsec(ast::critsec_header const& h, BlockContext& ctx) {
        model::Lock lock;
        lock.kernel = false;
        lock.symbol = !h.symbol.empty() ? h.symbol : h.symbol_after;
        split_symbol(lock);
        lock.address = h.address;
        lock.loc = ctx.loc(h.line);
        open(std::move(lock), ctx);
    }

    LineVerdict on_critsec_field(ast::critsec_field const& f, text::Line const& line,
                                 BlockContext& ctx) {
        auto* lock = current(ctx);
        if (lock == nullptr || lock->kernel) {
            if (f.key == Key::debug_info || f.key == Key::lock_semaphore || f.key == Key::spin_count) {
                // `!cs` may print DebugInfo before "Critical section = ..."; nothing to keep.
                return LineVerdict::understood;
            }
            return outside_lock(line, ctx, "a critical-section field before any \"CritSec\" line");
        }
        auto const unsigned_value = [&]() -> std::optional<std::uint64_t> {
            if (f.value < 0) {
                return std::nullopt;
            }
            return static_cast<std::uint64_t>(f.value);
        };
        switch (f.key) {
        case Key::lock_count:
            lock->lock_count = model::Sourced<std::int64_t>{f.value, ctx.loc(f.line)};
            break;
        case Key::recursion_count: lock->recursion_count = unsigned_value(); break;
        case Key::owning_thread: lock->owning_thread = unsigned_value(); break;
        case Key::entry_count: lock->entry_count = unsigned_value(); break;
        case Key::contention_count:
            if (auto v = unsigned_value()) {
                lock->contention_count = model::Sourced<std::uint64_t>{*v, ctx.loc(f.line)};
            }
            break;
        case Key::waiter_woken: lock->waiter_woken = f.value != 0; break;
        case Key::locked: lock->locked = f.value != 0; break;
        default: break;  // DebugInfo, LockSemaphore, SpinCount: nothing dbgsift uses
        }
        return LineVerdict::understood;
    }

    LineVerdict read_stack_detail(LineAttempts& attempt, BlockContext& ctx) {
        auto const& line = attempt.line();
        if (auto field = attempt.led_by(g::critsec_field_firsts)
                              ? try_rule<ast::critsec_field>(attempt, g::critsec_field())
                              : std::nullopt) {
            m_mode = Mode::top;
            return on_critsec_field(*field, line, ctx);
        }
        return LineVerdict::ignored;  // "0x6A2137BD: ntdll!RtlInitializeCriticalSection+0x..."
    }

    // ---- shared --------------------------------------------------------------------------

    LineVerdict on_aside(ast::locks_aside_kind kind) {
        switch (kind) {
        case ast::locks_aside_kind::stack_trace:          // "Stack trace for DebugInfo = 0x6A262080:"
        case ast::locks_aside_kind::owning_thread_stack:  // "OwningThread Stack ="
            m_mode = Mode::stack_detail;
            break;
        case ast::locks_aside_kind::dashes:  // `!cs` separates sections with a rule of dashes
            m_mode = Mode::top;
            m_list = Role::more;
            break;
        default:
            break;
        }
        return LineVerdict::ignored;
    }

    void open(model::Lock lock, BlockContext& ctx) {
        ctx.snapshot.locks.push_back(std::move(lock));
        m_current = ctx.snapshot.locks.size() - 1;
        if (!m_first) {
            m_first = m_current;
        }
        m_mode = Mode::top;
        m_list = Role::more;
    }

    model::Lock* current(BlockContext& ctx) const {
        if (!m_current || *m_current >= ctx.snapshot.locks.size()) {
            return nullptr;
        }
        return &ctx.snapshot.locks[*m_current];
    }

    // Owners and waiters of this block's locks that are the thread a THREAD block describes.
    std::vector<model::LockThread*> threads_named(std::uint64_t thread, BlockContext& ctx) const {
        std::vector<model::LockThread*> found;
        if (!m_first) {
            return found;
        }
        for (auto i = *m_first; i < ctx.snapshot.locks.size(); ++i) {
            auto& lock = ctx.snapshot.locks[i];
            for (auto* list : {&lock.owners, &lock.waiters}) {
                for (auto& t : *list) {
                    if (t.thread == thread) {
                        found.push_back(&t);
                    }
                }
            }
        }
        return found;
    }

    LineVerdict outside_lock(text::Line const& line, BlockContext& ctx, char const* what) {
        ctx.diagnose(line.number, first_column(line.text),
                     std::string(what) + ": the value has no lock to belong to");
        return LineVerdict::not_understood;
    }

    std::string not_understood_message() const {
        if (m_list != Role::more) {
            return "not a !locks line: expected more thread addresses, a lock counter or the "
                   "next \"Resource @\" line";
        }
        return "not a !locks line: expected \"Resource @\", \"CritSec\", a lock counter or a "
               "thread list";
    }

    static std::uint32_t first_column(std::string const& text) {
        auto const first = text.find_first_not_of(" \t");
        return first == std::string::npos ? 0 : static_cast<std::uint32_t>(first);
    }

    // ": (WrQueue) KernelMode Non-Alertable" -> "(WrQueue) KernelMode Non-Alertable"
    static std::string trim_reason(std::string const& rest) {
        auto const first = rest.find_first_not_of(" \t:");
        if (first == std::string::npos) {
            return {};
        }
        auto const last = rest.find_last_not_of(" \t");
        return rest.substr(first, last - first + 1);
    }

    Mode m_mode = Mode::top;
    std::optional<std::size_t> m_current;  // index in snapshot.locks of the lock being filled
    std::optional<std::size_t> m_first;    // first lock of this block
    Role m_list = Role::more;              // the list continuation rows extend; more: none
    std::uint64_t m_detail_thread = 0;
    bool m_after_annotation = false;
};

bool is_locks_command(std::string_view command) {
    ast::locks_command_kind kind{};
    return matches(command, g::locks_command(), kind);
}

// A paste with no prompt: "KD: Scanning for held locks...", "Resource @ ...", "CritSec ... at ...",
// and `!cs`'s first field, "DebugInfo          = 0x00007ffec1550e10".
bool is_locks_header(std::string_view line) {
    // Every header this accepts starts, after its blanks, with the first word of the rule that
    // reads it: "DebugInfo" (critsec_field), "KD:" or stars (locks_aside), "Resource"
    // (resource_header), "CritSec" (critsec_header with a symbol). Asked first: the reader lets
    // through lines that hold those words' bytes anywhere (a !cs block's fields), on which the
    // five searches below cost more than the rules.
    if (!text::starts_with_any(line, {"DebugInfo", "KD:", "*", "Resource", "CritSec"})) {
        return false;
    }
    // Literal prefilter: every header this accepts names one of these words ("DebugInfo"
    // first: most lines the test above lets through are `!cs` fields that start with it).
    // ("KD: Scanning for held locks", "DUMP OF ALL RESOURCE OBJECTS", "Resource @", "CritSec").
    if (!text::contains_any(line, {"DebugInfo", "Scanning", "RESOURCE", "Resource", "CritSec"})) {
        return false;
    }
    if (ast::critsec_field field; matches(line, g::critsec_field(), field)) {
        return field.key == ast::critsec_key::debug_info;
    }
    ast::locks_aside_kind aside{};
    if (matches(line, g::locks_aside(), aside)) {
        return aside == ast::locks_aside_kind::scanning || aside == ast::locks_aside_kind::dump_banner;
    }
    ast::resource_header resource;
    if (matches(line, g::resource_header(), resource)) {
        return true;
    }
    ast::critsec_header critsec;
    return matches(line, g::critsec_header(), critsec) && !critsec.symbol.empty();
}

// Critical sections live in a user-mode process; everything else !locks prints is kernel.
model::Target locks_header_target(std::string_view line) {
    ast::critsec_header critsec;
    ast::critsec_field field;
    return matches(line, g::critsec_header(), critsec) || matches(line, g::critsec_field(), field)
               ? model::Target::user
               : model::Target::kernel;
}

// "!cs" and "!critsec" read a user-mode process; "!locks" runs in both debuggers.
model::Target locks_command_target(std::string_view command) {
    ast::locks_command_kind kind{};
    return matches(command, g::locks_command(), kind) && kind == ast::locks_command_kind::critsec
               ? model::Target::user
               : model::Target::unknown;
}

} // namespace

CommandSpec locks_spec() {
    CommandSpec spec{"locks", is_locks_command, is_locks_header,
            [](std::string_view) { return std::string("locks"); }, model::Target::kernel,
            []() -> std::unique_ptr<BlockParser> { return std::make_unique<LocksParser>(); },
            locks_header_target};
    spec.command_target = locks_command_target;
    spec.header_words = {"Scanning", "RESOURCE", "Resource", "CritSec", "DebugInfo"};  // what is_locks_header looks for first
    // DebugInfo (a critsec_field), the asides, "Resource @", "CritSec"
    // One format, not a chain of appends (GCC 12 warns falsely of an overlapping memcpy at -O3).
    spec.header_firsts = fmt::format("D{}{}{}", g::locks_aside_starts, g::resource_header_starts,
                                     g::critsec_header_starts);
    return spec;
}

} // namespace dbgsift::parse
