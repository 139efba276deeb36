#pragma once

#include <cstdint>
#include <string>

#include "k8s/meta/v1/time.pb.h"
#include "messages/time.hpp"

namespace kactor::printers {

/// A duration as kubectl prints ages (Kubernetes' duration.HumanDuration, ~2-3 significant
/// figures): "0s" for up to 1 s in the future (clock skew), "<invalid>" beyond that;
/// "59s", "119s", "2m", "5m2s", "10m", "179m", "3h", "3h4m", "8h", "47h", "2d", "2d3h",
/// "8d", "729d", "2y", "2y3d", "8y".
std::string human_duration(std::int64_t nanoseconds);

/// The age of `t` at `now` as human_duration; "<unknown>" when `t` is unset or zero.
std::string age(const k8s::meta::v1::Time& t, messages::timestamp now);
std::string age(const k8s::meta::v1::MicroTime& t, messages::timestamp now);

/// human_duration(to - from): the length of an interval (job Duration).
std::string interval(const k8s::meta::v1::Time& from, const k8s::meta::v1::Time& to);

}  // namespace kactor::printers
