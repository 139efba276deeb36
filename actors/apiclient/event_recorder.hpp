#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include <google/protobuf/message.h>

#include "actors/apiclient/api_client.hpp"

// Records core/v1 Events about API objects, as Kubernetes components do ("Scheduled",
// "FailedScheduling", "Started", "Killing", "BackOff", "ScalingReplicaSet" ...), so `kubectl
// describe` and `kubectl get events` show what the system did. A repeat of the same
// (object, type, reason, message) within 10 minutes bumps the first Event's count and
// lastTimestamp instead of creating another one, as Kubernetes' correlator does.
// Fire and forget: a failed write is logged by nobody and lost, like Kubernetes' own.
namespace kactor::apiclient {

class event_recorder {
 public:
  // `component` is the Event's source.component and reportingComponent ("default-scheduler",
  // "kubelet", "deployment-controller"); `host` its source.host ("" for none).
  event_recorder(std::shared_ptr<const api_client> client, std::string component,
                 std::string host = "");

  // `object` is any API object with metadata (its kind comes from its message type); `type`
  // is "Normal" or "Warning". Thread-safe.
  void record(const google::protobuf::Message& object, std::string_view type,
              std::string_view reason, std::string message);

 private:
  struct seen {
    std::string event_name;
    std::string ns;
    std::int32_t count = 0;
    std::chrono::system_clock::time_point first;
  };
  std::shared_ptr<const api_client> client_;
  std::string component_;
  std::string host_;
  std::mutex mutex_;
  std::map<std::string, seen> seen_;  // by object uid + type + reason + message
};

}  // namespace kactor::apiclient
