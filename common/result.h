#pragma once

#include "common/errorcode.h"

#include <QList>
#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace fd {

struct FieldError
{
    QString field;
    QString message;
};

// An expected failure, carried as a value across module boundaries (no exceptions).
struct Error
{
    ErrorCode code = ErrorCode::Internal;
    QString detail;
    QList<FieldError> fields = {};
};

// The shape of std::expected (which GCC 12 only offers in C++23 mode).
template <typename T> class [[nodiscard]] Result
{
public:
    Result(T value) : m_state(std::move(value)) {}
    Result(Error error) : m_state(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    T &value() { return std::get<T>(m_state); }
    const T &value() const { return std::get<T>(m_state); }
    T &operator*() { return value(); }
    const T &operator*() const { return value(); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }

    const Error &error() const { return std::get<Error>(m_state); }

private:
    std::variant<T, Error> m_state;
};

template <> class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

} // namespace fd
