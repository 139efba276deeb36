#pragma once

#include <span>
#include <string_view>

namespace kactor::messages {

/// Every .proto file compiled into the binary, relative to messages/proto
/// ("k8s/core/v1/pod.proto"). Generated at configure time from the source tree.
std::span<const std::string_view> proto_files();

}  // namespace kactor::messages
