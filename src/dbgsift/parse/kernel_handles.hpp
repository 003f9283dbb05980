// SPDX-License-Identifier: MIT
// Kernel `!handle` table rows ("0004: Object: ... GrantedAccess: ...", "Object: ... Type: (...)
// Section", "HandleCount: 1  PointerCount: 2", "Directory Object: ... Name: ..."). They follow a
// PROCESS header, so both the `!handle` and the `!process` block parsers meet them: a
// prompt-less paste of `!handle 0 3 0 Section` is opened by its PROCESS line.
#pragma once
#include "line_attempts.hpp"

namespace dbgsift::parse {

class KernelHandleLines {
public:
    // A PROCESS header, ids or Image line was read: the table rows that follow start a new
    // table of that process.
    void on_process() { m_summary.reset(); }
    // True when the line is a handle-table row; it is recorded in ctx.snapshot.handles, in a
    // table named after `owner` (the process being read; nullptr before any) when it opens one.
    // The owner is read only then, not copied at each of its lines (issue 14).
    bool line(LineAttempts& attempt, BlockContext& ctx, model::Process const* owner);

private:
    model::HandleSummary& summary(BlockContext& ctx, std::uint32_t line, model::Process const* owner);
    model::HandleEntry* last_entry(BlockContext& ctx);

    std::optional<std::size_t> m_summary;  // index into ctx.snapshot.handles
};

} // namespace dbgsift::parse
