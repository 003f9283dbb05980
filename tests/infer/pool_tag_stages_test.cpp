// SPDX-License-Identifier: MIT
// pool-tag-leak's stages alone (infer/rules/pool_tag_stages.hpp): assessing a real table, and
// the one-snapshot chain rule on rows built by hand.
#include "dbgsift/infer/rules/pool_tag_stages.hpp"
#include "dbgsift/pipeline.hpp"
#include "support/files.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <array>

namespace {
using namespace dbgsift;
using infer::rules::pooltag::Suspect;

model::PoolTag row(std::string tag, std::uint64_t allocs, std::uint64_t frees, std::uint64_t used) {
    model::PoolTag r;
    r.tag = std::move(tag);
    r.nonpaged.allocs = allocs;
    r.nonpaged.frees = frees;
    r.nonpaged.diff = allocs - frees;
    r.nonpaged.used = used;
    return r;
}

// A loaded or unloaded module row: its name and start, as lm lists them.
model::Module module(std::string name, std::uint64_t start) {
    model::Module m;
    m.name = std::move(name);
    m.start = start;
    return m;
}

} // namespace

TEST_SUITE_BEGIN("infer/pool_tag_stages");

TEST_CASE("stage 1: every tag of a real !poolused table becomes one suspect with its row") {
    // corpus/poolused/002.txt: a !poolused 2 table sorted by nonpaged bytes
    auto const c = read_buffer(test::slurp(std::string(CORPUS_DIR) + "/poolused/002.txt"), "poolused/002.txt");
    infer::Report none;
    auto const ex = infer::rules::pooltag::exhausted_pools(none);
    CHECK(ex.pools.empty());
    infer::rules::pooltag::ModuleIndex const mods(c);
    auto const suspects = infer::rules::pooltag::assess_tables(c, {}, ex, mods).suspects;
    REQUIRE(!c.snapshots.empty());
    REQUIRE(!c.snapshots[0].pool.empty());
    CHECK(suspects.size() == c.snapshots[0].pool[0].tags.size());
    for (auto const& k : suspects) {
        REQUIRE(k.row != nullptr);
        CHECK(k.row->tag == k.tag);
        CHECK(k.pool == model::PoolKind::nonpaged);
        CHECK(k.score >= 0.0);
        CHECK(k.score <= 1.0);
    }
}

TEST_CASE("stage 1: one suspect per tag, in tag order, the row with the best score standing for it") {
    model::Case c;
    for (std::uint64_t used : {1000u, 900000u}) {  // the second snapshot's Abcd row scores higher
        auto& t = c.snapshots.emplace_back().pool.emplace_back();
        t.has_nonpaged = t.has_used = t.has_diff = true;
        for (auto const* tag : {"Zzzz", "Abcd", "Mmmm", "Ab"}) {
            t.tags.push_back(row(tag, 100, 10, std::string_view(tag) == "Abcd" ? used : 1000));
            t.tags.back().loc.line = static_cast<std::uint32_t>(t.tags.size() + 10 * c.snapshots.size());
        }
    }
    infer::rules::pooltag::ModuleIndex const mods(c);
    auto const suspects = infer::rules::pooltag::assess_tables(c, {}, {}, mods).suspects;
    std::vector<std::string> tags;
    for (auto const& k : suspects) {
        tags.push_back(k.tag);
    }
    CHECK(tags == std::vector<std::string>{"Ab", "Abcd", "Mmmm", "Zzzz"});
    REQUIRE(suspects.size() == 4);
    CHECK(suspects[1].row == &c.snapshots[1].pool[0].tags[1]);
    CHECK(suspects[1].totals == 1);
    CHECK(suspects[1].evidence.back() == suspects[1].row->loc);
}

TEST_CASE("stage 1: one suspect per tag, in tag order, each its own tag's row, for every corpus case") {
    std::size_t seen = 0;
    for (auto const* dir : {"/poolused", "/acceptance", "/series"}) {
        for (auto const& path : test::paths_under(std::string(CORPUS_DIR) + dir)) {
            auto const c = read_buffer(test::slurp(path), path.filename().string());
            infer::rules::pooltag::ModuleIndex const mods(c);
            auto const assessed = infer::rules::pooltag::assess_tables(c, {}, {}, mods);
            for (std::size_t i = 0; i < assessed.suspects.size(); ++i) {
                auto const& k = assessed.suspects[i];
                REQUIRE(k.row != nullptr);
                CHECK(k.row->tag == k.tag);
                CHECK(k.totals < assessed.totals.size());
                CHECK((!k.evidence.empty() && k.evidence.back() == k.row->loc));
                if (i > 0) {
                    CHECK_MESSAGE(assessed.suspects[i - 1].tag < k.tag, path.string());
                }
                ++seen;
            }
        }
    }
    CHECK(seen > 0);
}

TEST_CASE("in_score_order: only when a stable sort best first would change nothing, on corpus scores and edges") {
    auto const stable_order_kept = [](std::vector<double> const& scores) {
        std::vector<std::size_t> order(scores.size());
        for (std::size_t i = 0; i < order.size(); ++i) {
            order[i] = i;
        }
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
        for (std::size_t i = 0; i < order.size(); ++i) {
            if (order[i] != i) {
                return false;
            }
        }
        return true;
    };
    auto const suspects_scored = [](std::vector<double> const& scores) {
        std::vector<Suspect> out(scores.size());
        for (std::size_t i = 0; i < scores.size(); ++i) {
            out[i].score = scores[i];
        }
        return out;
    };
    double const nan = std::numeric_limits<double>::quiet_NaN();
    std::vector<std::vector<double>> lists{{}, {0.5}, {nan}, {0.9, 0.9, 0.1}, {0.1, 0.9}, {0.9, 0.5, 0.5, 0.7},
                                           {1, nan, 2}, {2, nan, 1}, {nan, 1}, {1, nan}, {0, -0.0, 0}};
    for (auto const* dir : {"/poolused", "/acceptance", "/series"}) {
        for (auto const& path : test::paths_under(std::string(CORPUS_DIR) + dir)) {
            auto const c = read_buffer(test::slurp(path), path.filename().string());
            infer::rules::pooltag::ModuleIndex const mods(c);
            std::vector<double> scores;
            for (auto const& k : infer::rules::pooltag::assess_tables(c, {}, {}, mods).suspects) {
                scores.push_back(k.score);
            }
            lists.push_back(scores);  // tag order
            std::stable_sort(scores.begin(), scores.end(), std::greater<>());
            lists.push_back(scores);  // best first, ties kept
            if (scores.size() > 1) {
                std::swap(scores.front(), scores.back());
                lists.push_back(scores);
            }
        }
    }
    std::size_t in_order = 0;
    for (auto const& scores : lists) {
        bool const fast = infer::rules::pooltag::in_score_order(suspects_scored(scores));
        bool const has_nan = std::any_of(scores.begin(), scores.end(), [](double v) { return std::isnan(v); });
        CHECK_MESSAGE(fast == (stable_order_kept(scores) && !has_nan), scores.size());
        in_order += fast;
    }
    MESSAGE(lists.size() << " score lists, " << in_order << " already in order");
    CHECK(in_order > 0);
}

TEST_CASE("stage 3: only suspects that can be reported are put into words, between stage 2's reasons") {
    // corpus/poolused/002.txt:21: ConT, 5,935,104 bytes of nonpaged pool, UNKNOWN to pooltag.txt
    auto const c = read_buffer(test::slurp(std::string(CORPUS_DIR) + "/poolused/002.txt"), "poolused/002.txt");
    infer::Report none;
    auto const ex = infer::rules::pooltag::exhausted_pools(none);
    infer::rules::pooltag::ModuleIndex const mods(c);
    auto assessed = infer::rules::pooltag::assess_tables(c, {}, ex, mods);
    auto& suspects = assessed.suspects;
    std::stable_sort(suspects.begin(), suspects.end(), [](Suspect const& a, Suspect const& b) { return a.score > b.score; });
    REQUIRE(suspects.size() > infer::rules::pooltag::k_ranked_always);
    for (auto const& k : suspects) {
        CHECK(k.reasons.empty());  // scored only
    }
    auto const cont = std::find_if(suspects.begin(), suspects.end(), [](Suspect const& k) { return k.tag == "ConT"; });
    REQUIRE(cont != suspects.end());
    REQUIRE(cont - suspects.begin() < static_cast<std::ptrdiff_t>(infer::rules::pooltag::k_ranked_always));
    cont->leads.push_back("lead");
    cont->trailing.push_back("trailing");
    infer::rules::pooltag::describe_reported(suspects, assessed.totals, assessed.owners, mods, {});
    REQUIRE(cont->reasons.size() >= 4);
    CHECK(cont->reasons.front() == "lead");
    CHECK(cont->reasons[1].find("of nonpaged pool") != std::string::npos);
    CHECK(std::find(cont->reasons.begin(), cont->reasons.end(), "unknown to the debugger's pooltag.txt") !=
          cont->reasons.end());
    CHECK(cont->reasons.back() == "trailing");
    CHECK(cont->leads.empty());
    // The last row scores low and convinces no one: never ranked, never worded.
    auto const& last = suspects.back();
    REQUIRE(last.score < infer::rules::pooltag::k_ranked_min_score);
    REQUIRE_FALSE(last.convincing);
    CHECK(last.reasons.empty());
}

TEST_CASE("stage 2: tags at a fixed ratio to the best suspect are one chain under its root") {
    model::PoolUsedTable t;
    t.has_nonpaged = t.has_frees = t.has_diff = t.has_used = true;
    t.tags.push_back(row("Objt", 60000, 10000, 5000000));  // 50,000 outstanding, a core-looking tag
    t.tags.push_back(row("MyDr", 50100, 100, 3000000));    // 50,000 outstanding: the same chain
    t.tags.push_back(row("Else", 90000, 60000, 1000000));  // 30,000: no fixed ratio
    std::vector<Suspect> suspects(3);
    for (std::size_t i = 0; i < 3; ++i) {
        suspects[i].tag = t.tags[i].tag;
        suspects[i].row = &t.tags[i];
        suspects[i].table = &t;
        suspects[i].score = 0.7 - 0.1 * static_cast<double>(i);
    }
    suspects[0].convincing = true;
    suspects[0].core = true;
    infer::rules::pooltag::weigh_fixed_ratios(suspects);
    // MyDr frees least and is not core: the root; Objt is named under it, Else untouched
    CHECK(suspects[1].convincing);
    CHECK(suspects[1].chain.find("Objt") != std::string::npos);
    CHECK(suspects[1].score == doctest::Approx(0.71));
    CHECK_FALSE(suspects[0].convincing);
    CHECK(suspects[2].chain.empty());
    CHECK(suspects[2].score == doctest::Approx(0.5));
}


TEST_CASE("ModuleIndex::named_from: modules a tag prefixes, any case, loaded ones first, each as listed") {
    model::Case c;
    c.snapshots.emplace_back();
    auto& s = c.snapshots.back();
    s.modules = {module("nt", 0x1000), module("myavflt", 0x2000), module("MyAVDrv", 0x3000), module("MyA", 0x4000)};
    s.unloaded_modules = {module("MYAVOLD.sys", 0x5000), module("other.sys", 0x6000)};
    infer::rules::pooltag::ModuleIndex const index(c);
    std::vector<std::string> names;
    for (auto const* named : index.named_from("MyAV")) {
        names.push_back(named->module->name + (named->unloaded ? " (unloaded)" : ""));
    }
    CHECK(names == std::vector<std::string>{"myavflt", "MyAVDrv", "MYAVOLD.sys (unloaded)"});
    CHECK(index.named_from("Zzzz").empty());
}

TEST_CASE("ModuleIndex: a module listed in several snapshots is its first row; another start is another module") {
    model::Case c;
    c.snapshots.emplace_back().modules = {module("nt", 0x1000), module("MyAVDrv", 0x3000)};
    c.snapshots.emplace_back().modules = {module("myavdrv", 0x3000), module("NT", 0x1000), module("MyAVDrv", 0x9000),
                                          module("fltmgr", 0x2000)};
    infer::rules::pooltag::ModuleIndex const index(c);
    std::vector<model::Module const*> const expected{&c.snapshots[0].modules[0], &c.snapshots[0].modules[1],
                                                     &c.snapshots[1].modules[2], &c.snapshots[1].modules[3]};
    CHECK(index.loaded == expected);
    std::vector<std::uint64_t> starts;
    for (auto const* named : index.named_from("myav")) {
        starts.push_back(named->module->start);
    }
    CHECK(starts == std::vector<std::uint64_t>{0x3000, 0x9000});
}

TEST_CASE("ModuleIndex: rows at one start are told apart by name, however many share it") {
    // The first rows are found by their start alone, then by name: every row here shares a
    // slot's start (the table's probing wraps around), and an empty case keeps none.
    CHECK(infer::rules::pooltag::ModuleIndex(model::Case{}).loaded.empty());
    model::Case c;
    c.snapshots.resize(2);
    auto& first = c.snapshots[0].modules;
    auto& second = c.snapshots[1].modules;
    for (int i = 0; i < 40; ++i) {
        first.push_back(module("mod" + std::to_string(i), 0x7000));
        second.push_back(module("MOD" + std::to_string(39 - i), 0x7000));
        second.push_back(module("mod" + std::to_string(i), 0x8000 + static_cast<std::uint64_t>(i)));
    }
    infer::rules::pooltag::ModuleIndex const index(c);
    std::vector<model::Module const*> expected;
    for (auto const& m : first) {
        expected.push_back(&m);
    }
    for (std::size_t i = 1; i < second.size(); i += 2) {
        expected.push_back(&second[i]);
    }
    CHECK(index.loaded == expected);
}

TEST_CASE("ModuleIndex::named_from: what a walk over every name finds, however names share their leading bytes") {
    // The index files names under their first three bytes: names equal there, names that
    // are prefixes of others, bytes past ASCII, and prefixes shorter than three bytes.
    model::Case c;
    std::vector<std::string> const names{"MyAVDrvExtra.sys", "myavdrv", "MYAVDRVEX", "myavdrvextr", "myav",
                                         "my",               "myavdrv\xe9", "myavdrvextra", "MyAVDrvExtra2", "ntoskrnl",
                                         "ntos",             "nt",       "myavdrvexu",   "myavdrvext\x01", ""};
    auto& s = c.snapshots.emplace_back();
    for (std::size_t i = 0; i < names.size(); ++i) {
        (i % 3 == 2 ? s.unloaded_modules : s.modules).push_back(module(names[i], 0x1000 * (i + 1)));
    }
    infer::rules::pooltag::ModuleIndex const index(c);
    auto walk = [&](std::string_view prefix) {
        std::vector<model::Module const*> out;
        for (auto const* list : {&index.loaded, &index.unloaded}) {
            for (auto const* m : *list) {
                if (infer::lower(m->name).starts_with(infer::lower(prefix))) {
                    out.push_back(m);
                }
            }
        }
        return out;
    };
    for (std::string_view const prefix : {"m", "my", "MYA", "myav", "myavdrv", "myavdrve", "myavdrvex", "myavdrvext",
                                          "myavdrvextra", "myavdrvextra.", "myavdrv\xe9", "nt", "ntos", "ntoskrnl",
                                          "ntoskrnlx", "zz", ""}) {
        std::vector<model::Module const*> found;
        for (auto const* named : index.named_from(prefix)) {
            found.push_back(named->module);
        }
        CHECK_MESSAGE(found == walk(prefix), std::string(prefix));
    }
}

TEST_CASE("ModuleIndex::named_from: what a walk over every name finds, for every corpus tag and module name") {
    std::size_t asked = 0, found_some = 0;
    for (auto const* dir : {"/poolused", "/acceptance", "/series", "/lm"}) {
        for (auto const& path : test::paths_under(std::string(CORPUS_DIR) + dir)) {
            auto const c = read_buffer(test::slurp(path), path.filename().string());
            infer::rules::pooltag::ModuleIndex const index(c);
            std::vector<std::string> prefixes;
            for (auto const& s : c.snapshots) {
                for (auto const& t : s.pool) {
                    for (auto const& row : t.tags) {
                        prefixes.push_back(row.tag);
                    }
                }
                for (auto const* list : {&s.modules, &s.unloaded_modules}) {
                    for (auto const& m : *list) {
                        for (std::size_t n : {std::size_t{2}, std::size_t{3}, std::size_t{4}, m.name.size()}) {
                            prefixes.push_back(m.name.substr(0, n));
                        }
                    }
                }
            }
            for (auto const& prefix : prefixes) {
                std::vector<model::Module const*> walked;
                for (auto const* list : {&index.loaded, &index.unloaded}) {
                    for (auto const* m : *list) {
                        if (infer::lower(m->name).starts_with(infer::lower(prefix))) {
                            walked.push_back(m);
                        }
                    }
                }
                std::vector<model::Module const*> found;
                for (auto const* named : index.named_from(prefix)) {
                    found.push_back(named->module);
                }
                CHECK_MESSAGE(found == walked, (path.string() + ": " + prefix));
                ++asked;
                found_some += !found.empty();
            }
        }
    }
    MESSAGE(asked << " prefixes asked, " << found_some << " name a module");
    CHECK(found_some > 0);
}

TEST_CASE("core tags: a prefix of the kernel's own, or one of the exact names") {
    using infer::rules::pool::is_core_tag;
    CHECK(is_core_tag("CM31"));  // corpus/poolused: the configuration manager's tags
    CHECK(is_core_tag("MmSt"));
    CHECK(is_core_tag("ALPC"));
    CHECK(is_core_tag("Key1"));  // the "Ke" prefix
    CHECK(is_core_tag("Driv"));  // exact only
    CHECK_FALSE(is_core_tag("Dri"));
    CHECK_FALSE(is_core_tag("Drive"));
    CHECK(is_core_tag("Muta"));
    CHECK_FALSE(is_core_tag("Mut"));
    CHECK_FALSE(is_core_tag("MyAV"));
    CHECK_FALSE(is_core_tag("C"));
    CHECK_FALSE(is_core_tag(""));
}

TEST_CASE("TagOwners::strongest: the strength of owners_of's first owner, for every row of every corpus table") {
    using namespace infer::rules::pooltag;
    // A --pooltag file that names an owner, a core one, an unknown one, and one by wildcard.
    infer::PoolTagDb db;
    db.add({"ConT", "contoso.sys", "", 1});  // corpus/poolused/002.txt:21
    db.add({"MmSt", "ntfs.sys", "", 2});
    db.add({"Ddk ", "<unknown>", "", 3});
    db.add({"MyA*", "MyAVDrv.sys", "", 4});
    infer::Options with_file;
    with_file.pooltags = &db;
    infer::Options const without_file;
    std::size_t rows = 0, by_hit = 0, by_prefix = 0;
    for (auto const* dir : {"/poolused", "/acceptance", "/series"}) {
        for (auto const& path : test::paths_under(std::string(CORPUS_DIR) + dir)) {
            auto const c = read_buffer(test::slurp(path), path.filename().string());
            ModuleIndex const mods(c);
            for (auto const& s : c.snapshots) {
                for (auto const& t : s.pool) {
                    for (auto const& row : t.tags) {
                        for (auto const* options : std::array<infer::Options const*, 2>{&with_file, &without_file}) {
                            auto const& o = *options;
                            // The tag's part asked once (assess_tables), the row's Binary
                            // once a row: a row is core when its tag or its Binary is.
                            TagOwners const tag_owners(row.tag, mods, o);
                            CHECK(tag_owners.core_tag() == infer::rules::pool::is_core_tag(row.tag));
                            bool const core_binary =
                                !row.binary.empty() && infer::rules::pool::is_core_binary(row.binary);
                            bool const core = tag_owners.core(core_binary);
                            CHECK(core == (tag_owners.core_tag() || core_binary));
                            auto const owners = owners_of(row.tag, row, core, mods, o);
                            double const walked = owners.empty() ? 0.0 : owners.front().strength;
                            CHECK_MESSAGE(tag_owners.strongest(row, core_binary) == walked,
                                          (path.string() + ": " + row.tag));
                            bool const about_a_hit = std::any_of(mods.hits.begin(), mods.hits.end(), [&](auto const* h) {
                                return h->pattern == row.tag || h->text.find(row.tag) != std::string::npos;
                            });
                            CHECK_MESSAGE((mods.may_be_about_a_hit(row.tag) || !about_a_hit), row.tag);
                            ++rows;
                            by_hit += !owners.empty() && owners.front().reason.starts_with("a memory search");
                            by_prefix += !owners.empty() && owners.front().reason.starts_with("its name prefixes");
                        }
                    }
                }
            }
        }
    }
    MESSAGE(rows << " rows, strongest by a hit " << by_hit << ", by a prefix " << by_prefix);
    CHECK(by_hit > 0);
    CHECK(by_prefix > 0);
}

TEST_CASE("core tags: the first-byte index finds what a walk over every core name finds") {
    using infer::rules::pool::is_core_tag;
    using infer::rules::pool::k_core_tag_names;
    auto const walk = [](std::string_view tag) {
        return std::any_of(k_core_tag_names.begin(), k_core_tag_names.end(), [tag](auto const& core) {
            return core.prefix ? tag.starts_with(core.name) : tag == core.name;
        });
    };
    std::vector<std::string> tags{"", "C", "Cm", "CM", "Muta", "Muta ", "Mut", "Obtb", "ObNm", " CM", "cm31", "\xff"};
    for (auto const* dir : {"/poolused", "/acceptance", "/series", "/pool", "/poolmon"}) {
        for (auto const& path : test::paths_under(std::string(CORPUS_DIR) + dir)) {
            auto const c = read_buffer(test::slurp(path), path.filename().string());
            for (auto const& s : c.snapshots) {
                for (auto const& t : s.pool) {
                    for (auto const& row : t.tags) {
                        tags.push_back(row.tag);
                    }
                }
            }
        }
    }
    std::size_t core = 0;
    for (auto const& tag : tags) {
        CHECK_MESSAGE(is_core_tag(tag) == walk(tag), tag);
        core += walk(tag);
    }
    MESSAGE(tags.size() << " tags, " << core << " core");
    CHECK(core > 0);
    CHECK(core < tags.size());
}

TEST_CASE("core binaries: any case, without a lowered copy") {
    std::vector<std::pair<std::string_view, bool>> const answers{
        {"ntfs.sys", true}, {"NTFS.SYS", true},    {"Nt!Mm", true},        {"HAL", true},          {"nt  ", true},
        {"nt", false},      {"ntfs.sy", false},    {"ntfs.sys ", false},   {"MyAVDrv.sys", false}, {"", false}};
    // Not a structured binding: clang 14 cannot capture one in CHECK_MESSAGE's lambda.
    for (auto const& answer : answers) {
        CHECK_MESSAGE(infer::rules::pool::is_core_binary(answer.first) == answer.second, std::string(answer.first));
    }
}

TEST_SUITE_END();
