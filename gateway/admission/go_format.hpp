#pragma once

#include <string>

#include <google/protobuf/map.h>

#include "k8s/meta/v1/selector.pb.h"

namespace kactor::admission {

/// Values printed as Go's %#v prints them inside Kubernetes' "Invalid value: ..." texts.

/// `map[string]string{"a":"b", "c":"d"}` with keys sorted; `map[string]string(nil)` when empty
/// (an absent Go map is nil).
std::string go_map(const google::protobuf::Map<std::string, std::string>& m);

/// `v1.LabelSelector{MatchLabels:map[string]string{"app":"web"},
/// MatchExpressions:[]v1.LabelSelectorRequirement(nil)}` (on one line).
std::string go_label_selector(const k8s::meta::v1::LabelSelector& s);

}  // namespace kactor::admission
