// SPDX-License-Identifier: MIT
#include "allocator.hpp"

#if DBGSIFT_MIMALLOC
#include <fmt/format.h>
#include <mimalloc.h>

#include <cstring>
#include <string_view>
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

#if DBGSIFT_MIMALLOC
namespace {

// Large (2 MiB) pages for the heap, unless the environment sets MIMALLOC_LARGE_OS_PAGES (then
// every mimalloc default stands, the commit delay below included: the user's choice). A bulk
// run's heap is one 32 MiB mimalloc segment a thread, touched page by page: on 4 KiB pages each
// first touch is a page fault and most row reads a TLB miss. mimalloc asks for large pages with
// madvise, so without transparent huge pages nothing changes. A worker thread's first segment is
// committed at once as well (eager_commit_delay 0; mimalloc delays it by default, and a segment
// committed late gets small pages): -j 2 rendered each case's line into freshly committed pages.
// Measured on the bench archives (-j 1 on 16 MiB, 25 interleaved runs; -j 2 on 64 MiB):
//   page faults  -j 1: 1,850 -> 290; -j 2: 4,800 -> 350
//   CPU          -j 1 median 239 -> 211 ms, fastest 184 -> 161 ms
//   peak RSS     -j 1: 15 -> 21 MiB; -j 2: 33 -> 40 MiB
// The first segment is made at the first allocation, before main and before any constructor
// of ours: the options are set from .preinit_array, which the loader runs before every
// library's initialisers. glibc hands it the environment, read here without the C library.
void large_pages_unless_told(int, char**, char** envp) {
    auto is_set = [envp](std::string_view name) {  // "NAME=" leads an entry
        for (char** entry = envp; entry != nullptr && *entry != nullptr; ++entry) {
            if (std::strncmp(*entry, name.data(), name.size()) == 0) {
                return true;
            }
        }
        return false;
    };
    if (is_set("MIMALLOC_LARGE_OS_PAGES=")) {
        return;  // the user's word, which mimalloc reads itself
    }
    mi_option_enable(mi_option_large_os_pages);
    if (!is_set("MIMALLOC_EAGER_COMMIT_DELAY=")) {
        mi_option_set(mi_option_eager_commit_delay, 0);
    }
}

[[gnu::used, gnu::section(".preinit_array")]] void (*const k_set_before_first_allocation)(int, char**, char**) =
    large_pages_unless_told;

} // namespace
#endif
