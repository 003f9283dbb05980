// SPDX-License-Identifier: MIT
#include "dbgsift/model/boxed.hpp"

#include <doctest/doctest.h>
#include <string>
#include <utility>

namespace {

struct Detail {
    std::string text;
    int count = 0;
};

using dbgsift::model::Boxed;

} // namespace

TEST_SUITE_BEGIN("model/boxed");

TEST_CASE("Boxed holds nothing until first written, then the value written") {
    Boxed<Detail> b;
    CHECK(b.get() == nullptr);
    b.fill().count = 3;
    REQUIRE(b.get() != nullptr);
    CHECK(b.get()->count == 3);
    b.fill().text = "00:00:53.132";  // the same block, not a new one
    CHECK(b.get()->count == 3);
    CHECK(b.get()->text == "00:00:53.132");
}

TEST_CASE("Boxed copies copy the value: the copy and the original go their own ways") {
    Boxed<Detail> a;
    a.fill() = {"first", 1};
    Boxed<Detail> b = a;
    REQUIRE(b.get() != nullptr);
    CHECK(b.get() != a.get());
    b.fill().text = "second";
    CHECK(a.get()->text == "first");
    CHECK(b.get()->text == "second");

    Boxed<Detail> empty;
    b = empty;  // an empty box copied over a full one empties it
    CHECK(b.get() == nullptr);
    b = a;
    CHECK(b.get()->text == "first");
    auto const& same = b;
    b = same;  // self-assignment keeps the value
    CHECK(b.get()->text == "first");
}

TEST_CASE("Boxed moves hand the block over") {
    Boxed<Detail> a;
    a.fill().count = 7;
    auto const* block = a.get();
    Boxed<Detail> b = std::move(a);
    CHECK(b.get() == block);
    Boxed<Detail> c;
    c = std::move(b);
    CHECK(c.get() == block);
    CHECK(c.get()->count == 7);
}

TEST_SUITE_END();
