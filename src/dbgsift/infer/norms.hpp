// SPDX-License-Identifier: MIT
// The numbers the rules judge by, in one place: each norm names its signal, its unit (also in
// the constant's name) and where it comes from (Rn = a row of shared/HEURISTICS.md, with that
// row's source). A rule that needs a threshold takes it from here, never inline.
#pragma once
#include <array>
#include <cstdint>
#include <string_view>

namespace dbgsift::infer {

struct Norm {
    std::string_view signal;
    double value;
    std::string_view unit;
    std::string_view source;
};

namespace norms {

constexpr double k_kib = 1024.0;
constexpr double k_mib = 1024.0 * k_kib;
constexpr double k_gib = 1024.0 * k_mib;

// --- Growth between two snapshots of one machine (R1, R13, R22) ---------------------------
inline constexpr Norm growth_min_robust_z{
    "a change stands out from its peers' drift", 3.5, "robust z (MAD units)",
    "Iglewicz & Hoaglin's modified z-score cut-off 3.5; PoolMon's method is growth per tag (R1)"};
inline constexpr Norm growth_drift_floor_log{
    "smallest drift assumed between two snapshots", 0.02, "log ratio (~2%)",
    "counters of a live machine move a few percent between two reads; a flat table must not make "
    "every 1% change an outlier"};
inline constexpr Norm growth_min_factor{
    "smallest growth factor called growth", 1.25, "after/before",
    "R1: 'a steady increase over time' is the leak, a few percent is load"};
inline constexpr Norm pool_growth_min_bytes{
    "smallest pool tag growth in bytes", 64 * k_kib, "bytes",
    "16 pages: below this a tag's change is allocator noise (R1, PoolMon practice)"};
inline constexpr Norm pool_growth_min_allocs{
    "smallest growth in outstanding allocations", 100, "allocations",
    "R13: the mean size Bytes/Diff trends toward the leak size only over many allocations"};
inline constexpr Norm handle_growth_min{
    "smallest HandleCount growth of one process", 500, "handles",
    "R12 (PAL SystemOverview): handle trend > 100/h; 500 is five hours of that rate"};
inline constexpr Norm heap_growth_min_bytes{
    "smallest heap or address-class growth", 1 * k_mib, "bytes", "R14/R16: heap segments grow 16 MB at a time; 1 MB is the least that is not page noise"};
inline constexpr Norm heap_peer_growth_min_bytes{
    "smallest growth of a heap that stands out of the other heaps' drift", 256 * k_kib, "bytes",
    "R14/R1: with five or more heaps to compare, a quarter megabyte far outside their drift is a "
    "trend, not page noise"};
inline constexpr Norm contention_growth_min{
    "smallest growth of a lock's contention count", 20, "contentions",
    "R17: contention counts are cumulative since boot, so any rise between two reads is new "
    "contention; below 20 it is a handful of collisions"};
inline constexpr Norm stable_max_factor{
    "a large consumer whose change stays within this factor is 'large but stable'", 1.05,
    "after/before", "R1: a flat large consumer is load, not a leak"};

// --- Lockstep chains and work items (R3, R4) ----------------------------------------------
inline constexpr Norm lockstep_ratio_tolerance{
    "tags growing at a fixed ratio (1:1 or 2:1) belong to one chain", 0.03, "relative",
    "R3 (microsoft/WSL#40804): ratio 1.000 +- 0.03 or 2.0"};
inline constexpr Norm iowi_match_tolerance{
    "a tag's outstanding count equal to IoWI's", 0.005, "relative",
    "R4: counts 'within a fraction of a percent' mean the driver leaks work items"};
inline constexpr Norm iowi_min_outstanding{
    "IoWI outstanding count that is worth matching", 1000, "allocations",
    "R4: a handful of queued work items is normal; thousands outstanding are not"};

// --- Absolute pool norms (R2, R10, R21) -----------------------------------------------------
inline constexpr Norm pool_tag_huge_nonpaged_bytes{
    "one non-core tag's nonpaged bytes", 512 * k_mib, "bytes",
    "R21: NP > 500 MB in total is already excessive; one tag holding that much is a finding alone"};
inline constexpr Norm pool_tag_huge_paged_bytes{
    "one non-core tag's paged bytes", 1.5 * k_gib, "bytes", "R21: Paged > 1.5 GB is excessive"};
inline constexpr Norm pool_tag_huge_outstanding{
    "one non-core tag's outstanding allocations", 1000000, "allocations",
    "R2 (Windows-Containers#646): 7.5M allocations with 0 frees; a million live objects of one "
    "driver tag is not load"};
inline constexpr Norm pinned_free_ratio_max{
    "a tag that frees almost nothing", 0.01, "Frees/Allocs",
    "R2: WCsc 874 allocs / 0 frees beside WCfn 878/878"};
inline constexpr Norm siblings_free_ratio_min{
    "siblings that free almost everything", 0.9, "median Frees/Allocs", "R2"};
inline constexpr Norm pinned_min_allocs{
    "allocations before a free ratio means anything", 1000, "allocations", "R2"};
inline constexpr Norm leak_like_diff_share{
    "window in which nearly every allocation stayed", 0.9, "dDiff/dAllocs",
    "R13 (WPA AIFO): dDiff ~ dAllocs is allocated-inside-freed-outside, leak-like"};
inline constexpr Norm churn_allocs_per_diff{
    "window dominated by churn", 10, "dAllocs/dDiff", "R13: dAllocs >> dDiff is churn"};

// --- Handles and processes (R5, R6, R12) ----------------------------------------------------
inline constexpr Norm handles_baseline{
    "handles an ordinary process stays under", 10000, "handles",
    "R12 practice; Microsoft support's handle-leak baseline of about 10,000"};
inline constexpr Norm handles_high{
    "handles in one process", 16384, "handles",
    "R12 (PAL SystemOverview): > 16,384 handles per process, possible ephemeral port exhaustion"};
inline constexpr Norm system_file_handles_high{
    "File handles held by System (PID 4)", 50000, "handles",
    "R6: 161k to 1.05M File handles in PID 4 were filter-driver leaks"};
inline constexpr Norm zombie_min_count{
    "exited processes still referenced (ObjectTable 0, HandleCount 0)", 10, "processes",
    "R5 (Raymond Chen; Windows-Dev-Performance#137): a few are normal, dozens of one image are a "
    "handle leak in whoever holds them"};

// --- Machine-wide memory (R7, R8, R9, R10, R11, R16) ----------------------------------------
inline constexpr Norm commit_warn_share{"commit charge of the commit limit", 0.80, "share", "R9: PAL"};
inline constexpr Norm commit_critical_share{"commit charge of the commit limit", 0.90, "share", "R9: PAL"};
inline constexpr Norm np_max_share_of_ram{
    "computed nonpaged pool maximum, x64 Vista+", 0.75, "share of physical memory",
    "R10: PAL QuickSystemOverview, min(75% RAM, 128 GB)"};
inline constexpr Norm np_max_cap_bytes{"computed nonpaged pool maximum cap, x64", 128 * k_gib, "bytes", "R10"};
inline constexpr Norm pool_warn_share_of_max{"pool usage of its computed maximum", 0.60, "share", "R10: PAL"};
inline constexpr Norm pool_critical_share_of_max{"pool usage of its computed maximum", 0.80, "share", "R10: PAL"};
inline constexpr Norm free_ptes_warn{"free System PTEs, 32-bit", 20000, "PTEs", "R11: PAL"};
inline constexpr Norm free_ptes_critical{"free System PTEs, 32-bit", 8000, "PTEs", "R11: PAL"};
inline constexpr Norm address_free_share_exhausted{
    "free share of a 32-bit address space", 0.10, "share of total",
    "R16: the next 16-64 MB heap segment fails when less than a tenth is free"};
inline constexpr Norm address_largest_free_small_bytes{
    "largest free region of a 32-bit address space", 64 * k_mib, "bytes",
    "R16: heap segments double 16 -> 32 -> 64 MB; a largest free region below that fails them"};
inline constexpr Norm address_space_32bit_max_bytes{
    "largest address space a 32-bit process can have", 4 * k_gib, "bytes",
    "R16: 2 GB, 3 GB with /3GB, 4 GB for large-address-aware on x64"};
inline constexpr Norm heap_dominant_share_of_busy{
    "heap share of busy memory", 0.75, "share", "R15/R16: one class holding three quarters of "
    "busy memory is where the process's memory went"};
inline constexpr Norm heap_dominant_min_busy_bytes{
    "busy memory before a dominant class means anything", 100 * k_mib, "bytes",
    "R12 (PAL): private bytes trend > 100 MB/h is the magnitude PAL flags"};

inline constexpr Norm heap_fragmentation_high_percent{
    "a heap's external fragmentation", 50, "percent",
    "R14: 1 - largest free block / total free; half the free memory unusable for a big block"};

inline constexpr std::array k_all{
    &growth_min_robust_z, &growth_drift_floor_log, &growth_min_factor, &pool_growth_min_bytes,
    &pool_growth_min_allocs, &handle_growth_min, &heap_growth_min_bytes, &contention_growth_min,
    &stable_max_factor, &lockstep_ratio_tolerance, &iowi_match_tolerance, &iowi_min_outstanding,
    &pool_tag_huge_nonpaged_bytes, &pool_tag_huge_paged_bytes, &pool_tag_huge_outstanding,
    &pinned_free_ratio_max, &siblings_free_ratio_min, &pinned_min_allocs, &leak_like_diff_share,
    &churn_allocs_per_diff, &handles_baseline, &handles_high, &system_file_handles_high,
    &zombie_min_count, &commit_warn_share, &commit_critical_share, &np_max_share_of_ram,
    &np_max_cap_bytes, &pool_warn_share_of_max, &pool_critical_share_of_max, &free_ptes_warn,
    &free_ptes_critical, &address_free_share_exhausted, &address_largest_free_small_bytes,
    &address_space_32bit_max_bytes, &heap_dominant_share_of_busy, &heap_dominant_min_busy_bytes,
    &heap_fragmentation_high_percent, &heap_peer_growth_min_bytes};

} // namespace norms
} // namespace dbgsift::infer
