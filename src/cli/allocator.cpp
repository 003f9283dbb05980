// SPDX-License-Identifier: MIT
#include "allocator.hpp"

#if DBGSIFT_MIMALLOC
#include <fmt/format.h>
#include <mimalloc.h>
#endif

namespace dbgsift::cli {

std::string allocator_name() {
#if DBGSIFT_MIMALLOC
    // Asking mimalloc its version also keeps the library linked: with --as-needed (Meson's
    // default) a library the binary names no symbol of is dropped, and malloc with it.
    int const v = mi_version();  // 209 for 2.0.9
    return fmt::format("mimalloc {}.{}.{}", v / 100, v / 10 % 10, v % 10);
#else
    return "system (C library)";
#endif
}

} // namespace dbgsift::cli
