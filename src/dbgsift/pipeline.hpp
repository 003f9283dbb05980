// SPDX-License-Identifier: MIT
// The library's front door: paths in, a case (inputs + snapshots) out. The CLI, the golden
// tests and the fuzzers all go through here.
#pragma once
#include "model/case.hpp"
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace dbgsift {

// Files as given, folders recursed in sorted order (regular files only), "-" for stdin.
// A path that does not exist is kept, so reading it reports the error in its place.
// Entries of a folder that are not regular files (a dangling symlink, a FIFO, a socket, a
// device) are skipped; `skipped`, when given, gets each as "path: why". Hidden entries (a
// name starting with '.') are left out, a hidden folder's contents with it, and listed in
// `hidden` when given; a file or folder named as an argument is read whatever its name.
std::vector<std::string> expand_inputs(std::vector<std::string> const& args,
                                       std::vector<std::string>* skipped = nullptr,
                                       std::vector<std::string>* hidden = nullptr);

// Reads one input (a path or "-") as file `index` of a case. Never throws: an input that
// cannot be opened comes back with Input::error set.
model::Case read_path(std::string const& path, std::uint32_t index);

// Reads a whole buffer as one input (tests, fuzzers).
model::Case read_buffer(std::string_view bytes, std::string const& name = "<buffer>");

// Reads every path (on `jobs` threads of the work queue) and merges them, in the given order,
// into one case: a time series. `progress(done, total)` is called after each input, from the
// calling thread. What one case is for a run of many inputs: cases/run_cases.hpp.
model::Case read_all(std::vector<std::string> const& paths, unsigned jobs,
                     std::function<void(std::size_t, std::size_t)> const& progress = {});

} // namespace dbgsift
