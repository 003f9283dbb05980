// SPDX-License-Identifier: MIT
// JsonWriter::MemberRun and ObjectRun write what the writer's own member() and begin/end_object()
// write, and stay in the room they make.
#include "dbgsift/report/json_writer.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

TEST_SUITE_BEGIN("report/json_member_run");

using dbgsift::report::JsonWriter;

TEST_CASE("json_member_run: a run of number members writes what member() and member_if() would") {
    // Each way a run starts (first in its object or after a member), each kind of value it
    // takes, members left out, a run of none, and runs side by side; in a drained writer the
    // run's room may send a piece first.
    std::optional<std::uint64_t> const absent;
    std::optional<std::uint64_t> const present = 18446744073709551615u;
    dbgsift::model::Sourced<std::uint32_t> const sourced{7, {1, 2}};
    auto runs_of = [&](JsonWriter& w) {
        {
            JsonWriter::MemberRun run(w, 6);
            run.member("a", std::uint64_t{0});
            run.member("optional_key_of_thirty_two_byte", absent);
            run.member("present", present);
            run.member("sourced", sourced);
            run.member_if("left_out", absent);
            run.member_if("kept", present);
        }
        { JsonWriter::MemberRun none(w, 0); }
        JsonWriter::MemberRun run(w, 2);
        run.member("b", std::uint16_t{65535});
        run.member("c", std::uint32_t{1});
    };
    // 3000 objects, every other one with a member before the numbers.
    auto document = [](JsonWriter& w, auto const& numbers) {
        w.begin_array();
        for (int round = 0; round < 3000; ++round) {
            w.begin_object();
            if (round % 2 == 1) {
                w.member("before", "text");
            }
            numbers(w);
            w.end_object();
        }
        w.end_array();
    };
    // What member() and member_if() write for the same members, spelled out.
    std::string expected = "[";
    for (int round = 0; round < 3000; ++round) {
        expected += round == 0 ? "{" : ",{";
        expected += round % 2 == 1 ? R"("before":"text",)" : "";
        expected += R"("a":0,"optional_key_of_thirty_two_byte":null,"present":18446744073709551615,)"
                    R"("sourced":7,"kept":18446744073709551615,"b":65535,"c":1})";
    }
    expected += "]";
    JsonWriter runs;
    document(runs, runs_of);
    CHECK(runs.text() == expected);

    std::string joined;
    {
        JsonWriter drained([&](std::string_view piece) { joined.append(piece); });
        document(drained, runs_of);
        drained.drain_written();
    }
    CHECK(joined == expected);
}

TEST_CASE("json_member_run: a run's text members write what member() and text_or_null() write, escaped or not") {
    // Text needing an escape leaves the run to the writer and back, at each place in a run.
    std::vector<std::string> const texts{"",         "ntdll",          "a\"b",          std::string(70, 'x'),
                                         "tab\there", std::string("nul\0", 4), "\xc3\xa9t\xc3\xa9"};
    JsonWriter expected;
    JsonWriter runs;
    expected.begin_array();
    runs.begin_array();
    for (auto const& a : texts) {
        for (auto const& b : texts) {
            // Key and value written apart, as member() writes them.
            expected.begin_object();
            for (auto const& [key, text] : {std::pair{"first", &a}, std::pair{"n", &a}, std::pair{"second", &b}}) {
                expected.key(dbgsift::report::JsonKey(std::string_view(key)));
                key == std::string_view("n") ? expected.value(42u) : expected.value(*text);
            }
            expected.text_or_null("maybe", a);
            expected.end_object();
            runs.begin_object();
            {
                JsonWriter::MemberRun run(runs, 4, 2 * a.size() + b.size());
                run.text("first", a);
                run.member("n", std::uint64_t{42});
                run.text("second", b);
                run.text_or_null("maybe", a);
            }
            runs.end_object();
        }
    }
    expected.end_array();
    runs.end_array();
    CHECK(runs.text() == expected.text());
}

TEST_CASE("json_member_run: an object run writes what begin_object(), the members and end_object() write") {
    // First in an array and after an element, after a run that left off on an escape, empty,
    // with booleans, texts left out or kept, escaped texts and nested in an open object; every
    // member left out; text left out first, then a member (its comma); optionals present and
    // absent. In a drained writer with pieces small enough that a run's room sends one first.
    std::vector<std::string> const texts{"", "ntdll", "a\"b", std::string(70, 'x'), "tab\there"};
    std::optional<std::uint64_t> const absent;
    std::optional<std::uint64_t> const present = 5;
    auto by_members = [&](JsonWriter& w) {
        w.begin_array();
        for (auto const& a : texts) {
            for (bool const flag : {false, true}) {
                w.begin_object();
                w.end_object();
                w.begin_object();
                w.member("flag", flag);
                w.member_if("maybe", a);
                w.member("n", std::uint64_t{7});
                w.member("a_key_of_exactly_thirty_two_byte", !flag);
                w.text_or_null("text", a);
                w.end_object();
                w.begin_object();
                w.key("inner");
                w.begin_object();
                w.member("text", a);
                w.end_object();
                w.end_object();
                w.begin_object();
                w.member_if("maybe", a);
                w.member_if("count", flag ? present : absent);
                w.end_object();
                w.begin_object();
                w.member_if("maybe", a);
                w.member("n", std::uint64_t{7});
                w.member_if("count", flag ? present : absent);
                w.end_object();
            }
        }
        w.end_array();
    };
    auto by_runs = [&](JsonWriter& w) {
        w.begin_array();
        for (auto const& a : texts) {
            for (bool const flag : {false, true}) {
                { JsonWriter::ObjectRun empty(w, 0); }
                {
                    JsonWriter::ObjectRun run(w, 5, 2 * a.size());
                    run.member("flag", flag);
                    run.text_if("maybe", a);
                    run.member("n", std::uint64_t{7});
                    run.member("a_key_of_exactly_thirty_two_byte", !flag);
                    run.text_or_null("text", a);
                }
                w.begin_object();
                w.key("inner");
                {
                    JsonWriter::ObjectRun run(w, 1, a.size());
                    run.text("text", a);
                }
                w.end_object();
                {
                    JsonWriter::ObjectRun run(w, 2, a.size());
                    run.text_if("maybe", a);
                    run.member_if("count", flag ? present : absent);
                }
                {
                    JsonWriter::ObjectRun run(w, 3, a.size());
                    run.text_if("maybe", a);
                    run.member("n", std::uint64_t{7});
                    run.member_if("count", flag ? present : absent);
                }
            }
        }
        w.end_array();
    };
    JsonWriter expected;
    by_members(expected);
    JsonWriter runs;
    by_runs(runs);
    CHECK(runs.text() == expected.text());
    std::string const text(expected.text());
    CHECK(text.find(R"({"flag":false,"n":7,"a_key_of_exactly_thirty_two_byte":true,"text":null})") != std::string::npos);
    CHECK(text.find(R"("text":""}},{},{"n":7},{},)") != std::string::npos);
    CHECK(text.find(R"("text":""}},{"count":5},{"n":7,"count":5})") != std::string::npos);

    // Past a few pieces: the documents above, 2000 times in one array.
    auto many = [](JsonWriter& w, auto const& document) {
        w.begin_array();
        for (int round = 0; round < 2000; ++round) {
            document(w);
        }
        w.end_array();
    };
    JsonWriter expected_many;
    many(expected_many, by_members);
    std::string joined;
    {
        JsonWriter drained([&](std::string_view piece) { joined.append(piece); });
        many(drained, by_runs);
        drained.drain_written();
    }
    CHECK(joined.size() > 2 * JsonWriter::k_drain_piece_bytes);
    CHECK(joined == expected_many.text());
}

TEST_CASE("json_member_run: runs of members as long as a run allows stay in their room") {
    // Each member the longest a run takes: a 32-byte key and 20 digits, as many as declared,
    // after a comma. A room counted short writes past it into the buffer's spare bytes, which
    // neither the text nor ASan shows: the run asserts it stayed in its room.
    constexpr std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
    std::string const member = R"("a_key_of_exactly_thirty_two_byte":18446744073709551615)";
    auto members = [&](JsonWriter::MemberRun& run, int n) {
        for (int i = 0; i < n; ++i) {
            run.member("a_key_of_exactly_thirty_two_byte", max);
        }
    };
    for (int const n : {0, 1, 2, 3, 21}) {
        CAPTURE(n);
        JsonWriter w;
        w.begin_array();
        w.value(0u);
        for (int twice = 0; twice < 2; ++twice) {
            JsonWriter::ObjectRun run(w, n);
            members(run, n);
        }
        w.begin_object();
        w.member("before", 1u);
        {
            JsonWriter::MemberRun run(w, n);
            members(run, n);
        }
        w.end_object();
        w.end_array();

        std::string object;
        for (int i = 0; i < n; ++i) {
            object += (i == 0 ? "" : ",") + member;
        }
        std::string const expected =
            "[0,{" + object + "},{" + object + R"(},{"before":1)" + (n > 0 ? "," : "") + object + "}]";
        CHECK(w.text() == expected);
    }
}

TEST_SUITE_END();
