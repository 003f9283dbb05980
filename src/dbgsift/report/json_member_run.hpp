// SPDX-License-Identifier: MIT
// JsonWriter::MemberRun and JsonWriter::ObjectRun (declared and described in json_writer.hpp):
// members written one after another in room made once.
#pragma once
#include "json_writer.hpp"

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <concepts>
#include <optional>
#include <string>
#include <string_view>

namespace dbgsift::report {

// What a run's text members take: a string or a view, whose length is known. A char const*
// would be measured (strlen) up to three times, once per view made of it.
template <typename Text>
concept run_text = std::same_as<Text, std::string> || std::same_as<Text, std::string_view>;

class JsonWriter::MemberRun {
public:
    MemberRun(JsonWriter& w, std::size_t members, std::size_t text_bytes = 0)
        : m_writer(w),
          m_room(members * k_run_member_bytes + text_bytes),
          m_at(w.room(m_room)),
          m_comma(w.m_comma) {}
    // Always inlined, on the path an exception unwinds too: called there out of line, it took
    // the run's address, and gcc then kept the run's end and comma in memory, storing them
    // after every member (1.2 M Ir on the bench archive, issue 14).
    [[gnu::always_inline]] ~MemberRun() {
        // Past its room a run writes where the writer made none: its buffer is mostly larger,
        // so neither the output nor ASan shows it. (A count of the members written, checked
        // against `members`, cost 1.7 M Ir of the bench archive's 777 M: one add per member.)
        assert(stayed_in_room());
        m_writer.written_to(m_at);
        m_writer.m_comma = m_comma;
    }
    MemberRun(MemberRun const&) = delete;
    MemberRun& operator=(MemberRun const&) = delete;

    template <typename T>
    [[gnu::always_inline]] void member(JsonKey k, T const& v) {
        if constexpr (is_sourced<T>) {
            member(k, v.value);
        } else if constexpr (is_optional<T>) {
            if (v) {
                member(k, *v);
            } else {
                key(k);
                std::memcpy(m_at, "null", 4);
                m_at += 4;
            }
        } else if constexpr (std::same_as<T, bool>) {
            key(k);
            // "true" or "false": five bytes stored either way, the end moved by the length.
            std::memcpy(m_at, v ? "true " : "false", 5);
            m_at += v ? 4 : 5;
        } else {
            static_assert(is_unsigned_number<T>, "a run holds unsigned numbers and booleans only");
            key(k);
            m_at = put_digits(m_at, v);
        }
    }
    // A text, copied as it is tested, as value() copies it. Text that needs an escape (rare)
    // is written by the writer itself, the run then taking its room again. The text is taken
    // by reference and read again there: a string_view's pointer and length, kept for that
    // path across the call that tests the text, were stored and loaded around every text.
    template <run_text Text>
    [[gnu::always_inline]] void text(JsonKey k, Text const& s) {
        key(k);
        std::string_view const view(s);
        if (char* const end = put_clean_quoted(view.size(), view.data(), m_at)) {
            m_at = end;
            return;
        }
        assert(stayed_in_room());
        m_writer.written_to(m_at);
        m_writer.m_comma = false;  // the key is written: its value follows
        m_writer.value(std::string_view(s));
        m_at = m_writer.room(m_room);
    }
    // Text left out when empty, as JsonWriter::member_if writes it.
    template <run_text Text>
    [[gnu::always_inline]] void text_if(JsonKey k, Text const& s) {
        if (!std::string_view(s).empty()) {
            text(k, s);
        }
    }
    // Text that is null when empty, as JsonWriter::text_or_null writes it.
    template <run_text Text>
    [[gnu::always_inline]] void text_or_null(JsonKey k, Text const& s) {
        if (std::string_view(s).empty()) {
            member(k, std::optional<std::uint64_t>());
        } else {
            text(k, s);
        }
    }
    // Left out when the transcript did not print it.
    template <typename T>
    [[gnu::always_inline]] void member_if(JsonKey k, std::optional<T> const& v) {
        if (v) {
            member(k, *v);
        }
    }

protected:
    static constexpr std::size_t k_object_bytes = 3;  // ,{ and }
    // begin_object() and end_object() in the run's room (ObjectRun).
    [[gnu::always_inline]] void open_object() {
        if (m_comma) {
            *m_at++ = ',';
        }
        *m_at++ = '{';
        m_comma = false;
    }
    [[gnu::always_inline]] void close_object() {
        *m_at++ = '}';
        m_comma = true;
    }

private:
    // Whether the run stayed in the room it took. The room starts where the writer's text
    // ends, which moves only when the run ends or hands an escaped text back: read from the
    // writer, so the run keeps no end of its own alive across its members.
    bool stayed_in_room() const { return m_at <= m_writer.m_at + m_room; }

    [[gnu::always_inline]] void key(JsonKey k) {
        assert(k.plain() && k.text().size() <= k_run_key_bytes);
        if (m_comma) {
            *m_at++ = ',';
        }
        m_comma = true;
        m_at = put_quoted(m_at, k.text());
        *m_at++ = ':';
    }
    static constexpr std::size_t k_run_key_bytes = 32;
    static constexpr std::size_t k_run_member_bytes = k_run_key_bytes + 4 + k_max_digits;  // ,"key":digits

    JsonWriter& m_writer;
    std::size_t m_room;  // what the run needs at most
    char* m_at;
    bool m_comma;
};

class JsonWriter::ObjectRun : public JsonWriter::MemberRun {
public:
    ObjectRun(JsonWriter& w, std::size_t members, std::size_t text_bytes = 0)
        : MemberRun(w, members, text_bytes + k_object_bytes) {
        open_object();
    }
    // Before ~MemberRun gives the end back to the writer; always inlined, as ~MemberRun is.
    [[gnu::always_inline]] ~ObjectRun() { close_object(); }
};

} // namespace dbgsift::report
