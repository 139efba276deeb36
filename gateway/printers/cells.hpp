#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <google/protobuf/map.h>
#include <google/protobuf/message.h>

#include "gateway/printers/printer.hpp"
#include "k8s/core/v1/pod.pb.h"
#include "k8s/meta/v1/object_meta.pb.h"
#include "k8s/resource/quantity.pb.h"
#include "k8s/util/intstr.pb.h"

// Helpers shared by the printers: typed access, the common columns and Kubernetes' small
// formatting rules (label lists, container lists, quantities).
namespace kactor::printers {

/// The generated class T of `message`: the object itself when it is one (the normal case,
/// objects come from the generated factory), else a copy made through reflection.
template <class T>
class typed {
 public:
  explicit typed(const google::protobuf::Message& message) {
    if (const auto* p = dynamic_cast<const T*>(&message)) {
      ptr_ = p;
    } else {
      copy_.emplace();
      copy_->CopyFrom(message);
      ptr_ = &*copy_;
    }
  }
  const T& operator*() const { return *ptr_; }
  const T* operator->() const { return ptr_; }

 private:
  std::optional<T> copy_;
  const T* ptr_ = nullptr;
};

/// The object's `metadata` (an empty ObjectMeta when the kind has none or it is unset).
const k8s::meta::v1::ObjectMeta& object_meta_of(const google::protobuf::Message& object);

inline constexpr std::string_view name_description =
    "The name of the object, unique within its namespace and kind.";
inline constexpr std::string_view created_description = "How long ago the object was created.";
inline constexpr std::string_view created_at_description = "When the object was created.";
inline constexpr column name_column{"Name", "string", "name", name_description, 0};
inline constexpr column age_column{"Age", "string", "", created_description, 0};
inline constexpr column containers_column{"Containers", "string", "",
                                          "The names of the containers of the pod template.", 1};
inline constexpr column images_column{"Images", "string", "",
                                      "The images of the containers of the pod template.", 1};

/// The object's name and age cells (most kinds start and end with these).
std::string name_of(const google::protobuf::Message& object);
std::string age_of(const google::protobuf::Message& object, const print_context& context);

/// `items` joined by `separator`.
std::string join(const std::vector<std::string>& items, std::string_view separator);

/// Kubernetes' labels.FormatLabels: "k1=v1,k2=v2" sorted by key, "<none>" when empty.
std::string format_labels(const google::protobuf::Map<std::string, std::string>& labels);

/// The Containers and Images cells of a pod template: names and images joined by ",".
void append_container_cells(const k8s::core::v1::PodSpec& spec, row_output& out);

/// A quantity as Kubernetes prints it (canonical form: "2Gi", "500m"); the text as written
/// when it does not parse.
std::string quantity_text(const k8s::resource::Quantity& q);

/// An IntOrString as text: "3" or "25%".
std::string int_or_string_text(const k8s::util::IntOrString& v);

/// "True"/"False", and "<unset>" for an unset optional bool (kubectl's printBoolPtr).
std::string bool_text(bool value);

/// "<none>" for an empty string, the string otherwise.
std::string or_none(std::string text);

}  // namespace kactor::printers
