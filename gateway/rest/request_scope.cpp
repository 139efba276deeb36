#include "gateway/rest/request_scope.hpp"

#include <algorithm>
#include <vector>

namespace kactor::rest {

namespace {

std::vector<std::string> split(std::string_view path) {
  std::vector<std::string> out;
  while (!path.empty()) {
    auto slash = path.find('/');
    out.emplace_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

bool has_subresource(const messages::resource_info& r, std::string_view sub) {
  return std::find(r.subresources.begin(), r.subresources.end(), sub) != r.subresources.end();
}

}  // namespace

api_error no_such_path() {
  api_error e;
  e.code = 404;
  e.reason = "NotFound";
  e.message = "the server could not find the requested resource";
  e.details = json::object();
  return e;
}

result<request_scope> resolve_scope(const messages::registry& types, std::string_view group,
                                    std::string_view version, std::string_view rest) {
  auto parts = split(rest);
  if (!parts.empty() && parts.back().empty()) parts.pop_back();  // one trailing '/'
  if (parts.empty() || parts.size() > 5) return no_such_path();
  for (auto& p : parts)
    if (p.empty()) return no_such_path();
  request_scope scope;
  std::size_t at = 0;
  bool in_namespace = false;
  // namespaces/<ns>/<resource>...: a namespaced request unless it names the Namespace itself.
  if (parts[0] == "namespaces" && parts.size() >= 3) {
    auto* ns_res = group.empty() ? types.find_resource("", version, "namespaces") : nullptr;
    bool namespace_sub = parts.size() == 3 && ns_res && has_subresource(*ns_res, parts[2]);
    if (!namespace_sub) {
      scope.ns = parts[1];
      at = 2;
      in_namespace = true;
    }
  }
  auto* res = types.find_resource(group, version, parts[at]);
  if (!res) return no_such_path();
  if (in_namespace && !res->namespaced) return no_such_path();
  scope.resource = res;
  std::size_t left = parts.size() - at - 1;
  if (left > 2) return no_such_path();
  if (left >= 1) scope.name = parts[at + 1];
  if (left == 2) {
    scope.subresource = parts[at + 2];
    if (!has_subresource(*res, scope.subresource)) return no_such_path();
  }
  return scope;
}

}  // namespace kactor::rest
