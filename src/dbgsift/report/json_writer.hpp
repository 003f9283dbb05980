// SPDX-License-Identifier: MIT
// Compact JSON written straight into a string, with the bytes boost::json::serialize prints for
// the same document. The case documents are written with it rather than built as a
// boost::json tree and serialized: the tree cost half of an NDJSON run's rendering (issue 14).
#pragma once
#include "../model/source.hpp"

#include <algorithm>
#include <cassert>
#include <concepts>
#include <cstring>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace dbgsift::report {

// A member's name. Every key of the documents is written in the source: checked at compile
// time to need no escape, it is copied as it is, which was a fifth of the writing. A name
// known only at run time (a ranking kind's key) is escaped like any string.
class JsonKey {
public:
    template <std::size_t N>
    consteval JsonKey(char const (&literal)[N]) : m_text(literal, N - 1), m_plain(true) {
        for (char const ch : m_text) {
            if (static_cast<unsigned char>(ch) < 0x20 || ch == '"' || ch == '\\') {
                throw "a key written in the source must need no escape";
            }
        }
    }
    explicit JsonKey(std::string_view text) : m_text(text), m_plain(false) {}

    std::string_view text() const { return m_text; }
    bool plain() const { return m_plain; }

private:
    std::string_view m_text;
    bool m_plain;
};

// What JsonWriter::member() writes in one step: an unsigned number, read from the transcript
// (Sourced) or maybe not printed (optional).
template <typename T>
constexpr bool is_unsigned_number = std::unsigned_integral<T> && !std::same_as<T, bool> && !std::same_as<T, char>;
template <typename T>
constexpr bool is_sourced = false;
template <typename T>
constexpr bool is_sourced<model::Sourced<T>> = true;
template <typename T>
constexpr bool is_optional = false;
template <typename T>
constexpr bool is_optional<std::optional<T>> = true;

// Text in a buffer of its own that nothing zero-fills: a JsonWriter writes into one, and an
// NDJSON line leaves in one. A std::string zeroes every byte its resize adds, and a buffer
// given back held a shorter line: growing it again zeroed half of an archive's output.
class JsonLine {
public:
    JsonLine() = default;
    JsonLine(JsonLine&& other) noexcept { *this = std::move(other); }
    JsonLine& operator=(JsonLine&& other) noexcept {
        m_bytes = std::move(other.m_bytes);
        m_size = std::exchange(other.m_size, 0);
        m_capacity = std::exchange(other.m_capacity, 0);
        return *this;
    }
    std::string_view text() const { return {m_bytes.get(), m_size}; }

private:
    friend class JsonWriter;
    JsonLine(std::unique_ptr<char[]> bytes, std::size_t size, std::size_t capacity)
        : m_bytes(std::move(bytes)), m_size(size), m_capacity(capacity) {}

    std::unique_ptr<char[]> m_bytes;
    std::size_t m_size = 0;      // bytes of text
    std::size_t m_capacity = 0;  // bytes of m_bytes
};

// Where a document written as it is made goes (report::write_json): its compact text, a piece
// at a time.
using JsonDrain = std::function<void(std::string_view compact)>;

class JsonWriter {
public:
    // Writes into this thread's scratch buffer, kept between documents so that a run does not
    // grow a fresh string by doubling for every case; a writer alive on the same thread meanwhile
    // starts from an empty one.
    JsonWriter();
    // A writer whose text goes to `drain` whenever a piece of k_drain_piece_bytes is full, and
    // at drain_written(): a huge case's document never sits whole in memory (issue 14).
    explicit JsonWriter(JsonDrain drain);
    ~JsonWriter();
    JsonWriter(JsonWriter const&) = delete;
    JsonWriter& operator=(JsonWriter const&) = delete;

    void begin_object() { open('{'); }
    void end_object() { close('}'); }
    void begin_array() { open('['); }
    void end_array() { close(']'); }
    // The key of the next member of the open object; its value follows. The member writers
    // are always inlined into the document's code: a key written in the source then has a
    // constant length, so its copy is a few moves and the room test folds, where a call
    // (gcc kept member<optional<...>> and text_or_null out of line) copied it with memcpy
    // (issue 14).
    [[gnu::always_inline]] void key(JsonKey k) {
        if (k.plain()) {
            // Comma, quotes, name and colon after one test for room: every member has a key.
            auto const name = k.text();
            written_to(put_key(room(name.size() + 4), name));
        } else {
            value(k.text());
            put(':');
        }
        m_comma = false;
    }

    void value(std::string_view s);
    void value(char const* s) { value(std::string_view(s)); }
    void value(std::string const& s) { value(std::string_view(s)); }
    void value(bool b) {
        separate();
        put(b ? std::string_view("true") : std::string_view("false"));
    }
    void value(std::nullptr_t) {
        separate();
        put("null");
    }
    void value(double d);
    template <std::integral T>
        requires(!std::same_as<T, bool> && !std::same_as<T, char>)
    void value(T v) {
        if constexpr (std::signed_integral<T>) {
            signed_value(v);
        } else {
            unsigned_value(v);
        }
    }
    // A number read from the transcript: the number; its line is a key of its own where the
    // document has one.
    template <typename T>
    void value(model::Sourced<T> const& v) {
        value(v.value);
    }
    // A value the transcript may not have printed: the value, or null.
    template <typename T>
    void value(std::optional<T> const& v) {
        if (v) {
            value(*v);
        } else {
            value(nullptr);
        }
    }

    // An optional record: written by `write(*this, *v)`, or null.
    template <typename T, typename Write>
    void value_or_null(std::optional<T> const& v, Write&& write) {
        if (v) {
            write(*this, *v);
        } else {
            value(nullptr);
        }
    }

    template <typename T>
    [[gnu::always_inline]] void member(JsonKey k, T const& v) {
        if constexpr (is_unsigned_number<T>) {
            if (k.plain()) {
                keyed_unsigned(k.text(), v);
                return;
            }
        } else if constexpr (is_sourced<T>) {
            member(k, v.value);
            return;
        } else if constexpr (is_optional<T>) {
            if (v) {
                member(k, *v);
                return;
            }
        }
        key(k);
        value(v);
    }
    // Members left out when the transcript did not print them: an absent optional, empty text.
    template <typename T>
    void member_if(JsonKey k, std::optional<T> const& v) {
        if (v) {
            member(k, *v);
        }
    }
    void member_if(JsonKey k, std::string_view text) {
        if (!text.empty()) {
            member(k, text);
        }
    }
    // An array of one element per item, each written by `write(*this, item)`.
    template <typename Items, typename Write>
    void array(Items const& items, Write&& write) {
        begin_array();
        for (auto const& item : items) {
            write(*this, item);
        }
        end_array();
    }
    // An array of the items as values (a list of strings).
    template <typename Items>
    void array(Items const& items) {
        begin_array();
        for (auto const& item : items) {
            value(item);
        }
        end_array();
    }
    template <typename Items, typename... Write>
    void array_member(JsonKey k, Items const& items, Write&&... write) {
        key(k);
        array(items, write...);
    }
    // The member only when there is an item: a part the transcript did not show is left out.
    template <typename Items, typename Write>
    void array_member_if_any(JsonKey k, Items const& items, Write&& write) {
        if (!items.empty()) {
            array_member(k, items, write);
        }
    }
    // Text that is null when empty ("type": null for a handle the debugger could not name).
    [[gnu::always_inline]] void text_or_null(JsonKey k, std::string_view text) {
        key(k);
        if (text.empty()) {
            value(nullptr);
        } else {
            value(text);
        }
    }

    // Members whose values are unsigned numbers (or null: an optional one not printed), booleans
    // or text, written one after another after one test for room, the end of the text and the
    // comma state kept in registers until the run ends: member() tested for room and for a
    // comma and stored the end once per member, each write through a char* possibly aliasing
    // the writer (issue 14). At most `members` members, each key written in the source and at
    // most k_run_key_bytes long, their texts `text_bytes` long in all; nothing else is written
    // to the writer while the run lasts.
    class MemberRun;
    // An object whose members are all one run: its comma and brackets are written in the run's
    // room too (begin_object() and end_object() each tested for room and stored the end).
    class ObjectRun;

    // The text written since the last piece went, to the drain (the end of the document).
    void drain_written();
    static constexpr std::size_t k_drain_piece_bytes = 64 << 10;

    // The document so far (whole once the outermost container is closed).
    std::string_view text() const { return {m_line.m_bytes.get(), size()}; }
    // The document as one NDJSON line: its text and a newline, in a string of its own.
    std::string line() const;
    // The same line, in the writer's own buffer (the newline written in place) when a line
    // given back by recycle_line() waits on this thread to take its place, else copied out:
    // each document went through memory once more only to be copied out (issue 14). The
    // writer holds no document afterwards.
    JsonLine take_line();
    // A line from take_line() once written out: kept on this thread for the next take_line().
    // With one job the thread that renders also writes, and two buffers take turns; a worker
    // thread never gets one back, and copies.
    static void recycle_line(JsonLine&& written);

private:
    // A member whose value is an unsigned number, most members of a document: comma, quoted
    // name, colon and digits after one test for room (the key and the value each made one).
    [[gnu::always_inline]] void keyed_unsigned(std::string_view name, std::uint64_t v) {
        char* const at = put_key(room(name.size() + 4 + k_max_digits), name);
        written_to(put_digits(at, v));
    }
    // `"s"` at `at` (room for s.size() + 2 bytes) for the `size` bytes s at `data`, when s
    // needs no escape: returns its end, else nullptr (the room's bytes then undefined). It
    // and put_digits are noexcept: a MemberRun calls them between members, and a call that
    // might throw made gcc store the run's cursor (m_at) and comma to memory before each one,
    // for the destructor an unwinding would run (1.5 M Ir on the bench archive, issue 14).
    // The length comes first, in the register the scan wants it in: taking (at, string_view),
    // it began with three moves (0.6 M Ir).
    static char* put_clean_quoted(std::size_t size, char const* data, char* at) noexcept;
    // value(s) for text whose byte at `clean` is the first needing an escape.
    [[gnu::noinline]] void escaped_value(std::string_view s, std::size_t clean);
    // value(d) for a double that is no short decimal, by Boost's serializer, the comma written.
    [[gnu::noinline]] void serialized_value(double d);
    // value(s) into room made for it; once the buffer has grown to hold it; for a text
    // longer than 32 bytes, with room made.
    void quoted_value(std::string_view s);
    [[gnu::noinline]] void grown_value(std::string_view s);
    [[gnu::noinline]] void long_value(std::string_view s);
    static constexpr std::size_t k_max_digits = 20;  // 18446744073709551615
    // The decimal digits of v written at `at`: returns their end.
    static char* put_digits(char* at, std::uint64_t v) noexcept;

    // Room for `n` more bytes at the end of the text, written through a pointer:
    // std::string::append checked and grew it on every call, which cost as much as the
    // copying on the bench archive. The end of the text and of the buffer are kept as
    // pointers: every byte written through a char* may alias the writer, so each write
    // reloads them, and a size and capacity needed the buffer's start too (issue 14).
    char* room(std::size_t n) {
        if (static_cast<std::size_t>(m_end - m_at) < n) {
            grow(n);
        }
        return m_at;
    }
    void grow(std::size_t n);
    // The text now ends at `end`, a place in the room made last.
    void written_to(char* end) { m_at = end; }
    void put(char ch) {
        *room(1) = ch;
        ++m_at;
    }
    void put(std::string_view s) {
        std::memcpy(room(s.size()), s.data(), s.size());
        m_at += s.size();
    }
    std::size_t size() const { return static_cast<std::size_t>(m_at - m_line.m_bytes.get()); }
    // The cursor at the start of m_line's buffer, any text in it dropped (grow() moves it on).
    void write_from_start() {
        m_at = m_line.m_bytes.get();
        m_end = m_at + (m_drain ? std::min(m_line.m_capacity, k_drain_piece_bytes) : m_line.m_capacity);
    }
    void separate() {
        if (m_comma) {
            put(',');
        }
        m_comma = true;
    }
    // `"text"` into room already made at `at`, for text that needs no escape: returns its end.
    static char* put_quoted(char* at, std::string_view text) {
        *at++ = '"';
        std::memcpy(at, text.data(), text.size());
        at += text.size();
        *at++ = '"';
        return at;
    }
    // A plain key, `"name":` after the comma a member needs, into room already made at `at`
    // (name.size() + 4 bytes): returns where its value starts.
    [[gnu::always_inline]] char* put_key(char* at, std::string_view name) {
        at = put_quoted(put_comma(at), name);
        *at++ = ':';
        return at;
    }
    // separate() into room already made at `at`: returns where the element starts.
    char* put_comma(char* at) {
        if (m_comma) {
            *at++ = ',';
        }
        m_comma = true;
        return at;
    }
    void open(char bracket) {
        separate();
        put(bracket);
        m_comma = false;
    }
    void close(char bracket) {
        put(bracket);
        m_comma = true;
    }
    void signed_value(std::int64_t v);
    void unsigned_value(std::uint64_t v);

    JsonLine m_line;  // the buffer kept between documents; its m_size is set only when it leaves
    char* m_at = nullptr;   // the end of the document so far, in m_line's buffer
    char* m_end = nullptr;  // the end of m_line's buffer
    // A value, key or container ends the open container's previous element: the next one
    // needs a comma. One flag is enough: opening a container clears it, closing one sets it.
    bool m_comma = false;
    JsonDrain m_drain;  // none: the document stays in the buffer
};

} // namespace dbgsift::report

// JsonWriter::MemberRun and ObjectRun, which need the whole writer: every user of the writer
// may write runs.
#include "json_member_run.hpp"
