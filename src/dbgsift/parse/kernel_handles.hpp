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
    // A PROCESS header was read: the table rows that follow belong to `process`.
    void on_process(model::Process const& process);
    // True when the line is a handle-table row; it is recorded in ctx.snapshot.handles.
    bool line(LineAttempts& attempt, BlockContext& ctx);

private:
    model::HandleSummary& summary(BlockContext& ctx, std::uint32_t line);
    model::HandleEntry* last_entry(BlockContext& ctx);

    std::optional<std::size_t> m_summary;  // index into ctx.snapshot.handles
    std::string m_process;
    std::optional<std::uint64_t> m_cid;
};

} // namespace dbgsift::parse
