// SPDX-License-Identifier: MIT
// Which frame of an allocation or handle stack to blame: the first one, innermost first,
// that is not the allocator, the C runtime, the API that creates the handle, or a hook
// of the tool that recorded the stack. The skip list is data (attribution.cpp).
#pragma once
#include "../model/stack.hpp"
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace dbgsift::infer {

enum class StackPurpose { heap_allocation, handle_creation };

// Which frames of one stack are on the skip list for a purpose, each frame tested once:
// attributed_frame needs every frame's answer and the outermost skipped one, and a handle
// stack that names nobody asks api_frame_at_end the same questions again.
class SkippedFrames {
public:
    SkippedFrames(model::Stack const& stack, StackPurpose purpose);
    bool operator[](std::size_t frame) const { return m_skipped[frame] != 0; }
    // One past the outermost skipped frame (0 when there is none): frames before it are the
    // API, the allocator or inside them.
    std::size_t mechanism_end() const { return m_end; }

private:
    std::vector<unsigned char> m_skipped;
    std::size_t m_end = 0;
};

// SkippedFrames of stacks met one after another, asked again only when a stack's modules and
// functions (all the skip list reads) differ from the last one's: the handles or blocks one
// leak made carry the same stack and are listed together (issue 14: the skip list was most
// of handle_stacks). Keeps a view of the last stack: it must outlive the next call.
class SkippedFramesOfRuns {
public:
    explicit SkippedFramesOfRuns(StackPurpose purpose) : m_purpose(purpose) {}
    SkippedFrames const& of(model::Stack const& stack);

private:
    StackPurpose m_purpose;
    model::Stack const* m_last = nullptr;
    std::optional<SkippedFrames> m_skipped;
};

// The frame to name, or nullptr when every frame is skipped or the deciding frame has no
// symbol. Frames of Windows system DLLs are passed over while an application frame follows.
model::Frame const* attributed_frame(model::Stack const& stack, StackPurpose purpose);
model::Frame const* attributed_frame(model::Stack const& stack, SkippedFrames const& skipped);

bool is_system_module(std::string_view module);

// The outermost recorded frame when the whole recorded stack is the mechanism (the API,
// the allocator, the hooks and unsymbolised frames inside them): the trace stopped before
// reaching the caller (!htrace keeps 16 frames). nullptr when a frame past them was recorded.
model::Frame const* api_frame_at_end(model::Stack const& stack, StackPurpose purpose);
model::Frame const* api_frame_at_end(model::Stack const& stack, SkippedFrames const& skipped);

// True when the frame is on the skip list for that purpose (exposed for tests).
bool is_skipped_frame(model::Frame const& frame, StackPurpose purpose);
// The same answer, every pattern tested rather than those the frame's first bytes allow: for
// the test that compares both.
bool is_skipped_frame_testing_every_pattern(model::Frame const& frame, StackPurpose purpose);

// WinDbg names an address by the nearest export when a module has no PDB; an offset this
// large means "DllRegisterServer+0x2bb83" is some unnamed function, not DllRegisterServer.
inline constexpr std::uint64_t k_export_only_offset = 0x10000;

} // namespace dbgsift::infer
