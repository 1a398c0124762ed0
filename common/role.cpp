#include "common/role.h"

#include <array>

namespace fd {
namespace {

struct Entry
{
    Role role;
    const char *name;
};

constexpr std::array kRoles{Entry{Role::Admin, "admin"},      Entry{Role::Moderator, "moderator"},
                            Entry{Role::Seller, "seller"},    Entry{Role::Buyer, "buyer"},
                            Entry{Role::UserB2b, "user_b2b"}, Entry{Role::SellerB2b, "seller_b2b"}};

} // namespace

QString roleName(Role role)
{
    for (const Entry &entry : kRoles) {
        if (entry.role == role)
            return QLatin1StringView(entry.name);
    }
    return {};
}

std::optional<Role> roleFromName(QStringView name)
{
    for (const Entry &entry : kRoles) {
        if (name == QLatin1StringView(entry.name))
            return entry.role;
    }
    return std::nullopt;
}

} // namespace fd
