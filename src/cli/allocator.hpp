// SPDX-License-Identifier: MIT
// Which allocator this binary was built with (meson option `allocator`), for --version.
#pragma once
#include <string>

namespace dbgsift::cli {

// "mimalloc 2.0.9" or "system (C library)".
std::string allocator_name();

} // namespace dbgsift::cli
