#include "es/application.hpp"
#include "es/not_implemented.hpp"

namespace es {

std::vector<Notification> NotificationLog::select(std::int64_t start, std::int64_t limit) const
{
    // >>> step 5: NotificationLog::select
    throw es::NotImplemented("NotificationLog::select", 5);
    // <<<
}

}  // namespace es
