#pragma once

#include <string>

#include <google/protobuf/map.h>
#include <google/protobuf/repeated_ptr_field.h>

#include "k8s/core/v1/affinity.pb.h"
#include "k8s/core/v1/node.pb.h"
#include "k8s/core/v1/pod.pb.h"
#include "k8s/meta/v1/selector.pb.h"

namespace kactor::scheduler {

/// Object labels as the proto carries them.
using label_map = google::protobuf::Map<std::string, std::string>;
using toleration_list = google::protobuf::RepeatedPtrField<k8s::core::v1::Toleration>;

/// Kubernetes' toleration rule: the effects match (an empty toleration effect matches all),
/// the keys match (an empty key matches all, which requires operator Exists), and either the
/// operator is Exists or (Equal or unset) the values are equal.
bool tolerates(const k8s::core::v1::Toleration& toleration, const k8s::core::v1::Taint& taint);
/// True when any toleration tolerates the taint.
bool tolerates(const toleration_list& tolerations, const k8s::core::v1::Taint& taint);

/// A label selector against labels (metav1 semantics): matchLabels and every matchExpression
/// (In, NotIn, Exists, DoesNotExist) must hold; an empty selector matches everything; an
/// unknown operator matches nothing.
bool matches(const k8s::meta::v1::LabelSelector& selector, const label_map& labels);

/// A text naming what a label selector selects, equal for equal selectors whatever the order
/// of matchLabels (a proto map has none): sorted matchLabels, then the matchExpressions as
/// written, NUL-separated. For cache keys.
std::string canonical_selector(const k8s::meta::v1::LabelSelector& selector);

/// One node selector term against a node: every matchExpression (In, NotIn, Exists,
/// DoesNotExist, Gt, Lt on integer label values) and every matchField (metadata.name with In
/// or NotIn) must hold. A term without requirements matches no node.
bool matches(const k8s::core::v1::NodeSelectorTerm& term, const k8s::core::v1::Node& node);

/// The pod's hard node constraints: spec.nodeSelector (every pair must be a node label) and
/// requiredDuringSchedulingIgnoredDuringExecution (any of its terms must match; no terms
/// matches no node).
bool matches_required_node_affinity(const k8s::core::v1::PodSpec& spec,
                                    const k8s::core::v1::Node& node);

}  // namespace kactor::scheduler
