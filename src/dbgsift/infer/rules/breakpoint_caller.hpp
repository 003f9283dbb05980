// SPDX-License-Identifier: MIT
// The analyst's way round a handle trace cut at the API (handle_stacks.cpp): a breakpoint on
// the API, then `k`. Apart from the rule so that a test can compare its two forms.
#pragma once
#include "../../model/case.hpp"

namespace dbgsift::infer::rules {

// A listed `k` stack (corpus/htrace/003.txt, 004.txt) holding one of the recorded stack's
// named frames inner to its caller (its first frame past the API, infer/attribution.hpp):
// that caller, the frame both stacks share, and where the listed stack is.
struct BreakpointCaller {
    model::Frame const* caller = nullptr;
    model::Frame const* api = nullptr;  // the frame both stacks share
    model::Loc stack_loc;
};
BreakpointCaller breakpoint_caller(model::Case const& c, model::Stack const& recorded);
// The same answer, each listed stack's caller worked out before its frames are compared: for
// the test that compares both.
BreakpointCaller breakpoint_caller_asking_every_caller(model::Case const& c, model::Stack const& recorded);

} // namespace dbgsift::infer::rules
