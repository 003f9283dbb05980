// SPDX-License-Identifier: MIT
// Reads one input: decode -> undress -> split into command blocks at prompts (or at a
// command's own header in a prompt-less paste) -> feed each block's lines to its parser.
// Streams: holds one line and the parsers' per-block state, never the whole input.
#pragma once
#include "../model/case.hpp"
#include <istream>
#include <string>

namespace dbgsift::segment {

// Diagnostics kept per input: the first ones by line, the rest only counted
// (Input::diagnostics_omitted), so a gigabyte of unreadable lines does not hold a gigabyte of
// messages. A person reads the first few; no corpus transcript comes near this many.
inline constexpr std::size_t k_max_kept_diagnostics = 10000;

// Reads `in` as one input named `path` and returns a case holding just that input and the
// snapshots it describes; every model::Loc it records names `file`, the index this input
// will have in the merged case.
model::Case read_input(std::istream& in, std::string const& path, std::uint32_t file = 0);

// Appends `part` (read with file == whole.inputs.size()) to `whole`, renumbering the
// snapshot ordinals so each target's snapshots stay in input order.
void merge_case(model::Case& whole, model::Case&& part);

} // namespace dbgsift::segment
