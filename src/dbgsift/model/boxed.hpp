// SPDX-License-Identifier: MIT
// A value in a heap block of its own, made only when first written: rows most transcripts
// never print (a process's `!process 0 1` detail) cost a row a pointer, not their size, in
// the lists a big transcript keeps until its report (issue 14). Copies copy the value.
#pragma once
#include <memory>

namespace dbgsift::model {

template <typename T>
class Boxed {
public:
    Boxed() = default;
    Boxed(Boxed const& other) : m_value(copy_of(other)) {}
    Boxed(Boxed&&) noexcept = default;
    Boxed& operator=(Boxed const& other) {
        if (this != &other) {
            m_value = copy_of(other);
        }
        return *this;
    }
    Boxed& operator=(Boxed&&) noexcept = default;

    // The value, or nullptr while nothing was written.
    T const* get() const { return m_value.get(); }
    // The value to write into, made (default-constructed) on first use.
    T& fill() {
        if (!m_value) {
            m_value = std::make_unique<T>();
        }
        return *m_value;
    }

private:
    static std::unique_ptr<T> copy_of(Boxed const& other) {
        return other.m_value ? std::make_unique<T>(*other.m_value) : nullptr;
    }

    std::unique_ptr<T> m_value;
};

} // namespace dbgsift::model
