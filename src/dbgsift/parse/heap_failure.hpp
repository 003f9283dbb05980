// SPDX-License-Identifier: MIT
// Reading heap corruption reports, wherever they appear: as their own prompt-less block (the
// heap manager's "HEAP[app.exe]: ..." messages and verifier stops, printed while the target
// runs) and inside `!heap` output (the extension's "HEAP ERROR DETECTED" box).
#pragma once
#include "../model/heap_failure.hpp"
#include "block_parser.hpp"
#include "line_attempts.hpp"
#include <optional>

namespace dbgsift::parse {

// Folds the lines of one report into a model::HeapFailure on ctx.snapshot.heap_failures.
class HeapFailureReader {
public:
    // True when the line belongs to a heap corruption report (it is then understood).
    bool read(LineAttempts& attempt, BlockContext& ctx);
    // Stores the report still open.
    void finish(BlockContext& ctx);

private:
    // read() past its first-byte gate: the line may be part of a report. Not inlined into
    // read(), so that the gate's many early answers do not pay to set up its frame.
    [[gnu::noinline]] bool read_report(LineAttempts& attempt, BlockContext& ctx);
    void open(model::HeapFailure failure, BlockContext& ctx);
    model::HeapFailure& current(BlockContext& ctx, std::uint32_t line);

    std::optional<model::HeapFailure> m_open;
    bool m_in_stack = false;  // after the box's "Stack trace:" line
};

} // namespace dbgsift::parse
