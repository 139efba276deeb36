#include "gateway/printers/cells.hpp"

#include <algorithm>

#include "gateway/printers/age.hpp"
#include "messages/quantity.hpp"

namespace kactor::printers {

const k8s::meta::v1::ObjectMeta& object_meta_of(const google::protobuf::Message& object) {
  const auto* field = object.GetDescriptor()->FindFieldByName("metadata");
  if (field == nullptr || field->message_type() != k8s::meta::v1::ObjectMeta::descriptor()) {
    return k8s::meta::v1::ObjectMeta::default_instance();
  }
  const auto& meta = object.GetReflection()->GetMessage(object, field);
  if (const auto* typed_meta = dynamic_cast<const k8s::meta::v1::ObjectMeta*>(&meta)) {
    return *typed_meta;
  }
  // Dynamic messages are not printed in practice; their metadata reads as empty.
  return k8s::meta::v1::ObjectMeta::default_instance();
}

std::string name_of(const google::protobuf::Message& object) {
  return object_meta_of(object).name();
}

std::string age_of(const google::protobuf::Message& object, const print_context& context) {
  return age(object_meta_of(object).creationtimestamp(), context.now);
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out.append(separator);
    out += items[i];
  }
  return out;
}

std::string format_labels(const google::protobuf::Map<std::string, std::string>& labels) {
  std::vector<std::string> pairs;
  pairs.reserve(labels.size());
  for (const auto& [key, value] : labels)
    pairs.push_back(key + "=" + value);
  std::sort(pairs.begin(), pairs.end());
  auto text = join(pairs, ",");
  return text.empty() ? "<none>" : text;
}

void append_container_cells(const k8s::core::v1::PodSpec& spec, row_output& out) {
  std::vector<std::string> names;
  std::vector<std::string> images;
  for (const auto& c : spec.containers()) {
    names.push_back(c.name());
    images.push_back(c.image());
  }
  out.cells.push_back(join(names, ","));
  out.cells.push_back(join(images, ","));
}

std::string quantity_text(const k8s::resource::Quantity& q) {
  auto parsed = messages::parse_quantity(q.string());
  return parsed ? messages::format_quantity(*parsed) : q.string();
}

std::string int_or_string_text(const k8s::util::IntOrString& v) {
  return v.type() == 1 ? v.strval() : std::to_string(v.intval());
}

std::string bool_text(bool value) {
  return value ? "True" : "False";
}

std::string or_none(std::string text) {
  return text.empty() ? "<none>" : std::move(text);
}

}  // namespace kactor::printers
