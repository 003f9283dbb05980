// SPDX-License-Identifier: MIT
// Heap corruption reports -> model::HeapFailure. The heap manager prints its messages while the
// target runs, after a `g`, so they have no command of their own: a "HEAP[...]:" or
// "VERIFIER STOP" line opens a prompt-less block, which lasts until the next prompt. Lines of
// that block that belong to no report (the break that follows, register dumps) are the
// debugger's own event output, not a failed reading: they are ignored, not diagnosed.
#include "heap_failure.hpp"

#include "../../../grammars/heap_failure/heap_failure.hpp"
#include "../text/byte_table.hpp"
#include "../text/contains.hpp"
#include "../text/trim.hpp"
#include "commands.hpp"
#include "stack.hpp"

namespace dbgsift::parse {

namespace g = grammar;
using g::ast::failure_field_key;
using g::ast::heap_message_kind;

void HeapFailureReader::open(model::HeapFailure failure, BlockContext& ctx) {
    finish(ctx);
    m_open = std::move(failure);
}

model::HeapFailure& HeapFailureReader::current(BlockContext& ctx, std::uint32_t line) {
    if (!m_open) {
        model::HeapFailure f;
        f.loc = ctx.loc(line);
        open(std::move(f), ctx);
    }
    return *m_open;
}

void HeapFailureReader::finish(BlockContext& ctx) {
    if (m_open) {
        ctx.snapshot.heap_failures.push_back(std::move(*m_open));
        m_open.reset();
    }
    m_in_stack = false;
}

constexpr bool covers(std::string_view all, std::string_view firsts) {
    for (char const c : firsts) {
        if (all.find(c) == std::string_view::npos) {
            return false;
        }
    }
    return true;
}
// A rule whose start is missing here would silently never be tried: checked when compiled.
static_assert(covers(HeapFailureReader::k_report_starts, g::heap_message_starts) &&
              covers(HeapFailureReader::k_report_starts, g::heap_error_banner_starts) &&
              covers(HeapFailureReader::k_report_starts, g::heap_failure_field_starts) &&
              covers(HeapFailureReader::k_report_starts, g::verifier_stop_starts) &&
              covers(HeapFailureReader::k_report_starts, g::verifier_frame_starts));

bool HeapFailureReader::read_report(LineAttempts& attempt, BlockContext& ctx) {
    auto const number = attempt.line().number;
    boost::spirit::x3::unused_type none;
    // Rules are skipped by the line's first byte (grammar::*_starts, LineAttempts::may_start):
    // under !heap this is asked of every line, and almost none is part of a report.
    if (g::ast::heap_message m; attempt.may_start(g::heap_message_starts) && attempt.read(g::heap_message(), m)) {
        model::HeapFailure f;
        f.process = std::string(text::trim(m.process));
        f.loc = ctx.loc(number);
        switch (m.body.kind) {
        case heap_message_kind::modified_past_size:
            f.kind = model::HeapFailureKind::modified_past_size;
            f.type = model::HeapFailureType::buffer_overrun;
            f.block = m.body.a;
            f.modified_at = m.body.b;
            f.requested_size = m.body.n;
            break;
        case heap_message_kind::modified_after_free:
            f.kind = model::HeapFailureKind::modified_after_free;
            f.type = model::HeapFailureType::usage_after_free;
            f.block = m.body.a;
            f.modified_at = m.body.b;
            break;
        case heap_message_kind::invalid_address:
            f.kind = model::HeapFailureKind::invalid_address;
            f.type = model::HeapFailureType::invalid_argument;
            f.heap = m.body.a;
            f.block = m.body.b;
            f.function = std::move(m.body.function);
            break;
        case heap_message_kind::error_detected:
            f.kind = model::HeapFailureKind::heap_error;
            f.block = m.body.a;
            f.heap = m.body.b;
            break;
        }
        open(std::move(f), ctx);
        return true;
    }
    if (attempt.may_start(g::heap_error_banner_starts) && attempt.read(g::heap_error_banner(), none)) {
        // The box starts with a star rule; a report already open from "Heap error detected"
        // (the heap manager's own lines) is the same failure, so the box continues it.
        if (!m_open) {
            current(ctx, number);
        }
        return true;
    }
    if (g::ast::heap_failure_field f;
        attempt.may_start(g::heap_failure_field_starts) && attempt.read(g::heap_failure_field(), f)) {
        auto& failure = current(ctx, number);
        m_in_stack = false;
        switch (f.key) {
        case failure_field_key::error_type:
            failure.type = f.type;
            break;
        case failure_field_key::error_address:
            failure.block = f.a;
            break;
        case failure_field_key::heap_handle:
            failure.heap = f.a;
            break;
        case failure_field_key::stack_trace:
            m_in_stack = f.a == 0;  // "Stack trace:" lists frames; "available at X" does not
            break;
        case failure_field_key::parameter:
        case failure_field_key::last_valid_blocks:
        case failure_field_key::section:
            break;
        }
        return true;
    }
    if (g::ast::verifier_stop v; attempt.may_start(g::verifier_stop_starts) && attempt.read(g::verifier_stop(), v)) {
        model::HeapFailure f;
        f.kind = model::HeapFailureKind::verifier_stop;
        f.verifier_code = v.code;
        f.description = std::string(text::trim(v.description));
        f.loc = ctx.loc(number);
        open(std::move(f), ctx);
        return true;
    }
    if (attempt.may_start(g::verifier_frame_starts) && attempt.read(g::verifier_frame(), none)) {
        return true;
    }
    if (m_open && m_open->kind == model::HeapFailureKind::verifier_stop) {
        if (g::ast::verifier_parameter p; attempt.read(g::verifier_parameter(), p)) {
            switch (p.role) {
            case g::ast::verifier_role::heap: m_open->heap = p.value; break;
            case g::ast::verifier_role::block: m_open->block = p.value; break;
            case g::ast::verifier_role::size: m_open->requested_size = p.value; break;
            case g::ast::verifier_role::corruption: m_open->modified_at = p.value; break;
            case g::ast::verifier_role::other: break;
            }
            return true;
        }
    }
    if (m_in_stack && m_open) {
        if (model::Frame frame; read_frame(attempt, ctx, frame)) {
            m_open->stack.frames.push_back(std::move(frame));
            return true;
        }
    }
    return false;
}

namespace {

bool starts_report(std::string_view line) {
    auto const report = text::trim(line);
    // The literal prefilter: most lines stop here. "HEAP" opens a report only as a prefix,
    // "HEAP[app.exe]:" or "HEAP:" (no field starts with "HEAP"): a "HEAP_ENTRY" column
    // header stops here too.
    if (!text::starts_with_any(report, {"HEAP[", "HEAP:", "VERIFIER STOP"})) {
        return false;
    }
    g::ast::heap_message m;
    g::ast::heap_failure_field f;
    g::ast::verifier_stop v;
    return matches(report, g::heap_message(), m) || matches(report, g::heap_failure_field(), f) ||
           matches(report, g::verifier_stop(), v);
}

class HeapFailureParser final : public BlockParser {
public:
    LineVerdict line(text::Line const& line, BlockContext& ctx) override {
        LineAttempts attempt(line, ctx);
        return m_reader.read(attempt, ctx) ? LineVerdict::understood : LineVerdict::ignored;
    }
    void finish(BlockContext& ctx) override { m_reader.finish(ctx); }

private:
    HeapFailureReader m_reader;
};

} // namespace

CommandSpec heap_failure_spec() {
    CommandSpec spec{"heap-failure", [](std::string_view) { return false; }, starts_report,
                     [](std::string_view) { return std::string(); }, model::Target::user,
                     []() -> std::unique_ptr<BlockParser> { return std::make_unique<HeapFailureParser>(); }};
    spec.header_words = {"HEAP", "VERIFIER STOP"};  // what starts_report looks for first
    spec.header_firsts = "HV";  // starts_report's words start the line
    return spec;
}

} // namespace dbgsift::parse
