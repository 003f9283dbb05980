// SPDX-License-Identifier: MIT
#include "undress.hpp"

#include "ascii.hpp"
#include "byte_table.hpp"
#include "trim.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

namespace dbgsift::text {
namespace {

using Marker = Undresser::Marker;

bool is_blank_char(char c) { return c == ' ' || c == '\t'; }

// Where the next `c` at or after `from` is (s.size() when none is left): memchr, which the
// byte loops of the rare steps below jump with (std::string_view::find returns npos instead).
std::size_t next_byte(std::string_view s, char c, std::size_t from) {
    if (from >= s.size()) {
        return s.size();
    }
    auto const* p = static_cast<char const*>(std::memchr(s.data() + from, c, s.size() - from));
    return p == nullptr ? s.size() : static_cast<std::size_t>(p - s.data());
}

bool is_blank(std::string_view s) {
    for (char c : s) {
        if (!is_blank_char(c)) {
            return false;
        }
    }
    return true;
}

std::size_t skip_blanks(std::string_view s, std::size_t i = 0) {
    while (i < s.size() && is_blank_char(s[i])) {
        ++i;
    }
    return i;
}

// ---- HTML -----------------------------------------------------------------------------

enum class TagRole : unsigned char { unknown, inline_tag, block, cell, line_break };

struct Tag {
    TagRole role = TagRole::unknown;
    bool closing = false;
    bool attributes = false;
    std::size_t length = 0;  // 0: not a tag
};

// Every known tag name and its role, sorted, with where each first letter's names begin: a
// name is looked for among those of its first letter (nine at the most), not among all
// sixty (which cost more than the rest of reading a tag).
struct NamedRole {
    std::string_view name;
    TagRole role;
};
struct TagRoles {
    std::array<NamedRole, 60> names{};
    std::array<std::uint8_t, 27> letter_start{};  // names[letter_start[c - 'a']...] start with c
};
constexpr TagRoles k_tag_roles = [] {
    constexpr std::array<std::string_view, 27> k_block = {
        "blockquote", "body", "dd", "div", "dl", "dt", "h1", "h2", "h3", "h4", "h5", "h6",
        "head", "hr", "html", "li", "ol", "p", "pre", "table", "tbody", "tfoot", "thead",
        "tr", "ul", "figure", "section"};
    constexpr std::array<std::string_view, 30> k_inline = {
        "a", "abbr", "b", "big", "center", "cite", "code", "del", "em", "font", "i", "img",
        "ins", "kbd", "mark", "nobr", "q", "s", "samp", "small", "span", "strike", "strong",
        "sub", "sup", "tt", "u", "var", "wbr", "label"};
    TagRoles t;
    std::size_t n = 0;
    t.names[n++] = {"br", TagRole::line_break};
    t.names[n++] = {"td", TagRole::cell};
    t.names[n++] = {"th", TagRole::cell};
    for (auto const name : k_block) {
        t.names[n++] = {name, TagRole::block};
    }
    for (auto const name : k_inline) {
        t.names[n++] = {name, TagRole::inline_tag};
    }
    std::sort(t.names.begin(), t.names.end(), [](NamedRole const& a, NamedRole const& b) { return a.name < b.name; });
    for (std::size_t k = 1; k < t.names.size(); ++k) {
        if (t.names[k - 1].name == t.names[k].name || !is_ascii_lower(t.names[k].name[0])) {
            throw "a tag name twice, or one not led by a lower-case letter";  // no build
        }
    }
    for (char c = 'a'; c <= 'z' + 1; ++c) {
        auto const first = std::find_if(t.names.begin(), t.names.end(),
                                        [c](NamedRole const& r) { return r.name[0] >= c; });
        t.letter_start[static_cast<std::size_t>(c - 'a')] = static_cast<std::uint8_t>(first - t.names.begin());
    }
    return t;
}();

// `name`: lower case, led by a letter (as read_tag reads it).
constexpr TagRole role_of(std::string_view name) {
    auto const letter = static_cast<std::size_t>(name[0] - 'a');
    for (std::size_t k = k_tag_roles.letter_start[letter]; k < k_tag_roles.letter_start[letter + 1]; ++k) {
        if (k_tag_roles.names[k].name == name) {
            return k_tag_roles.names[k].role;
        }
    }
    return TagRole::unknown;
}
// Each name is found with its role under its letter; names it does not hold are not.
static_assert(std::all_of(k_tag_roles.names.begin(), k_tag_roles.names.end(),
                          [](NamedRole const& r) { return role_of(r.name) == r.role; }));
static_assert(role_of("none") == TagRole::unknown && role_of("free") == TagRole::unknown &&
              role_of("bold") == TagRole::unknown && role_of("z") == TagRole::unknown);

// Reads "<name ...>" or "</name>" at s[i]. Unknown names ("<none>", "<Data Not Accessible>",
// "<free>") are debugger text and come back with role unknown.
Tag read_tag(std::string_view s, std::size_t i) {
    Tag tag;
    std::size_t j = i + 1;
    if (j < s.size() && s[j] == '/') {
        tag.closing = true;
        ++j;
    }
    // The name, lowered, in a buffer of its own: no known name is longer, a longer one stops
    // at eleven bytes (and is no known name either). A std::string pushed a byte at a time
    // cost as much as the rest of the tag.
    std::array<char, 11> lowered{};
    std::size_t length = 0;
    while (j < s.size() && length < lowered.size() && (is_ascii_alpha(s[j]) || (length != 0 && is_ascii_digit(s[j])))) {
        lowered[length++] = ascii_lower(s[j]);
        ++j;
    }
    std::string_view const name(lowered.data(), length);
    if (name.empty() || j >= s.size()) {
        return tag;
    }
    if (s[j] != '>' && s[j] != '/' && !is_blank_char(s[j])) {
        return tag;
    }
    std::size_t const limit = std::min(s.size(), j + 512);
    while (j < limit && s[j] != '>' && s[j] != '<') {
        tag.attributes = tag.attributes || s[j] == '=';
        ++j;
    }
    if (j >= limit || s[j] != '>') {
        return tag;
    }
    tag.role = role_of(name);
    if (tag.role != TagRole::unknown) {
        tag.length = j + 1 - i;
    }
    return tag;
}

struct Entity {
    std::uint32_t code_point = 0;
    std::size_t length = 0;  // 0: not an entity
};

// "&gt;", "&nbsp;", "&#39;", "&#x2019;" at s[i].
Entity read_entity(std::string_view s, std::size_t i) {
    struct Named {
        std::string_view name;
        std::uint32_t code_point;
    };
    static constexpr std::array<Named, 27> k_named = {{
        {"nbsp", 0xA0}, {"gt", '>'}, {"lt", '<'}, {"amp", '&'}, {"quot", '"'},
        {"apos", '\''}, {"GT", '>'}, {"LT", '<'}, {"AMP", '&'}, {"QUOT", '"'},
        {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"lsquo", 0x2018}, {"rsquo", 0x2019},
        {"ndash", 0x2013}, {"mdash", 0x2014}, {"hellip", 0x2026}, {"laquo", 0xAB},
        {"raquo", 0xBB}, {"bull", 0x2022}, {"middot", 0xB7}, {"copy", 0xA9},
        {"reg", 0xAE}, {"trade", 0x2122}, {"ensp", 0x2002}, {"emsp", 0x2003},
        {"thinsp", 0x2009}}};
    Entity entity;
    std::size_t j = i + 1;
    if (j < s.size() && s[j] == '#') {
        ++j;
        bool const hex = j < s.size() && (s[j] == 'x' || s[j] == 'X');
        j += hex ? 1 : 0;
        std::uint32_t value = 0;
        std::size_t digits = 0;
        for (; j < s.size() && digits < (hex ? 6u : 7u); ++j, ++digits) {
            char const c = ascii_lower(s[j]);
            if (is_ascii_digit(c)) {
                value = value * (hex ? 16 : 10) + static_cast<std::uint32_t>(c - '0');
            } else if (hex && c >= 'a' && c <= 'f') {
                value = value * 16 + static_cast<std::uint32_t>(c - 'a' + 10);
            } else {
                break;
            }
        }
        if (digits == 0 || j >= s.size() || s[j] != ';') {
            return entity;
        }
        entity.code_point = (value == 0 || value > 0x10FFFF) ? 0xFFFD : value;
        entity.length = j + 1 - i;
        return entity;
    }
    while (j < s.size() && j - i <= 8 && (is_ascii_alpha(s[j]) || is_ascii_digit(s[j]))) {
        ++j;
    }
    if (j >= s.size() || s[j] != ';') {
        return entity;
    }
    auto const name = s.substr(i + 1, j - i - 1);
    for (auto const& named : k_named) {
        if (named.name == name) {
            entity.code_point = named.code_point;
            entity.length = j + 1 - i;
            break;
        }
    }
    return entity;
}

// Does this line prove the file is HTML (so tags such as <span> or <pre> can go)?
bool shows_html(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '&' && read_entity(s, i).length != 0) {
            return true;
        }
        if (s[i] == '<') {
            auto const tag = read_tag(s, i);
            if (tag.length != 0 && (tag.closing || tag.attributes || tag.role != TagRole::inline_tag)) {
                return true;
            }
        }
    }
    return false;
}

// Whether what read_tag makes of some '<' of `s` passes `pred`.
template <typename Pred>
bool any_tag(std::string_view s, Pred pred) {
    for (std::size_t i = next_byte(s, '<', 0); i < s.size(); i = next_byte(s, '<', i + 1)) {
        if (pred(read_tag(s, i))) {
            return true;
        }
    }
    return false;
}

// Whether split_html makes other pieces of `s` in HTML than in other text: only where a known
// tag other than <br> stands (taken in HTML, left as text elsewhere). Entities and <br> are
// taken either way, and the '<' that start no known tag ("<none>", "<Unloaded_x.dll>", most of
// a transcript's) stay either way.
bool split_depends_on_html(std::string_view s) {
    return any_tag(s, [](Tag const& tag) { return tag.length != 0 && tag.role != TagRole::line_break; });
}

std::string decode_entities(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool changed = false;
    for (std::size_t i = 0; i < s.size();) {
        // The text up to the next '&' is copied whole.
        auto const* const amp = static_cast<char const*>(std::memchr(s.data() + i, '&', s.size() - i));
        std::size_t const stop = amp == nullptr ? s.size() : static_cast<std::size_t>(amp - s.data());
        out.append(s.data() + i, stop - i);
        i = stop;
        if (i == s.size()) {
            break;
        }
        if (auto const entity = read_entity(s, i); entity.length != 0) {
            append_utf8(out, entity.code_point);
            i += entity.length;
            changed = true;
            continue;
        }
        out.push_back('&');
        ++i;
    }
    // An entity may have produced an NBSP or a typographic quote: make it plain too.
    return changed ? normalize_utf8(out) : out;
}

// Whether split_html takes `tag` out of the text: a <br> always, any other known tag in HTML.
bool takes_tag(Tag const& tag, bool html) {
    return tag.role == TagRole::line_break || (html && tag.length != 0);
}

// Splits a line at <br> (and, in HTML, at block tags), drops the other known tags in HTML,
// and decodes entities. A line with breaks loses its empty first and last pieces, so a <br>
// alone on a line becomes nothing.
std::vector<std::string> split_html(std::string_view s, bool html) {
    std::vector<std::string> pieces(1);
    bool broken = false;
    for (std::size_t i = 0; i < s.size();) {
        // The text up to the next '<' is copied whole (a byte at a time cost more than the tags).
        auto const* const lt = static_cast<char const*>(std::memchr(s.data() + i, '<', s.size() - i));
        std::size_t const stop = lt == nullptr ? s.size() : static_cast<std::size_t>(lt - s.data());
        pieces.back().append(s.data() + i, stop - i);
        i = stop;
        if (i == s.size()) {
            break;
        }
        auto const tag = read_tag(s, i);
        bool const take = takes_tag(tag, html);
        if (take) {
            // "</tr><tr>" is one break; "<br><br>" leaves a blank line.
            if (tag.role == TagRole::line_break ||
                (tag.role == TagRole::block && !is_blank(pieces.back()))) {
                pieces.emplace_back();
                broken = true;
            } else if (tag.role == TagRole::cell) {
                pieces.back() += "  ";
            }
            i += tag.length;
            continue;
        }
        pieces.back().push_back('<');
        ++i;
    }
    if (broken) {
        while (!pieces.empty() && is_blank(pieces.back())) {
            pieces.pop_back();
        }
        std::size_t first = 0;
        while (first < pieces.size() && is_blank(pieces[first])) {
            ++first;
        }
        pieces.erase(pieces.begin(), pieces.begin() + static_cast<std::ptrdiff_t>(first));
    }
    for (auto& piece : pieces) {
        if (piece.find('&') != std::string::npos) {
            piece = decode_entities(piece);
        }
    }
    return pieces;
}

// Whether split_html(s, html) gives `s` back whole as its one piece: no tag it takes (<br>, and
// in HTML any known tag) and no entity. Most lines with a '<' or a '&' are debugger text
// ("<none>", "<Unloaded_x.dll>", "&&"): told so with no copy of the line.
bool splits_whole(std::string_view s, bool html) {
    if (any_tag(s, [html](Tag const& tag) { return takes_tag(tag, html); })) {
        return false;
    }
    for (std::size_t i = next_byte(s, '&', 0); i < s.size(); i = next_byte(s, '&', i + 1)) {
        if (read_entity(s, i).length != 0) {
            return false;
        }
    }
    return true;
}

// ---- prefixes ----------------------------------------------------------------------------

// `i`: where the text starts after its indentation (skip_blanks(s)).
Marker marker_of(std::string_view s, std::size_t i) {
    if (i >= s.size()) {
        return Marker::none;
    }
    auto const next = [&](std::size_t k) { return i + k < s.size() ? s[i + k] : '\0'; };
    char const c = s[i];
    if (c == '>') {
        // "> text", "> > text"; a ">>>>>>>>>>>>> Preparing ..." banner is debugger text.
        std::size_t depth = 0;
        for (std::size_t k = i; k < s.size() && (s[k] == '>' || s[k] == ' '); ++k) {
            depth += s[k] == '>';
        }
        return depth <= 4 ? Marker::quote : Marker::none;
    }
    if (c == '/' && next(1) == '/') {
        return Marker::slashes;
    }
    if (c == '-' && next(1) == '-') {
        return Marker::dashes;
    }
    // "# " and " * " (a C block comment); "#0...", "***" or a boxed banner line
    // ("*        Bugcheck Analysis        *") are text.
    if ((c == '#' || c == '*') && (next(1) == '\0' || is_blank_char(next(1)))) {
        auto const end = s.find_last_not_of(" \t");
        if (c == '*' && end != i && s[end] == '*') {
            return Marker::none;
        }
        return c == '#' ? Marker::hash : Marker::star;
    }
    return Marker::none;
}

// Lines in a run before its prefix counts as decoration, not text.
std::size_t run_needed(Marker marker) {
    return (marker == Marker::quote || marker == Marker::slashes) ? 2 : 3;
}

// Removes indentation, the marker and one blank after it.
std::string_view strip_marker(std::string_view s, Marker marker) {
    std::size_t i = skip_blanks(s);
    switch (marker) {
    case Marker::quote:  // "> ", ">", "> > " (nested mail quotes)
        while (i < s.size() && s[i] == '>') {
            ++i;
            if (i + 1 < s.size() && s[i] == ' ' && s[i + 1] == '>') {
                ++i;
            }
        }
        break;
    case Marker::slashes:
    case Marker::dashes:
        i += 2;
        break;
    case Marker::hash:
    case Marker::star:
        i += 1;
        break;
    case Marker::none:
        return s;
    }
    if (i < s.size() && is_blank_char(s[i])) {
        ++i;
    }
    return s.substr(std::min(i, s.size()));
}

// After a "--" prefix, authors mark a row with more dashes ("-------63830000 ... bad",
// "---------   122d0000 ... RegionUsageHeap"); a rule ("-----") or a titled rule
// ("------- Usage SUMMARY -------") keeps its dashes.
std::string_view strip_highlight_dashes(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size() && s[i] == '-') {
        ++i;
    }
    if (i == 0 || is_blank(s.substr(i)) || s.substr(i).find("--") != std::string_view::npos) {
        return s;
    }
    return s.substr(i);
}

// Where the last byte past ASCII is, or npos: read once per line, so a line of many '#'
// asks each of them "is there non-ASCII text after you?" in constant time.
std::size_t last_non_ascii(std::string_view s) {
    for (std::size_t i = s.size(); i-- > 0;) {
        if (static_cast<unsigned char>(s[i]) >= 0x80) {
            return i;
        }
    }
    return std::string_view::npos;
}

// "kd> kb                      // Start with a stack" and "LockCount  1   #注释": an
// author's note after two or more blanks. '#' needs non-ASCII text after it ("#0" or "# Child"
// alone are debugger text).
std::string_view strip_annotation(std::string_view s) {
    // Only a '/' or a '#' can start a note: the search jumps from one to the next.
    std::size_t slash = next_byte(s, '/', 0), hash_mark = next_byte(s, '#', 0);
    std::size_t const text_past_ascii_at = hash_mark < s.size() ? last_non_ascii(s) : std::string_view::npos;
    for (std::size_t i = std::min(slash, hash_mark); i < s.size(); i = std::min(slash, hash_mark)) {
        if (i == slash) {
            slash = next_byte(s, '/', i + 1);
        } else {
            hash_mark = next_byte(s, '#', i + 1);
        }
        bool const slashes = s[i] == '/' && i + 1 < s.size() && s[i + 1] == '/' &&
                             (i + 2 == s.size() || is_blank_char(s[i + 2]));
        bool const hash = s[i] == '#' && text_past_ascii_at != std::string_view::npos && text_past_ascii_at > i;
        if (!slashes && !hash) {
            continue;
        }
        std::size_t blanks = 0;
        while (blanks < i && is_blank_char(s[i - 1 - blanks])) {
            ++blanks;
        }
        if (blanks >= 2 || blanks == i) {
            auto kept = s.substr(0, i - blanks);
            return kept;
        }
    }
    return s;
}

// ---- markdown ----------------------------------------------------------------------------

// `t`: a line's text from its first byte after the indentation, which is '`', '~' or '{'.
bool is_fence_text(std::string_view t) {
    return t.starts_with("```") || t.starts_with("~~~") || t.starts_with("{% highlight") ||
           t.starts_with("{% endhighlight") || t.starts_with("{%highlight") ||
           t.starts_with("{%endhighlight");
}

// `start`: where the text starts after its indentation (skip_blanks(s)). Inlined: most lines
// are answered by that byte, not the first byte of any fence.
[[gnu::always_inline]] inline bool is_code_fence(std::string_view s, std::size_t start) {
    if (start >= s.size() || (s[start] != '`' && s[start] != '~' && s[start] != '{')) {
        return false;
    }
    return is_fence_text(s.substr(start));
}

// A bold span: the "**" that opens it and the "**" that closes it.
struct BoldSpan {
    std::size_t open = std::string_view::npos;  // npos: none
    std::size_t close = 0;
};

// The first bold span opening at or after `from` ("**!vm**"). Runs of three or more stars
// ("*** Virtual Memory Usage ***", a banner of stars) are debugger text and open none.
BoldSpan next_bold(std::string_view s, std::size_t from) {
    auto const pair_at = [&](std::size_t i) {
        return i + 1 < s.size() && s[i] == '*' && s[i + 1] == '*' && (i == 0 || s[i - 1] != '*') &&
               (i + 2 >= s.size() || s[i + 2] != '*');
    };
    // A run of stars is one candidate, judged at its first star: no later star of it can
    // open a span (the star before it), so the search goes on after the run (a banner of
    // stars is then one step, not one search per star).
    for (std::size_t i = s.find('*', from); i != std::string_view::npos; i = s.find('*', i)) {
        std::size_t const first = i;
        while (i < s.size() && s[i] == '*') {
            ++i;
        }
        if (!pair_at(first) || first + 2 >= s.size() || is_blank_char(s[first + 2])) {
            continue;
        }
        for (std::size_t k = first + 3; k + 1 < s.size(); ++k) {
            if (s[k] == '*') {
                if (pair_at(k) && !is_blank_char(s[k - 1])) {
                    return {first, k};
                }
                break;  // no star inside a bold span
            }
        }
    }
    return {};
}

// "**!process 0 0 MsMpEng.exe**" -> "!process 0 0 MsMpEng.exe", into `out`.
void strip_bold(std::string_view s, std::string& out) {
    out.clear();
    std::size_t from = 0;
    for (auto span = next_bold(s, 0); span.open != std::string_view::npos;
         span = next_bold(s, from)) {
        out.append(s.substr(from, span.open - from));
        out.append(s.substr(span.open + 2, span.close - span.open - 2));
        from = span.close + 2;
    }
    out.append(s.substr(from));
}

// Characters markdown escapes with a backslash. A table, not a search of the set: this is
// asked twice for every backslash of a piece (a transcript's paths hold many), and the search
// called memchr each time.
constexpr ByteTable k_markdown_escapable = bytes_of("*_#`[]<>|-.!(){}+~");
bool markdown_escapable(char c) { return k_markdown_escapable[static_cast<unsigned char>(c)]; }

// '*', '<', '>', '|' and '`' cannot follow a backslash in a Windows path or in debugger text.
bool proves_markdown(char c) { return c == '*' || c == '<' || c == '>' || c == '|' || c == '`'; }

// Rewrites `s` in place at each backslash, moving the text between two whole (only a backslash
// changes anything): `at_backslash(s, i, out)` writes at s[out...] what replaces the backslash
// at s[i] and what follows it, advances `out`, and returns how many bytes it took (1 or 2; it
// only shortens).
template <typename AtBackslash>
void rewrite_backslashes(std::string& s, AtBackslash at_backslash) {
    std::size_t out = 0;
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t const stop = next_byte(s, '\\', i);
        std::memmove(s.data() + out, s.data() + i, stop - i);
        out += stop - i;
        i = stop;
        if (i == s.size()) {
            break;
        }
        i += at_backslash(s, i, out);
    }
    s.resize(out);
}

// "\*\*\* Virtual Memory Usage \*\*\*" -> "*** Virtual Memory Usage ***", in place. A "\\"
// pair is left alone (a path's doubled backslash, handled apart).
void unescape_markdown(std::string& s) {
    rewrite_backslashes(s, [](std::string& t, std::size_t i, std::size_t& out) -> std::size_t {
        if (i + 1 < t.size() && t[i + 1] == '\\') {
            t[out++] = '\\';
            t[out++] = '\\';
            return 2;
        }
        if (i + 1 < t.size() && markdown_escapable(t[i + 1])) {
            t[out++] = t[i + 1];  // drop the backslash, keep the character (never a backslash)
            return 2;
        }
        t[out++] = '\\';
        return 1;
    });
}

// "\\??\\C:\\pagefile.sys" -> "\??\C:\pagefile.sys" (markdown doubled every backslash), in place.
void halve_backslashes(std::string& s) {
    rewrite_backslashes(s, [](std::string& t, std::size_t i, std::size_t& out) -> std::size_t {
        t[out++] = '\\';
        return i + 1 < t.size() && t[i + 1] == '\\' ? 2 : 1;
    });
}

} // namespace

thread_local std::vector<Undresser::Slot> Undresser::s_spare_ring;

Undresser::Undresser(Decoder& decoder) : m_decoder(decoder) {
    m_ring.swap(s_spare_ring);
    if (m_ring.empty()) {
        m_ring.resize(k_first_ring_slots);
    }
    m_ring_mask = m_ring.size() - 1;
    set_head(0);
}

// Leaves the ring to the next undresser on this thread: its slots emptied, their buffers kept
// (all but a huge line's, as next() does), unless a freak input grew it past what a window
// of ordinary lines needs.
Undresser::~Undresser() {
    if (m_ring.size() > k_max_spare_slots) {
        return;
    }
    for (Slot& slot : m_ring) {
        std::string& text = slot.line.text;
        if (text.capacity() > k_max_kept_bytes) {
            std::string().swap(text);
        }
        text.clear();
        // Every other field as new, whatever fields a slot gains: a slot's text is kept apart
        // (moving each buffer out and back cost more than all the rest of the loop).
        static_cast<SlotFields&>(slot) = SlotFields{};
        slot.line.number = 0;
        slot.line.truncated = false;
    }
    s_spare_ring.swap(m_ring);
}

// Room for `slots` more lines in the ring (which doubles, keeping the window's order).
void Undresser::grow_ring(std::size_t slots) {
    std::size_t const used = m_pieces + m_raws;
    std::size_t size = m_ring.size();
    while (used + slots > size) {
        size *= 2;
    }
    std::vector<Slot> ring(size);
    for (std::size_t i = 0; i < used; ++i) {
        ring[i] = std::move(at(i));
    }
    m_ring = std::move(ring);
    m_ring_mask = size - 1;
    set_head(0);
}

// The small steps every line takes (claim_raw_slot, read_raw, fill_raw, split_front_raw's
// common case, add_piece, needs_window, note_run, finish's common case) are marked inline:
// -O2 then folds them into their callers instead of a call each.
inline Undresser::Slot& Undresser::claim_raw_slot() {
    make_room(1);
    return at(m_pieces + m_raws);
}

// Reads the next line into the raw window; false at the end of the input.
[[gnu::always_inline]] inline bool Undresser::read_raw() {
    if (m_decoder_done) {
        return false;
    }
    Slot& slot = claim_raw_slot();
    if (!m_decoder.next(slot.line, slot.marks)) {
        m_decoder_done = true;
        return false;
    }
    add_raw(slot);
    return true;
}

// The line just read into `slot`, the one after the window's last, joins the raw window.
[[gnu::always_inline]] inline void Undresser::add_raw(Slot& slot) {
    if (!m_html && (slot.marks & (k_amp | k_lt)) != 0 && shows_html(slot.line.text)) {
        m_html = true;
    }
    m_raw_bytes += slot.line.text.size();
    ++m_raws;
}

// Whether the raw line in `slot` splits into other pieces once the window ahead shows the file
// is HTML: then it is split with the raw window full, as the lookahead promises. Evidence seen
// stays, and most lines with a '<' hold no known tag (a transcript's "<none>"): those split
// the same whatever lies ahead, with no lines read ahead for them.
inline bool Undresser::html_evidence_matters(Slot const& slot) const {
    return (slot.marks & k_lt) != 0 && !m_html && split_depends_on_html(slot.line.text);
}

[[gnu::always_inline]] inline void Undresser::fill_raw() {
    while (m_raws < k_lookahead_lines && m_raw_bytes < k_lookahead_bytes && read_raw()) {
    }
}

// Proved by a mark no path or debugger line puts after a backslash, or else by marks escaped
// ("\_HEAP", "HEAP\_ENTRY", "\[00\]") in text where no backslash stands before a letter or a
// digit: a transcript's paths ("\Device\...", "C:\Windows") would, markdown's escapes do not.
bool Undresser::markdown_escaped() const {
    return m_markdown || (m_escaped_marks >= 2 && m_odd_backslash_runs == 0);
}

// Whether the lines ahead may still decide what `piece`'s backslashes become: markdown proved
// is proved for good (unescaping stays on), a lone backslash before a letter keeps halving off
// for good; before either, a rewrite that could change the text waits for the window.
bool Undresser::backslashes_unsettled(Slot const& piece) const {
    return (piece.unescapable && !m_markdown) || (piece.halvable && m_odd_backslash_runs == 0);
}

// Also notes in `slot` which of the backslash rewrites could change its text (unescaping
// takes the last backslash of an odd run before a character markdown escapes; halving, a run of
// two or more): any other backslash ("\Device", "C:\x") stays whatever the evidence.
void Undresser::note_piece_evidence(Slot& slot) {
    std::string_view const text = slot.line.text;
    slot.unescapable = false;
    slot.halvable = false;
    bool escaped_open_bracket = false;  // "\[00\]": markdown escaped both brackets
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\\') {
            auto const* next = static_cast<char const*>(
                std::memchr(text.data() + i, '\\', text.size() - i));
            if (next == nullptr) {
                return;  // no backslash left
            }
            i = static_cast<std::size_t>(next - text.data());
        }
        std::size_t run = 1;
        while (i + run < text.size() && text[i + run] == '\\') {
            ++run;
        }
        char const after = i + run < text.size() ? text[i + run] : '\0';
        if (run == 1 && (proves_markdown(after) || (after == ']' && escaped_open_bracket))) {
            m_markdown = true;
        } else if (run == 1 && markdown_escapable(after)) {
            ++m_escaped_marks;
        } else if (run % 2 == 1) {
            ++m_odd_backslash_runs;
        } else if (run % 2 == 0) {
            ++m_even_backslash_runs;
        }
        escaped_open_bracket = escaped_open_bracket || (run == 1 && after == '[');
        slot.unescapable = slot.unescapable || (run % 2 == 1 && markdown_escapable(after));
        slot.halvable = slot.halvable || run > 1;
        i += run - 1;
    }
}

[[gnu::always_inline]] inline void Undresser::split_front_raw() {
    Slot& front = at(m_pieces);
    m_raw_bytes -= front.line.text.size();
    if ((front.marks & (k_lt | k_amp)) == 0 || splits_whole(front.line.text, m_html)) {
        // No tag to take and no entity: the line is its own single piece (what split_html
        // returns).
        --m_raws;
        add_piece(front);
        return;
    }
    split_front_html(front);
}

// The first raw line, which holds a tag split_html takes or an entity, as the pieces it makes.
void Undresser::split_front_html(Slot& front) {
    auto pieces = split_html(front.line.text, m_html);
    auto const number = front.line.number;
    bool const truncated = front.line.truncated;
    replace_front_raw(pieces.size());
    --m_raws;
    for (auto& text : pieces) {
        Slot& slot = at(m_pieces);
        slot.line.number = number;
        slot.line.truncated = truncated;
        slot.line.text = std::move(text);
        slot.marks = marks_of(slot.line.text);
        add_piece(slot);
    }
}

// The first raw line's slot (still counted in m_raws) becomes `pieces` slots, none for a line
// that was only <br>. The pieces before it or the raw lines behind it move over, whichever are
// fewer: the ring's free slots lie after the window's end and so before its head too. The
// raw window is full when an HTML line is split (its evidence), the pieces before it mostly
// none: moving the raw lines cost a shuffle of 255 slots a line.
void Undresser::replace_front_raw(std::size_t pieces) {
    std::size_t const first = m_pieces;
    std::size_t const behind = m_raws - 1;
    if (pieces == 1) {
        return;
    }
    if (pieces > 1) {
        make_room(pieces - 1);
    }
    if (first <= behind) {
        if (pieces > 1) {
            std::size_t const extra = pieces - 1;
            set_head((m_head - extra) & m_ring_mask);  // the pieces before move back
            for (std::size_t i = 0; i < first; ++i) {
                swap(at(i), at(i + extra));
            }
        } else {
            for (std::size_t i = first; i > 0; --i) {  // the pieces before move up over it
                swap(at(i), at(i - 1));
            }
            set_head((m_head + 1) & m_ring_mask);
        }
    } else if (pieces > 1) {
        for (std::size_t i = first + behind; i > first; --i) {
            swap(at(i), at(i + pieces - 1));
        }
    } else {
        for (std::size_t i = first; i < first + behind; ++i) {
            swap(at(i), at(i + 1));
        }
    }
}

[[gnu::always_inline]] inline void Undresser::add_piece(Slot& slot) {
    // One scan of the indentation serves all three (indented rows are most of a transcript).
    slot.indent = first_non_blank_wide(slot.line.text);
    slot.blank = slot.indent == slot.line.text.size();
    slot.marker = !slot.blank && detail::may_open_marker(slot.line.text[slot.indent])
                      ? marker_of(slot.line.text, slot.indent)
                      : Marker::none;
    if ((slot.marks & k_backslash) != 0) {
        note_piece_evidence(slot);
    }
    m_piece_bytes += slot.line.text.size();
    ++m_pieces;
}

// Tops the window up for the front piece, whose backslashes the pieces ahead may decide, until
// they have (backslashes_unsettled) or the window is full. The evidence only grows, and once it
// has settled what the piece's backslashes become, no piece further ahead changes that: a
// window read no further gives the piece the full window's answer, and most such windows
// settle within a few lines (a path's lone backslash before a letter settles halving).
void Undresser::fill_pieces() {
    while (backslashes_unsettled(at(0)) && add_pieces()) {
    }
}

// The pieces of the next raw line, or false where the window is full or the input ends. A line
// whose split depends on the HTML evidence (html_evidence_matters) is split with the raw window
// full, as the lookahead promises; other lines are read one at a time.
bool Undresser::add_pieces() {
    if (m_pieces >= k_lookahead_lines || m_piece_bytes >= k_lookahead_bytes) {
        return false;
    }
    if (m_raws == 0 && !read_raw()) {
        return false;
    }
    if (html_evidence_matters(at(m_pieces))) {
        fill_raw();
    }
    split_front_raw();
    return true;
}

// Tops the window up for the front piece, which has a prefix marker, only as far as
// in_prefix_run reads it: to the first piece that is neither blank nor of the run, or until
// the run is long enough. The window is then a beginning of the full one, and in_prefix_run's
// answer the same.
void Undresser::fill_run() {
    Marker const marker = at(0).marker;
    std::size_t const indent = at(0).indent;
    std::size_t const needed = run_needed(marker);
    std::size_t count = (m_run_marker == marker && m_run_indent == indent ? m_run_length : 0) + 1;
    for (std::size_t k = 1; count < needed; ++k) {
        while (k == m_pieces) {
            if (!add_pieces()) {
                return;
            }
        }
        Slot const& piece = at(k);
        if (piece.blank) {
            continue;
        }
        if (piece.marker != marker || piece.indent != indent) {
            return;
        }
        ++count;
    }
}

// Is the front piece (this marker at this indentation) part of a run long enough to be a prefix? Counts the
// run so far and the non-blank pieces ahead in the window (the front one is already out).
bool Undresser::in_prefix_run(Marker marker, std::size_t indent) const {
    std::size_t const needed = run_needed(marker);
    std::size_t count = (m_run_marker == marker && m_run_indent == indent ? m_run_length : 0) + 1;
    for (std::size_t k = 0; k < m_pieces && count < needed; ++k) {
        if (at(k).blank) {
            continue;
        }
        if (at(k).marker != marker || at(k).indent != indent) {
            break;
        }
        ++count;
    }
    return count >= needed;
}

// The run of non-blank pieces sharing a marker and an indentation that `piece` continues.
inline void Undresser::note_run(Slot const& piece) {
    if (piece.blank) {
        return;
    }
    if (piece.marker == Marker::none) {
        // Most lines. A run with no marker is never a prefix run: in_prefix_run reads its
        // length and indentation only when the marker matches, so they are left as they are.
        m_run_marker = Marker::none;
        return;
    }
    bool const same = m_run_marker == piece.marker && m_run_indent == piece.indent;
    m_run_length = same ? m_run_length + 1 : 1;
    m_run_marker = piece.marker;
    m_run_indent = piece.indent;
}

// The line `piece` gives, or nullptr for a code fence. Most pieces (no prefix marker, no note,
// no bold, no backslash) are handed out whole unless they are a fence, without the call to
// finish_marked: inline, as the other steps every line takes.
inline Line const* Undresser::finish(Slot& piece) {
    if (piece.marker == Marker::none && (piece.marks & (k_slash | k_hash | k_star | k_backslash)) == 0) {
        note_run(piece);
        return is_code_fence(piece.line.text, piece.indent) ? nullptr : &piece.line;
    }
    return finish_marked(piece);
}

Line const* Undresser::finish_marked(Slot& piece) {
    std::string_view text = piece.line.text;
    std::size_t start = piece.indent;  // of `text`, after its indentation
    if (!piece.blank && piece.marker != Marker::none && in_prefix_run(piece.marker, piece.indent)) {
        text = strip_marker(text, piece.marker);
        if (piece.marker == Marker::dashes) {
            text = strip_highlight_dashes(text);
        }
        start = skip_blanks(text);
    }
    note_run(piece);
    if (is_code_fence(text, start)) {
        return nullptr;
    }
    // `text` is the piece's text or a part of it: a byte the piece lacks, it lacks too.
    if ((piece.marks & (k_slash | k_hash)) != 0) {
        text = strip_annotation(text);
    }
    // Bold to take off, markdown's escapes, backslashes markdown doubled: each needs its mark
    // byte in the piece, and most lines have none of them (a path's backslash is no escape).
    bool const bold = (piece.marks & k_star) != 0 && next_bold(text, 0).open != std::string_view::npos;
    bool const backslash = (piece.marks & k_backslash) != 0;
    bool const unescape = backslash && markdown_escaped();
    bool const halve = backslash && m_odd_backslash_runs == 0 && m_even_backslash_runs >= 2;
    if (!bold && !unescape && !halve && text.size() == piece.line.text.size()) {
        return &piece.line;  // most lines: nothing taken off, handed out from the slot itself
    }
    // Into m_out's own buffer, reused line after line (`text` is the piece's, never m_out's).
    m_out.number = piece.line.number;
    m_out.truncated = piece.line.truncated;
    if (bold) {
        strip_bold(text, m_out.text);
    } else {
        m_out.text.assign(text);
    }
    if (unescape && m_out.text.find('\\') != std::string::npos) {
        unescape_markdown(m_out.text);
    }
    if (halve && m_out.text.find("\\\\") != std::string::npos) {
        halve_backslashes(m_out.text);
    }
    return &m_out;
}

// The slot the last line was handed out from is free once the caller asks for the next line;
// a huge line's buffer is not kept.
inline void Undresser::release_last() {
    if (m_last != nullptr && m_last->line.text.capacity() > k_max_kept_bytes) {
        std::string().swap(m_last->line.text);
    }
    m_last = nullptr;
}

// next() where it does not hand the line out itself: a slot to release, the window not empty,
// a line the decoder does not find whole in its chunk, or the end of the input.
Line const* Undresser::next_other() {
    release_last();
    if (m_pieces == 0 && m_raws == 0) {
        // The window is empty (it mostly is): the line is read into the slot at its head and,
        // when it holds none of the marks and opens neither a prefix nor a code fence, handed
        // out from there as finish would, with none of the window's bookkeeping.
        if (m_decoder_done) {
            return nullptr;
        }
        Slot& slot = at(0);
        if (!m_decoder.next(slot.line, slot.marks)) {
            m_decoder_done = true;
            return nullptr;
        }
        if (Line const* line = hand_out_head(slot)) {
            return line;
        }
        add_raw(slot);  // the rest take the window's way
    }
    return next_window();
}

Line const* Undresser::next_from_window(Slot& just_read) {
    add_raw(just_read);
    return next_window();
}

// The next line from a window that is not empty.
Line const* Undresser::next_window() {
    for (;;) {
        if (m_pieces == 0 && m_raws == 0 && !read_raw()) {
            return nullptr;
        }
        if (m_pieces == 0) {
            if (html_evidence_matters(at(0))) {
                fill_raw();  // how it splits depends on the HTML evidence ahead
            }
            split_front_raw();
            if (m_pieces == 0) {
                continue;    // a line of nothing but <br>
            }
        }
        // Does finishing this piece depend on the lines after it? A backslash markdown may
        // rewrite does (is the file markdown? did it double the backslashes?), unless the
        // evidence so far has settled it: it is finished with the window topped up until the
        // evidence does (fill_pieces). A prefix marker does as far as its run (fill_run). Most
        // lines of a transcript have neither and are finished without reading ahead. The evidence
        // only grows as lines are read, and each piece is made as a full window would make it, so
        // each line is what it would be had the window been topped up before every line.
        if ((at(0).marks & k_backslash) != 0 && backslashes_unsettled(at(0))) {
            fill_pieces();
        }
        if (at(0).marker != Marker::none) {
            fill_run();  // also after fill_pieces: it may stop before the run is known
        }
        Slot& piece = at(0);
        set_head((m_head + 1) & m_ring_mask);
        --m_pieces;
        m_piece_bytes -= piece.line.text.size();
        m_last = &piece;
        Line const* line = finish(piece);
        if (line == nullptr) {
            release_last();  // a code fence
            continue;
        }
        if (piece.line.text.capacity() <= k_max_kept_bytes) {
            m_last = nullptr;  // nothing to release: the next call may stay inline
        }
        // A line handed out whole keeps the piece's indentation; one cut or rewritten is
        // measured again.
        m_last_indent = line == &piece.line ? piece.indent : skip_blanks(line->text);
        return line;
    }
}

bool Undresser::next(Line& out) {
    Line const* line = next();
    if (line == nullptr) {
        return false;
    }
    out = *line;
    return true;
}

} // namespace dbgsift::text
