// SPDX-License-Identifier: MIT
// The attribution skip list, in the spirit of crash-signature skip lists (Mozilla Socorro's
// "irrelevant"/"prefix" signature lists, Windows Error Reporting's bucketing past the
// allocator): frames that are the mechanism of an allocation, never its reason.
#include "attribution.hpp"

#include "text.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace dbgsift::infer {
namespace {

enum class For { heap, handle, both };

// "*" alone matches anything; a trailing "*" matches a prefix; otherwise the whole name.
// Module and function compare case-insensitively (UMDH prints KERNEL32, WinDbg kernel32).
struct Skip {
    std::string_view module;
    std::string_view function;
    For purpose;
    std::string_view why;  // the source or the reason, in a few words
};

constexpr std::array k_skip_list{
    // The NT heap itself: RtlAllocateHeap, RtlpAllocateHeapInternal, RtlDebugAllocateHeap,
    // RtlAllocateHeapSlowly (MS docs, "Interpreting a Log Comparison": the first UMDH frames).
    Skip{"ntdll", "Rtl*Heap*", For::heap, "NT heap manager"},
    Skip{"ntdll", "RtlpCallInterceptRoutine", For::heap, "heap allocation intercept hook"},
    Skip{"ntdll", "RtlpDph*", For::heap, "full page heap (gflags +hpa)"},
    // +ust recording its own stack (seed 004: RtlLogStackBackTraceEx under RtlpAllocateHeap).
    Skip{"ntdll", "Rtl*StackTrace*", For::both, "stack trace database (+ust) logging"},
    Skip{"ntdll", "Rtl*StackBackTrace*", For::both, "stack trace database (+ust) logging"},
    // Win32 heap APIs: thin wrappers over RtlAllocateHeap.
    Skip{"kernel32", "HeapAlloc", For::heap, "Win32 heap API"},
    Skip{"kernelbase", "HeapAlloc", For::heap, "Win32 heap API"},
    Skip{"kernel32", "LocalAlloc", For::heap, "Win32 heap API"},
    Skip{"kernelbase", "LocalAlloc", For::heap, "Win32 heap API"},
    Skip{"kernel32", "GlobalAlloc", For::heap, "Win32 heap API"},
    Skip{"kernelbase", "GlobalAlloc", For::heap, "Win32 heap API"},
    Skip{"kernel32", "HeapReAlloc", For::heap, "Win32 heap API"},
    Skip{"kernelbase", "HeapReAlloc", For::heap, "Win32 heap API"},
    // The C/C++ runtimes, in any module: statically linked CRTs put them in the app itself
    // (MS docs example: MyApp!_heap_alloc_base ... MyApp!operator new, then MyApp!LeakyFunc).
    Skip{"*", "malloc", For::heap, "C runtime allocator"},
    Skip{"*", "calloc", For::heap, "C runtime allocator"},
    Skip{"*", "realloc", For::heap, "C runtime allocator"},
    Skip{"*", "_malloc_*", For::heap, "C runtime allocator"},
    Skip{"*", "_calloc_*", For::heap, "C runtime allocator"},
    Skip{"*", "_realloc_*", For::heap, "C runtime allocator"},
    Skip{"*", "_heap_alloc*", For::heap, "C runtime allocator"},
    Skip{"*", "_nh_malloc*", For::heap, "C runtime allocator"},
    Skip{"*", "_malloc_dbg", For::heap, "C runtime debug allocator"},
    Skip{"*", "operator new", For::heap, "C++ runtime allocator"},
    Skip{"*", "operator new[]", For::heap, "C++ runtime allocator"},
    Skip{"*", "_strdup", For::heap, "C runtime allocator"},
    Skip{"*", "_wcsdup", For::heap, "C runtime allocator"},
    // The runtime DLLs open handles for their callers too (fopen -> _wsopen_nolock ->
    // CreateFileW, _beginthreadex -> CreateThread): corpus/htrace/004.txt:441-451.
    Skip{"ucrtbase", "*", For::both, "Universal C runtime"},
    Skip{"ucrtbased", "*", For::both, "Universal C runtime (debug)"},
    Skip{"msvcrt", "*", For::both, "system C runtime"},
    Skip{"msvcr*", "*", For::both, "Visual C++ runtime"},
    Skip{"msvcp*", "*", For::heap, "Visual C++ runtime"},
    Skip{"vcruntime*", "*", For::heap, "Visual C++ runtime"},
    // Verifier and leak-tracker hooks (Application Verifier, DebugDiag LeakTrack).
    Skip{"verifier", "*", For::both, "Application Verifier hook"},
    Skip{"vrfcore", "*", For::both, "Application Verifier hook"},
    Skip{"vfbasics", "*", For::both, "Application Verifier hook"},
    Skip{"leaktrack", "*", For::both, "DebugDiag leak tracker hook"},
    Skip{"nt", "Vi*", For::both, "Driver Verifier hook"},
    Skip{"nt", "Vf*", For::both, "Driver Verifier hook"},
    // Creating, opening and duplicating a handle: the API is how, the caller is who.
    Skip{"kernel32", "Create*", For::handle, "Win32 handle-creating API"},
    Skip{"kernelbase", "Create*", For::handle, "Win32 handle-creating API"},
    Skip{"kernel32", "Open*", For::handle, "Win32 handle-opening API"},
    Skip{"kernelbase", "Open*", For::handle, "Win32 handle-opening API"},
    Skip{"kernel32", "DuplicateHandle*", For::handle, "Win32 DuplicateHandle"},
    Skip{"kernelbase", "DuplicateHandle*", For::handle, "Win32 DuplicateHandle"},
    Skip{"kernel32", "Base*", For::handle, "kernel32 internal helper"},
    Skip{"kernelbase", "Base*", For::handle, "kernelbase internal helper"},
    Skip{"ntdll", "Nt*", For::handle, "system call stub"},
    Skip{"ntdll", "Zw*", For::handle, "system call stub"},
    Skip{"ntdll", "KiFastSystemCall*", For::handle, "system call stub"},
    Skip{"ntdll", "Csr*", For::handle, "CSRSS client call"},
    Skip{"nt", "Nt*", For::handle, "kernel system service"},
    Skip{"nt", "Zw*", For::handle, "kernel system service"},
    Skip{"nt", "Ob*", For::handle, "object manager"},
    Skip{"nt", "Io*", For::handle, "I/O manager (IoCreateFile and friends)"},
    Skip{"nt", "Ki*", For::handle, "system service dispatch"},
    Skip{"nt", "Ps*", For::handle, "process manager"},
    Skip{"nt", "Iop*", For::handle, "I/O manager"},
    Skip{"nt", "Obp*", For::handle, "object manager"},
    Skip{"nt", "Ex*Handle*", For::handle, "executive handle table"},
    Skip{"wow64*", "*", For::handle, "WOW64 thunk"},
};

// Windows system DLLs: when one allocates on its caller's behalf (FindNextFileW filling a
// find buffer), the caller decides whether it is freed, so blame passes on to the first
// frame outside them. Only when the whole stack is system code is a system frame named.
constexpr std::array<std::string_view, 20> k_system_modules{
    "nt", "ntoskrnl", "ntkrnlpa", "ntkrnlmp",
    "ntdll", "kernel32", "kernelbase", "user32", "gdi32", "gdi32full", "win32u", "advapi32",
    "sechost", "rpcrt4", "combase", "ole32", "oleaut32", "shell32", "ws2_32", "crypt32"};

bool contains_ignoring_case_from(std::string_view text, std::string_view part, std::size_t from) {
    for (std::size_t at = from; at + part.size() <= text.size(); ++at) {
        if (equals_ignoring_case(text.substr(at, part.size()), part)) {
            return true;
        }
    }
    return false;
}

// A skip-list pattern read once: "*", "name", "stem*" or "head*middle*", lowered.
struct Pattern {
    enum class Kind { anything, whole, prefix, prefix_then_middle } kind = Kind::anything;
    std::string head;    // the whole name, the stem, or the part before the inner '*'
    std::string middle;  // prefix_then_middle only

    explicit Pattern(std::string_view pattern) {
        if (pattern == "*") {
            return;
        }
        auto const p = lower(pattern);
        if (!p.ends_with('*')) {
            kind = Kind::whole;
            head = p;
            return;
        }
        auto const stem = std::string_view(p).substr(0, p.size() - 1);
        auto const star = stem.find('*');
        if (star == std::string_view::npos) {
            kind = Kind::prefix;
            head = stem;
            return;
        }
        kind = Kind::prefix_then_middle;  // "rtl*heap*": the head, then the middle anywhere after it
        head = stem.substr(0, star);
        middle = stem.substr(star + 1);
    }

    bool matches(std::string_view text) const {
        switch (kind) {
        case Kind::anything: return true;
        case Kind::whole: return equals_ignoring_case(text, head);
        case Kind::prefix: return starts_with_ignoring_case(text, head);
        case Kind::prefix_then_middle:
            return starts_with_ignoring_case(text, head) && contains_ignoring_case_from(text, middle, head.size());
        }
        return false;
    }
};

// Which patterns of a list (at most 64, in list order) may match a name, by the name's first
// byte: a pattern other than "*" matches only names whose first byte, lowered, is its head's
// first. A frame was tested against every module pattern, and an application frame against
// every allocator name of the "*" group (issue 14).
class FirstByteIndex {
public:
    static constexpr std::size_t k_max_patterns = 64;

    explicit FirstByteIndex(std::vector<Pattern const*> const& patterns) {
        if (patterns.size() > k_max_patterns) {
            throw std::length_error("FirstByteIndex: more than 64 patterns in one list");
        }
        for (std::size_t i = 0; i < patterns.size(); ++i) {
            auto const& p = *patterns[i];
            auto const bit = std::uint64_t{1} << i;
            m_all |= bit;
            if (p.matches("")) {
                m_empty |= bit;
            }
            if (p.kind == Pattern::Kind::anything || p.head.empty()) {
                for (auto& byte : m_by_byte) {
                    byte |= bit;
                }
                continue;
            }
            // The bytes that lower to the head's first: itself, and its capital (a run reads
            // this table once, but every run starts by making it).
            auto const first = p.head.front();
            for (char const b : {first, text::is_ascii_lower(first) ? static_cast<char>(first - 'a' + 'A') : first}) {
                if (ascii_lower(b) == first) {
                    m_by_byte[static_cast<unsigned char>(b)] |= bit;
                }
            }
        }
    }
    // The patterns that may match `name`, one bit each; every pattern when not `indexed`.
    std::uint64_t candidates(std::string_view name, bool indexed) const {
        if (!indexed) {
            return m_all;
        }
        return name.empty() ? m_empty : m_by_byte[static_cast<unsigned char>(name.front())];
    }

private:
    std::array<std::uint64_t, 256> m_by_byte{};
    std::uint64_t m_empty = 0;
    std::uint64_t m_all = 0;
};

bool applies(For f, StackPurpose purpose) {
    return f == For::both || (f == For::heap) == (purpose == StackPurpose::heap_allocation);
}

// The skip list for one purpose, grouped by module pattern in the list's order: a frame's
// module is tested once per distinct pattern (16) rather than once per entry (80), and only
// against the entries of its purpose (a handle stack never asks the "*" group's allocator
// names, which most application frames would otherwise be tested against).
struct ModuleSkips {
    std::string_view pattern;  // as written in k_skip_list, to group the entries
    Pattern module;
    std::vector<Pattern> functions;
    std::optional<FirstByteIndex> by_function;  // of `functions`
};
struct PurposeSkips {
    std::vector<ModuleSkips> groups;
    std::optional<FirstByteIndex> by_module;  // of the groups' module patterns
};

template <typename T, typename Take>
std::vector<Pattern const*> patterns_of(std::vector<T> const& items, Take&& take) {
    std::vector<Pattern const*> out;
    for (auto const& item : items) {
        out.push_back(&take(item));
    }
    return out;
}

PurposeSkips skips_for(StackPurpose purpose) {
    PurposeSkips out;
    auto& groups = out.groups;
    for (auto const& skip : k_skip_list) {
        if (!applies(skip.purpose, purpose)) {
            continue;
        }
        auto group = std::find_if(groups.begin(), groups.end(),
                                  [&](ModuleSkips const& g) { return g.pattern == skip.module; });
        if (group == groups.end()) {
            group = groups.insert(groups.end(), ModuleSkips{skip.module, Pattern(skip.module), {}, {}});
        }
        group->functions.emplace_back(skip.function);
    }
    for (auto& group : groups) {
        group.by_function.emplace(patterns_of(group.functions, [](Pattern const& p) -> Pattern const& { return p; }));
    }
    out.by_module.emplace(patterns_of(groups, [](ModuleSkips const& g) -> Pattern const& { return g.module; }));
    return out;
}

PurposeSkips const& skips_by_module(StackPurpose purpose) {
    static PurposeSkips const heap = skips_for(StackPurpose::heap_allocation);
    static PurposeSkips const handle = skips_for(StackPurpose::handle_creation);
    return purpose == StackPurpose::heap_allocation ? heap : handle;
}

} // namespace

// The kernel image under its file names (kd prints "ntoskrnl!" on old systems, "nt!" now).
static std::string_view kernel_alias(std::string_view module) {
    constexpr std::size_t k_image_chars = 8;  // every name below: other modules are not compared
    if (module.size() != k_image_chars) {
        return module;
    }
    for (std::string_view image : {"ntoskrnl", "ntkrnlpa", "ntkrnlmp", "ntkrpamp"}) {
        if (equals_ignoring_case(module, image)) {
            return "nt";
        }
    }
    return module;
}

// The skip list's answer for a frame, testing the patterns FirstByteIndex allows when
// `indexed`, else every pattern.
static bool on_skip_list(model::Frame const& frame, StackPurpose purpose, bool indexed) {
    auto const module = kernel_alias(frame.module);
    std::string_view const function = frame.function;
    auto const& skips = skips_by_module(purpose);
    for (auto groups = skips.by_module->candidates(module, indexed); groups != 0; groups &= groups - 1) {
        auto const& group = skips.groups[static_cast<std::size_t>(std::countr_zero(groups))];
        if (!group.module.matches(module)) {
            continue;
        }
        for (auto skips_of = group.by_function->candidates(function, indexed); skips_of != 0;
             skips_of &= skips_of - 1) {
            auto const& skip = group.functions[static_cast<std::size_t>(std::countr_zero(skips_of))];
            if (skip.kind == Pattern::Kind::anything || (!function.empty() && skip.matches(function))) {
                return true;
            }
        }
    }
    return false;
}

bool is_skipped_frame(model::Frame const& frame, StackPurpose purpose) { return on_skip_list(frame, purpose, true); }

bool is_skipped_frame_testing_every_pattern(model::Frame const& frame, StackPurpose purpose) {
    return on_skip_list(frame, purpose, false);
}

bool is_system_module(std::string_view module) {
    return equals_any_ignoring_case(module, k_system_modules);
}

SkippedFrames::SkippedFrames(model::Stack const& stack, StackPurpose purpose) : m_skipped(stack.frames.size()) {
    for (std::size_t i = 0; i < stack.frames.size(); ++i) {
        if (is_skipped_frame(stack.frames[i], purpose)) {
            m_skipped[i] = 1;
            m_end = i + 1;
        }
    }
}

SkippedFrames const& SkippedFramesOfRuns::of(model::Stack const& stack) {
    auto const same_frame = [](model::Frame const& a, model::Frame const& b) {
        return a.module == b.module && a.function == b.function;
    };
    if (m_last == nullptr || !std::equal(stack.frames.begin(), stack.frames.end(), m_last->frames.begin(),
                                         m_last->frames.end(), same_frame)) {
        m_skipped.emplace(stack, m_purpose);
        m_last = &stack;
    }
    return *m_skipped;
}

model::Frame const* attributed_frame(model::Stack const& stack, StackPurpose purpose) {
    return attributed_frame(stack, SkippedFrames(stack, purpose));
}

model::Frame const* attributed_frame(model::Stack const& stack, SkippedFrames const& skipped) {
    model::Frame const* first_system = nullptr;
    auto const inner_end = skipped.mechanism_end();
    for (std::size_t i = 0; i < stack.frames.size(); ++i) {
        auto const& frame = stack.frames[i];
        if (skipped[i]) {
            continue;
        }
        if (frame.module.empty()) {
            if (i < inner_end) {
                // Inner to the API: a WOW64 !htrace lists the kernel side of the system call
                // first, unsymbolised (corpus/htrace/003.txt:18-31), then ntdll!NtOpenThread.
                continue;
            }
            return nullptr;  // the deciding frame has no symbol: name nothing rather than its caller
        }
        if (is_system_module(frame.module)) {
            first_system = first_system != nullptr ? first_system : &frame;
            continue;
        }
        return &frame;
    }
    return first_system;
}

model::Frame const* api_frame_at_end(model::Stack const& stack, StackPurpose purpose) {
    return api_frame_at_end(stack, SkippedFrames(stack, purpose));
}

model::Frame const* api_frame_at_end(model::Stack const& stack, SkippedFrames const& skipped) {
    auto const end = skipped.mechanism_end();
    if (end == 0 || end != stack.frames.size()) {
        return nullptr;  // no mechanism frame, or frames past it (named or not)
    }
    return &stack.frames[end - 1];
}

} // namespace dbgsift::infer
