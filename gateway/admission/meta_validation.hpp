#pragma once

#include <cstdint>
#include <string>

#include <google/protobuf/map.h>

#include "gateway/admission/field_error.hpp"
#include "gateway/admission/name_rules.hpp"
#include "k8s/meta/v1/object_meta.pb.h"
#include "k8s/meta/v1/selector.pb.h"

namespace kactor::admission {

using string_map = google::protobuf::Map<std::string, std::string>;

/// Kubernetes' ValidateLabels: every key a qualified name and every value a label value; the
/// errors carry `path` itself (e.g. "metadata.labels"), keys in sorted order.
field_errors validate_labels(const string_map& labels, const std::string& path);

/// ValidateAnnotations: keys are qualified names (case-insensitive), and keys plus values
/// total at most 256 KiB (`Too long: may not be more than 262144 bytes`).
field_errors validate_annotations(const string_map& annotations, const std::string& path);

/// ValidateLabelSelector: matchLabels as labels; each matchExpressions operator In/NotIn
/// (values required), Exists/DoesNotExist (values forbidden), key and values syntax.
field_errors validate_label_selector(const k8s::meta::v1::LabelSelector& selector,
                                     const std::string& path);

/// ValidateObjectMeta for a new object: name (or generateName) per `rule`, namespace required
/// and a DNS label when `namespaced`, forbidden otherwise; generation non-negative; labels,
/// annotations, ownerReferences, finalizers.
field_errors validate_object_meta(const k8s::meta::v1::ObjectMeta& meta, bool namespaced,
                                  name_rule rule, const std::string& path = "metadata");

/// ValidateObjectMetaUpdate: name, namespace, uid, creationTimestamp, deletionTimestamp and
/// deletionGracePeriodSeconds immutable (`field is immutable`); generation not decremented;
/// no new finalizers once deletion started; labels, annotations and ownerReferences as on
/// create. (resourceVersion preconditions are the REST layer's.)
field_errors validate_object_meta_update(const k8s::meta::v1::ObjectMeta& meta,
                                         const k8s::meta::v1::ObjectMeta& old,
                                         const std::string& path = "metadata");

/// `Invalid value: <v>: must be greater than or equal to 0` when v < 0.
field_errors validate_nonnegative(std::int64_t value, const std::string& path);

}  // namespace kactor::admission
