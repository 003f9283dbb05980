// SPDX-License-Identifier: MIT
// `!locks` (kernel ERESOURCE form, user-mode critical-section form), `!cs`, `!critsec`:
// lines -> model::Lock. A small state machine: the lock being filled, the thread list a
// continuation row belongs to, and whether we are inside a `!locks -v` THREAD block (whose
// stack and counters dbgsift does not model: those lines are ignored, never diagnosed).
#include "../../../grammars/locks/locks.hpp"
#include "../../../grammars/parse_line.hpp"
#include "commands.hpp"

#include <optional>

namespace dbgsift::parse {
namespace {

namespace g = grammar;
namespace ast = grammar::ast;

// Parse `text` with `rule` into a fresh row; diagnostics from a failed alternative are
// discarded, because another rule may still read the line.
template <typename Row, typename Rule>
std::optional<Row> try_rule(text::Line const& line, Rule const& rule) {
    Row row{};
    std::vector<diagnostic> scratch;
    if (g::parse_line(line.text, line.number, rule, row, scratch)) {
        return row;
    }
    return std::nullopt;
}

class LocksParser final : public BlockParser {
public:
    LineVerdict line(text::Line const& line, BlockContext& ctx) override {
        auto const verdict = read(line, ctx);
        m_after_annotation = try_rule<char>(line, g::annotated_line()).has_value();
        return verdict;
    }

private:
    enum class Mode {
        top,            // between rows of a lock
        thread_detail,  // inside a `!locks -v` THREAD block
        stack_detail,   // inside a `!cs -s` / `!cs -o` stack trace
    };

    LineVerdict read(text::Line const& line, BlockContext& ctx) {
        if (auto header = try_rule<ast::resource_header>(line, g::resource_header())) {
            start_resource(*header, ctx);
            return LineVerdict::understood;
        }
        if (auto header = try_rule<ast::critsec_header>(line, g::critsec_header())) {
            start_critsec(*header, ctx);
            return LineVerdict::understood;
        }
        if (auto summary = try_rule<ast::locks_summary>(line, g::locks_summary())) {
            model::LockTotals totals;
            totals.critical_sections = summary->kind == 'c';
            totals.total = {summary->total, ctx.loc(line.number)};
            if (summary->held) {
                totals.held = model::Sourced<std::uint64_t>{*summary->held, ctx.loc(line.number)};
            }
            ctx.snapshot.lock_totals = totals;
            m_mode = Mode::top;
            m_list = 0;
            return LineVerdict::understood;
        }
        if (auto aside = try_rule<char>(line, g::locks_aside())) {
            return on_aside(*aside);
        }
        if (m_mode == Mode::thread_detail) {
            return read_thread_detail(line, ctx);
        }
        if (m_mode == Mode::stack_detail) {
            return read_stack_detail(line, ctx);
        }
        if (auto counter = try_rule<ast::resource_counter>(line, g::resource_counter())) {
            return on_counter(*counter, line, ctx);
        }
        if (auto field = try_rule<ast::critsec_field>(line, g::critsec_field())) {
            return on_critsec_field(*field, line, ctx);
        }
        if (auto list = try_rule<ast::thread_list>(line, g::thread_list())) {
            if (list->role != '-' || m_list != 0) {
                return on_thread_list(*list, line, ctx);
            }
        }
        if (auto flags = try_rule<ast::resource_flags>(line, g::resource_flags())) {
            return on_flags(*flags, line, ctx);
        }
        if (auto owner = try_rule<ast::old_owner>(line, g::old_owner())) {
            return on_old_owner(*owner, line, ctx);
        }
        if (auto thread = try_rule<ast::thread_detail>(line, g::thread_detail())) {
            on_thread(*thread, ctx);
            return LineVerdict::understood;
        }
        if (m_after_annotation) {
            // "84753d78  <<<" followed by "remember ME": the author's remark wrapped onto
            // a line of its own; it is not debugger output.
            m_after_annotation = false;
            return LineVerdict::ignored;
        }
        ctx.diagnose(line.number, first_column(line.text), not_understood_message());
        return LineVerdict::not_understood;
    }

    // ---- kernel resources ------------------------------------------------------------

    void start_resource(ast::resource_header const& h, BlockContext& ctx) {
        model::Lock lock;
        lock.kernel = true;
        lock.symbol = h.name.symbol;
        lock.address = h.name.address;
        lock.exclusive = h.state.kind == 'x';
        lock.available = h.state.kind == 'a';
        if (h.state.kind == 's') {
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
        case 'c': lock->contention_count = value; break;
        case 's': lock->shared_waiters = value; break;
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
        if (list.role != '-') {
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
            if (m_list == 'o') {
                lock->owners.push_back(std::move(t));
            } else {
                t.wants_exclusive = m_list == 'x';
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
        m_list = 0;
        m_detail_thread = t.thread;
        for (auto* thread : threads_named(t.thread, ctx)) {
            thread->state = t.state;
            thread->wait_reason = trim_reason(t.rest);
        }
    }

    LineVerdict read_thread_detail(text::Line const& line, BlockContext& ctx) {
        if (auto thread = try_rule<ast::thread_detail>(line, g::thread_detail())) {
            on_thread(*thread, ctx);
            return LineVerdict::understood;
        }
        if (auto process = try_rule<ast::owning_process>(line, g::owning_process())) {
            for (auto* thread : threads_named(m_detail_thread, ctx)) {
                thread->process = process->process;
                thread->process_image = process->image;
            }
            return LineVerdict::understood;
        }
        if (auto list = try_rule<ast::thread_list>(line, g::thread_list())) {
            if (list->role != '-') {
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
        lock.address = h.address;
        lock.loc = ctx.loc(h.line);
        open(std::move(lock), ctx);
    }

    LineVerdict on_critsec_field(ast::critsec_field const& f, text::Line const& line,
                                 BlockContext& ctx) {
        auto* lock = current(ctx);
        if (lock == nullptr || lock->kernel) {
            if (f.key == 'd' || f.key == 'm' || f.key == 'p') {
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
        case 'l':
            lock->lock_count = model::Sourced<std::int64_t>{f.value, ctx.loc(f.line)};
            break;
        case 'r': lock->recursion_count = unsigned_value(); break;
        case 'o': lock->owning_thread = unsigned_value(); break;
        case 'e': lock->entry_count = unsigned_value(); break;
        case 'c':
            if (auto v = unsigned_value()) {
                lock->contention_count = model::Sourced<std::uint64_t>{*v, ctx.loc(f.line)};
            }
            break;
        case 'w': lock->waiter_woken = f.value != 0; break;
        case 'L': lock->locked = f.value != 0; break;
        default: break;  // DebugInfo, LockSemaphore, SpinCount: nothing dbgsift uses
        }
        return LineVerdict::understood;
    }

    LineVerdict read_stack_detail(text::Line const& line, BlockContext& ctx) {
        if (auto field = try_rule<ast::critsec_field>(line, g::critsec_field())) {
            m_mode = Mode::top;
            return on_critsec_field(*field, line, ctx);
        }
        return LineVerdict::ignored;  // "0x6A2137BD: ntdll!RtlInitializeCriticalSection+0x..."
    }

    // ---- shared --------------------------------------------------------------------------

    LineVerdict on_aside(char kind) {
        switch (kind) {
        case 'k':  // "Stack trace for DebugInfo = 0x6A262080:"
        case 'q':  // "OwningThread Stack ="
            m_mode = Mode::stack_detail;
            break;
        case '-':  // `!cs` separates sections with a rule of dashes
            m_mode = Mode::top;
            m_list = 0;
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
        m_list = 0;
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
        if (m_list != 0) {
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
    char m_list = 0;                       // 'o', 'x', 's': the list continuation rows extend
    std::uint64_t m_detail_thread = 0;
    bool m_after_annotation = false;
};

bool is_locks_command(std::string_view command) {
    char kind = 0;
    std::vector<diagnostic> scratch;
    return g::parse_line(command, 0, g::locks_command(), kind, scratch);
}

// A paste with no prompt: "KD: Scanning for held locks...", "Resource @ ...", "CritSec ... at ...".
bool is_locks_header(std::string_view line) {
    std::vector<diagnostic> scratch;
    char aside = 0;
    if (g::parse_line(line, 0, g::locks_aside(), aside, scratch)) {
        return aside == 's' || aside == 'd';
    }
    ast::resource_header resource;
    if (g::parse_line(line, 0, g::resource_header(), resource, scratch)) {
        return true;
    }
    ast::critsec_header critsec;
    return g::parse_line(line, 0, g::critsec_header(), critsec, scratch) && !critsec.symbol.empty();
}

// Critical sections live in a user-mode process; everything else !locks prints is kernel.
model::Target locks_header_target(std::string_view line) {
    std::vector<diagnostic> scratch;
    ast::critsec_header critsec;
    return g::parse_line(line, 0, g::critsec_header(), critsec, scratch) ? model::Target::user
                                                                          : model::Target::kernel;
}

} // namespace

CommandSpec locks_spec() {
    return {"locks", is_locks_command, is_locks_header,
            [](std::string_view) { return std::string("locks"); }, model::Target::kernel,
            []() -> std::unique_ptr<BlockParser> { return std::make_unique<LocksParser>(); },
            locks_header_target};
}

} // namespace dbgsift::parse
