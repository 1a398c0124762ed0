#pragma once

#include <QString>

#include <optional>

namespace fd {

enum class Role { Admin, Moderator, Seller, Buyer, UserB2b, SellerB2b };

QString roleName(Role role);
std::optional<Role> roleFromName(QStringView name);

} // namespace fd
