#include "es/application.hpp"

namespace es {

std::vector<Notification> NotificationLog::select(std::int64_t start, std::int64_t limit) const
{
    if (limit < 1 || limit > max_limit) {
        throw NotificationLimitError("a notification log page holds 1 to " + std::to_string(max_limit) +
                                     " notifications; " + std::to_string(limit) + " were asked for");
    }
    return recorder_.select_notifications(start < 1 ? 1 : start, limit);
}

}  // namespace es
