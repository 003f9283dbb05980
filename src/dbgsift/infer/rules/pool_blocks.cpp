// SPDX-License-Identifier: MIT
// pool-tag-leak, read further from `!poolfind TAG` and `!pool ADDR` (HEURISTICS R4: confirm
// the dominant block size with !poolfind): how many blocks of the suspect tag exist, of
// which size, and which block a `!pool` query landed on. Runs after pool_tag_leak and only
// adds to its finding: a tag's blocks existing is not by itself a leak.
#include "rules_list.hpp"

#include "../../format/format.hpp"

#include <fmt/format.h>

#include <map>

namespace dbgsift::infer::rules {
namespace {

struct Count {
    std::size_t allocated = 0, free = 0;
    std::map<std::uint64_t, std::size_t> sizes;  // allocated blocks per size
    bool interrupted = false;
    std::vector<model::Loc> evidence;
};

Count count_blocks(model::Case const& c, std::string const& tag) {
    Count n;
    for (auto const& s : c.snapshots) {
        for (auto const& f : s.pool_finds) {
            for (auto const& b : f.blocks) {
                if (b.tag != tag) {
                    continue;  // "!poolfind *" lists every tag
                }
                if (n.evidence.size() < 3) {
                    n.evidence.push_back(b.loc);
                }
                if (b.allocated) {
                    ++n.allocated;
                    ++n.sizes[b.size];
                } else {
                    ++n.free;
                }
                n.interrupted = n.interrupted || f.interrupted;
            }
        }
    }
    return n;
}

std::optional<std::string> poolfind_reason(model::Case const& c, std::string const& tag,
                                           std::vector<model::Loc>& evidence) {
    auto const n = count_blocks(c, tag);
    if (n.allocated == 0 && n.free == 0) {
        return std::nullopt;
    }
    auto top = n.sizes.begin();
    for (auto it = n.sizes.begin(); it != n.sizes.end(); ++it) {
        top = it->second > top->second ? it : top;
    }
    std::string r = fmt::format("!poolfind {}: {} allocated and {} free blocks", tag, format::count(n.allocated),
                                format::count(n.free));
    if (top != n.sizes.end()) {
        r += fmt::format(", {} of the allocated ones of {}", format::count(top->second),
                        format::hex_bytes_cited(top->first));
    }
    r += n.interrupted ? " (the search was interrupted: a lower bound)" : "";
    r += "; blocks that exist now, each not necessarily leaked: a count that rises between two "
         "!poolfind runs confirms the leak";
    evidence.insert(evidence.end(), n.evidence.begin(), n.evidence.end());
    return r;
}

std::optional<std::string> pool_page_reason(model::Case const& c, std::string const& tag,
                                            std::vector<model::Loc>& evidence) {
    for (auto const& s : c.snapshots) {
        for (auto const& p : s.pool_pages) {
            for (auto const& b : p.blocks) {
                if (b.marked && b.tag == tag) {
                    evidence.push_back(b.loc);
                    std::string r = fmt::format("!pool: the queried address is in an {} {} block of {}",
                                                b.allocated ? "allocated" : "free", tag, format::hex_bytes_cited(b.size));
                    if (b.owner) {
                        // "Owning component : Unknown (update pooltag.txt)": the debugger's tag list
                        // does not know the tag, which says nothing about who owns it.
                        r += b.owner->empty() ? "; the debugger's pooltag.txt does not name its owner"
                                              : "; the debugger's pooltag.txt names its owner: " + *b.owner;
                    }
                    return r;
                }
            }
        }
    }
    return std::nullopt;
}

} // namespace

void pool_blocks(model::Case const& c, Options const& /*options*/, Report& report) {
    for (auto& f : report.findings) {
        if (f.pattern != Pattern::pool_tag_leak) {
            continue;
        }
        for (auto& k : f.culprits) {
            if (k.kind != CulpritKind::pooltag) {
                continue;
            }
            for (auto const& reason : {poolfind_reason(c, k.name, k.evidence), pool_page_reason(c, k.name, k.evidence)}) {
                if (reason) {
                    k.reasons.push_back(*reason);
                    report.rankings.pooltags.push_back({CulpritKind::pooltag, k.name, 0.2, {*reason}, k.evidence});
                }
            }
        }
    }
}

} // namespace dbgsift::infer::rules
