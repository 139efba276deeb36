#include "gateway/openapi/schema_names.hpp"

#include <utility>

namespace kactor::openapi {

std::string definition_name(const google::protobuf::Descriptor* type) {
  // Our packages mirror the Go packages; the apimachinery ones live elsewhere upstream.
  static const std::pair<std::string_view, std::string_view> prefixes[] = {
      {"k8s.meta.v1.", "io.k8s.apimachinery.pkg.apis.meta.v1."},
      {"k8s.resource.", "io.k8s.apimachinery.pkg.api.resource."},
      {"k8s.util.", "io.k8s.apimachinery.pkg.util.intstr."},
      {"k8s.runtime.", "io.k8s.apimachinery.pkg.runtime."},
      {"k8s.", "io.k8s.api."},
  };
  const std::string& full = type->full_name();
  for (const auto& [from, to] : prefixes)
    if (std::string_view(full).starts_with(from)) return std::string(to) + full.substr(from.size());
  return "io." + full;
}

std::string schema_ref(std::string_view definition) {
  return "#/components/schemas/" + std::string(definition);
}

}  // namespace kactor::openapi
