// SPDX-License-Identifier: MIT
// pool_tag_leak over the acceptance cases, with the exhaustion finding pool_exhaustion would add.
#include "dbgsift/infer/rules/rules_list.hpp"
#include "dbgsift/pipeline.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <sstream>

namespace {
using namespace dbgsift;

// `exhausted`: a pool-exhaustion finding the pool rule would have made before this one runs.
infer::Report run(model::Case const& c, std::optional<infer::Pattern> exhausted = std::nullopt,
                  infer::PoolTagDb const* db = nullptr) {
    infer::Report r;
    if (exhausted) {
        r.findings.push_back({*exhausted, infer::Severity::high, 0.9, "test", {}, {}, {}});
    }
    infer::Options o;
    o.pooltags = db;
    infer::rules::pool_tag_leak(c, o, r);
    return r;
}

infer::Finding const* finding(infer::Report const& r, std::string_view pattern) {
    for (auto const& f : r.findings) {
        if (to_string(f.pattern) == pattern) {
            return &f;
        }
    }
    return nullptr;
}

model::Case acceptance(std::string const& name) {
    return read_path(std::string(CORPUS_DIR) + "/acceptance/" + name, 0);
}

bool mentions(std::vector<std::string> const& reasons, std::string_view what) {
    for (auto const& r : reasons) {
        if (r.find(what) != std::string::npos) {
            return true;
        }
    }
    return false;
}
} // namespace

TEST_SUITE_BEGIN("infer/pool_tag_leak");

TEST_CASE("seed003: Leak holds 97% of an exhausted nonpaged pool; myfault owns it") {
    auto const r = run(acceptance("seed003-leak.log"), infer::Pattern::nonpaged_pool_exhaustion);
    REQUIRE_FALSE(r.rankings.pooltags.empty());
    CHECK(r.rankings.pooltags[0].name == "Leak");
    CHECK(mentions(r.rankings.pooltags[0].reasons, "615,424,000 bytes (587 MB) of nonpaged pool (97% of the TOTAL row)"));
    auto const* f = finding(r, "pool-tag-leak");
    REQUIRE(f != nullptr);
    CHECK(f->severity == infer::Severity::high);
    CHECK(f->culprits.at(0).name == "Leak");
    CHECK(std::find(f->next_steps.begin(), f->next_steps.end(), "!poolfind Leak 0") != f->next_steps.end());
    CHECK(std::find(f->next_steps.begin(), f->next_steps.end(), "lmv m myfault") != f->next_steps.end());
    REQUIRE_FALSE(r.rankings.modules.empty());
    CHECK(r.rankings.modules[0].name == "myfault");
    CHECK(mentions(r.rankings.modules[0].reasons, "hit 2 addresses inside myfault"));
    SUBCASE("one snapshot: a note says a second would make it proof") {
        REQUIRE(r.notes.size() == 1);
        CHECK(r.notes[0].find("second") != std::string::npos);
    }
}

TEST_CASE("seed002 MyAV: an unknown tag tied to a driver unloaded six times beats the bigger CM") {
    auto const r = run(acceptance("seed002-myav.log"), infer::Pattern::paged_pool_exhaustion);
    REQUIRE(r.rankings.pooltags.size() >= 2);
    CHECK(r.rankings.pooltags[0].name == "MyAV");
    CHECK(r.rankings.pooltags[1].name == "CM");
    CHECK(r.rankings.pooltags[0].score > r.rankings.pooltags[1].score);
    CHECK(mentions(r.rankings.pooltags[0].reasons, "prefixes MyAVDrv.sys, which was unloaded 6 times"));
    CHECK(mentions(r.rankings.pooltags[1].reasons, "core Windows tag"));
    auto const* f = finding(r, "pool-tag-leak");
    REQUIRE(f != nullptr);
    CHECK(f->culprits.at(0).name == "MyAV");
    bool module_ranked = false;
    for (auto const& m : r.rankings.modules) {
        module_ranked |= m.name == "MyAVDrv.sys" && m.score >= 0.6;
    }
    CHECK(module_ranked);
}

TEST_CASE("seed002 Ddk: no Used column, 5,215,036 outstanding") {
    auto const r = run(acceptance("seed002-nonpaged-ddk.log"), infer::Pattern::nonpaged_pool_exhaustion);
    REQUIRE_FALSE(r.rankings.pooltags.empty());
    CHECK(r.rankings.pooltags[0].name == "Ddk");
    CHECK(mentions(r.rankings.pooltags[0].reasons, "5,215,036 allocations outstanding"));
    CHECK(mentions(r.rankings.pooltags[0].reasons, "retention"));
    auto const* f = finding(r, "pool-tag-leak");
    REQUIRE(f != nullptr);
    SUBCASE("the next steps ask for the bytes and for the owner") {
        CHECK(std::find(f->next_steps.begin(), f->next_steps.end(), "!poolused 2") != f->next_steps.end());
        CHECK(std::find(f->next_steps.begin(), f->next_steps.end(),
                        "!for_each_module s -a @#Base @#End \"Ddk\"") != f->next_steps.end());
    }
    SUBCASE("TCPt is churn, not retention") {
        bool churn = false;
        for (auto const& t : r.rankings.pooltags) {
            churn |= t.name == "TCPt" && mentions(t.reasons, "churn");
        }
        CHECK(churn);
    }
}

TEST_CASE("seed000: a small tag with an abnormal Diff, no !vm at all") {
    auto const r = run(acceptance("seed000-kernel.log"));
    REQUIRE(r.rankings.pooltags.size() == 2);
    CHECK(r.rankings.pooltags[0].name == "ABCD");
    CHECK(r.rankings.pooltags[1].name == "Even");
    auto const* f = finding(r, "pool-tag-leak");
    REQUIRE(f != nullptr);
    CHECK(f->severity == infer::Severity::medium);
}

TEST_CASE("seed002 Vista workstation: a healthy table gives no pool-tag-leak finding") {
    auto const r = run(acceptance("seed002-vista-np.log"));
    CHECK(finding(r, "pool-tag-leak") == nullptr);
    CHECK_FALSE(r.rankings.pooltags.empty());
}

TEST_CASE("--pooltag names the owner of an unknown tag") {
    std::vector<diagnostic> diags;
    std::istringstream in("Ddk  - mydrv.sys - our driver's default tag\n");
    auto const db = infer::PoolTagDb::load(in, diags);
    auto const r = run(acceptance("seed002-nonpaged-ddk.log"), infer::Pattern::nonpaged_pool_exhaustion, &db);
    bool owner = false;
    for (auto const& m : r.rankings.modules) {
        owner |= m.name == "mydrv.sys";
    }
    CHECK(owner);
}

TEST_CASE("two snapshots: growth is a reason and no one-snapshot note") {
    auto const c = read_buffer("0: kd> !poolused 2\n"
                               " Sorting by NonPaged Pool Consumed\n"
                               "               NonPaged                  Paged\n"
                               " Tag     Allocs         Used     Allocs         Used\n"
                               " Leak       100    100000000          0            0\tUNKNOWN pooltag 'Leak', please update pooltag.txt\n"
                               " Thre       600       774048          0            0\tThread objects , Binary: nt!ps\n"
                               "TOTAL     700    100774048          0            0\n"
                               "0: kd> !poolused 2\n"
                               " Sorting by NonPaged Pool Consumed\n"
                               "               NonPaged                  Paged\n"
                               " Tag     Allocs         Used     Allocs         Used\n"
                               " Leak       601    615424000          0            0\tUNKNOWN pooltag 'Leak', please update pooltag.txt\n"
                               " Thre       607       774048          0            0\tThread objects , Binary: nt!ps\n"
                               "TOTAL     1208   616198048          0            0\n");
    REQUIRE(c.snapshots.size() == 2);
    auto const r = run(c);
    REQUIRE_FALSE(r.rankings.pooltags.empty());
    CHECK(r.rankings.pooltags[0].name == "Leak");
    CHECK(mentions(r.rankings.pooltags[0].reasons, "grew by 515,424,000 bytes (100,000,000 -> 615,424,000, x6.2)"));
    CHECK(finding(r, "pool-tag-leak") != nullptr);
    CHECK(r.notes.empty());
}

TEST_CASE("no !poolused at all: nothing") {
    auto const r = run(read_buffer("0: kd> lm\nstart end module name\n"));
    CHECK(r.findings.empty());
    CHECK(r.rankings.pooltags.empty());
}

TEST_SUITE_END();
