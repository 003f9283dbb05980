// SPDX-License-Identifier: MIT
// Walk the inputs, analyze, render, and map what happened to an exit code.
#pragma once
#include "options.hpp"

namespace dbgsift::cli {

// 0 done, 1 a finding at or above --fail-on, 2 usage error, 3 an input could not be read.
int run(Options const& options);

} // namespace dbgsift::cli
