#include "actors/informer/notification.hpp"

namespace kactor::informer {

std::string_view to_string(change_type type) {
  switch (type) {
    case change_type::added:
      return "added";
    case change_type::updated:
      return "updated";
    case change_type::deleted:
      return "deleted";
  }
  return "unknown";
}

}  // namespace kactor::informer
