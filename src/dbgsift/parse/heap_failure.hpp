// SPDX-License-Identifier: MIT
// Reading heap corruption reports, wherever they appear: as their own prompt-less block (the
// heap manager's "HEAP[app.exe]: ..." messages and verifier stops, printed while the target
// runs) and inside `!heap` output (the extension's "HEAP ERROR DETECTED" box).
#pragma once
#include "../model/heap_failure.hpp"
#include "../text/byte_table.hpp"
#include "block_parser.hpp"
#include "line_attempts.hpp"
#include <optional>

namespace dbgsift::parse {

// Folds the lines of one report into a model::HeapFailure on ctx.snapshot.heap_failures.
class HeapFailureReader {
public:
    // True when the line belongs to a heap corruption report (it is then understood).
    // Under !heap this is asked of every line and almost none is part of a report: a line no
    // rule can start, while no open report reads lines of its own (verifier parameters, the
    // box's stack), is answered here, before the call that builds the rules' attributes (its
    // frame alone cost more than this test). Inline: a call per line of every -p -a, -stat
    // and -flt block cost more than the test (issue 14).
    bool read(LineAttempts& attempt, BlockContext& ctx) {
        bool const open_reads_any = m_open && (m_in_stack || m_open->kind == model::HeapFailureKind::verifier_stop);
        if (!open_reads_any && !attempt.led_by(k_report_firsts)) {
            return false;
        }
        return read_report(attempt, ctx);
    }
    // Stores the report still open.
    void finish(BlockContext& ctx);

    // The first bytes of every rule read() tries on any line: heap_message_starts, heap_error_banner_starts,
    // heap_failure_field_starts, verifier_stop_starts, verifier_frame_starts (heap_failure.cpp
    // checks that it covers them).
    static constexpr std::string_view k_report_starts = "HEPLSDF*V=TwA";

private:
    // The same bytes as a table: one load where may_start searched the thirteen bytes (memchr) on
    // every line of every !heap block.
    static constexpr text::ByteTable k_report_firsts = text::bytes_of(k_report_starts);

    // read() past its first-byte gate: the line may be part of a report. Not inlined into
    // read(), so that the gate's many early answers do not pay to set up its frame.
    [[gnu::noinline]] bool read_report(LineAttempts& attempt, BlockContext& ctx);
    void open(model::HeapFailure failure, BlockContext& ctx);
    model::HeapFailure& current(BlockContext& ctx, std::uint32_t line);

    std::optional<model::HeapFailure> m_open;
    bool m_in_stack = false;  // after the box's "Stack trace:" line
};

} // namespace dbgsift::parse
