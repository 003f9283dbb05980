// SPDX-License-Identifier: MIT
#include "dbgsift/parse/block_parser.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <vector>

TEST_SUITE_BEGIN("parse/block_context");

namespace {

struct Context {
    dbgsift::model::Snapshot snapshot;
    std::vector<dbgsift::model::Diagnostic> diagnostics;
    dbgsift::parse::BlockContext ctx{snapshot, diagnostics};
};

std::vector<std::uint64_t> list_of(std::size_t size, std::size_t room) {
    std::vector<std::uint64_t> v;
    v.reserve(room);
    v.resize(size);
    return v;
}

} // namespace

TEST_CASE("BlockContext::keep_list counts a done list's spare room while the input has room") {
    Context c;
    auto v = list_of(3, 32);
    c.ctx.keep_list(v);
    CHECK(v.capacity() == 32);  // not moved
    CHECK(c.ctx.spare_kept == 29 * sizeof(std::uint64_t));
    auto full = list_of(4, 4);
    c.ctx.keep_list(full);
    CHECK(c.ctx.spare_kept == 29 * sizeof(std::uint64_t));
}

TEST_CASE("BlockContext::keep_list fits a list to its size once the input is tight") {
    Context c;
    c.ctx.tight = true;
    SUBCASE("room for more than an eighth more goes back") {
        auto v = list_of(3, 32);
        c.ctx.keep_list(v);
        CHECK(v.size() == 3);
        CHECK(v.capacity() == 3);
    }
    SUBCASE("an eighth or less stays: moving the list would cost more than it gives") {
        auto v = list_of(16, 18);
        c.ctx.keep_list(v);
        CHECK(v.capacity() == 18);
    }
    CHECK(c.ctx.spare_kept == 0);
}

TEST_SUITE_END();
