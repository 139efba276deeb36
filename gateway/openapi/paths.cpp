#include "gateway/openapi/paths.hpp"

#include <algorithm>
#include <cctype>

#include "gateway/discovery/subresources.hpp"
#include "gateway/openapi/operation.hpp"
#include "gateway/openapi/schema_comments.hpp"
#include "messages/codec/schema.hpp"

namespace kactor::openapi {

namespace {

using discovery::group_version_kind;
using discovery::subresource_info;
using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using messages::json;
using messages::resource_info;

constexpr const char* patch_definition = "io.k8s.apimachinery.pkg.apis.meta.v1.Patch";

std::string pascal(std::string_view word) {
  std::string out(word);
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

std::string article(std::string_view noun) {
  bool vowel = !noun.empty() && std::string_view("AEIOU").find(noun[0]) != std::string_view::npos;
  return (vowel ? "an " : "a ") + std::string(noun);
}

bool has_verb(const resource_info& r, std::string_view verb) {
  return std::find(r.verbs.begin(), r.verbs.end(), verb) != r.verbs.end();
}

// The query parameters of a subresource's options kind (PodLogOptions, PodExecOptions ...):
// one per scalar or repeated scalar field; Time fields are strings.
json option_parameters(const Descriptor* options) {
  json out = json::array();
  if (options == nullptr) return out;
  for (int i = 0; i < options->field_count(); ++i) {
    const FieldDescriptor* f = options->field(i);
    std::string type = "string";
    if (f->message_type() != nullptr) {
      auto form = messages::json_form_of(f->message_type());
      if (form != ::kactor::JSON_TIME && form != ::kactor::JSON_MICRO_TIME) continue;
    } else if (f->cpp_type() == FieldDescriptor::CPPTYPE_BOOL) {
      type = "boolean";
    } else if (f->cpp_type() != FieldDescriptor::CPPTYPE_STRING &&
               f->cpp_type() != FieldDescriptor::CPPTYPE_ENUM) {
      type = "integer";
    }
    out.push_back(query_parameter(f->name(), type, schema_comment(f->full_name())));
  }
  return out;
}

// Writes the paths of one group-version's resources.
class path_writer {
 public:
  path_writer(const messages::registry& registry, const messages::group_version& gv,
              const paths_options& options, schema_builder& schemas)
      : registry_(registry),
        options_(options),
        schemas_(schemas),
        prefix_(gv.group.empty() ? "/api/" + gv.version : "/apis/" + gv.group + "/" + gv.version),
        tag_(group_version_tag(gv.group, gv.version)),
        stem_(operation_stem(gv.group, gv.version)) {
    status_ = add_meta("Status");
    delete_options_ = add_meta("DeleteOptions");
  }

  void add_resource_list_path() {
    operation_input get =
        base("get", "get" + stem_ + "APIResources", "The resources of " + prefix_.substr(1), {});
    get.response_schema = schemas_name(add_meta("APIResourceList"));
    json op = operation(get);
    op.erase("x-kubernetes-action");  // discovery, not an operation on a kind
    op.erase("x-kubernetes-group-version-kind");
    paths_[prefix_ + "/"] = json{{"get", std::move(op)}};
  }

  void add_resource(const resource_info& r) {
    resource_ops res{r,
                     {r.group, r.version, r.kind},
                     stem_ + (r.namespaced ? "Namespaced" : "") + r.kind,
                     schemas_.add(r.descriptor),
                     r.list_descriptor ? schemas_.add(r.list_descriptor) : ""};
    const std::string collection =
        prefix_ + (r.namespaced ? "/namespaces/{namespace}/" : "/") + r.plural;
    json params = json::array();
    if (r.namespaced) params.push_back(path_parameter("namespace", "The namespace."));
    add_collection(res, collection, params);
    params.insert(params.begin(), path_parameter("name", "The name of the object."));
    add_item(res, collection + "/{name}", params);
    for (const subresource_info& sub : discovery::subresources_of(r))
      add_subresource(r, sub, collection + "/{name}/" + sub.name, res.id + pascal(sub.name),
                      params);
  }

  json take() { return std::move(paths_); }

 private:
  // One resource's names: its GVK, operationId infix, kind and list schema names.
  struct resource_ops {
    const resource_info& r;
    group_version_kind gvk;
    std::string id;    // "AppsV1NamespacedDeployment"
    std::string kind;  // schema names
    std::string list;
  };

  // The collection path (list, create, deletecollection) and the all-namespaces list.
  void add_collection(const resource_ops& res, const std::string& path, const json& params) {
    const resource_info& r = res.r;
    json ops = json::object();
    if (has_verb(r, "list") && !res.list.empty()) {
      ops["get"] = list_operation("list" + res.id, "List or watch " + r.kind + " objects", res.gvk,
                                  res.list);
      if (r.namespaced)
        paths_[prefix_ + "/" + r.plural] =
            json{{"get", list_operation("list" + stem_ + r.kind + "ForAllNamespaces",
                                        "List or watch " + r.kind + " objects of all namespaces",
                                        res.gvk, res.list)},
                 {"parameters", json::array({pretty_parameter()})}};
    }
    if (has_verb(r, "create"))
      ops["post"] = write("post", "create" + res.id, "Create " + article(r.kind), res.gvk, res.kind,
                          {200, 201, 202}, false);
    if (has_verb(r, "deletecollection"))
      ops["delete"] = delete_operation("deletecollection", "deleteCollection" + res.id,
                                       "Delete a collection of " + r.kind + " objects", res.gvk);
    put_path(path, std::move(ops), params);
  }

  // The item path: get, replace, patch, delete.
  void add_item(const resource_ops& res, const std::string& path, const json& params) {
    const resource_info& r = res.r;
    const std::string a_kind = article(r.kind);
    json ops = json::object();
    if (has_verb(r, "get"))
      ops["get"] =
          operation(object_op("get", "read" + res.id, "Read " + a_kind, res.gvk, res.kind));
    if (has_verb(r, "update"))
      ops["put"] = write("put", "replace" + res.id, "Replace " + a_kind, res.gvk, res.kind,
                         {200, 201}, false);
    if (has_verb(r, "patch"))
      ops["patch"] = write("patch", "patch" + res.id, "Partially update " + a_kind, res.gvk,
                           res.kind, {200, 201}, true);
    if (has_verb(r, "delete"))
      ops["delete"] = delete_operation("delete", "delete" + res.id, "Delete " + a_kind, res.gvk);
    put_path(path, std::move(ops), params);
  }

  // DELETE of an object or a collection: DeleteOptions body, Status answer.
  json delete_operation(std::string action, std::string id, std::string description,
                        const group_version_kind& gvk) {
    bool collection = action == "deletecollection";
    operation_input del = base(std::move(action), std::move(id), std::move(description), gvk);
    del.parameters = delete_parameters(collection);
    with_body(del, schemas_name(delete_options_), {"*/*"});
    del.response_schema = schemas_name(status_);
    if (!collection) del.response_codes = {200, 202};
    return operation(del);
  }

  operation_input base(std::string action, std::string id, std::string description,
                       group_version_kind gvk) {
    operation_input in;
    in.action = std::move(action);
    in.operation_id = std::move(id);
    in.description = std::move(description);
    in.tag = tag_;
    in.gvk = std::move(gvk);
    return in;
  }

  operation_input object_op(std::string action, std::string id, std::string description,
                            group_version_kind gvk, const std::string& schema) {
    operation_input in = base(std::move(action), std::move(id), std::move(description), gvk);
    in.response_schema = schema;
    return in;
  }

  json list_operation(std::string id, std::string description, const group_version_kind& gvk,
                      const std::string& list) {
    operation_input in = object_op("list", std::move(id), std::move(description), gvk, list);
    in.parameters = list_parameters();
    in.watchable = true;
    schemas_.add(registry_.find_kind("meta.k8s.io/v1", "WatchEvent"));
    return operation(in);
  }

  // POST, PUT or PATCH of an object (or a subresource's object): body and answer `schema`.
  json write(std::string action, std::string id, std::string description,
             const group_version_kind& gvk, const std::string& schema, std::vector<int> codes,
             bool patch) {
    operation_input in =
        object_op(std::move(action), std::move(id), std::move(description), gvk, schema);
    in.parameters = write_parameters(patch);
    in.response_codes = std::move(codes);
    if (!patch) {
      with_body(in, schema, {"*/*"});
      return operation(in);
    }
    std::vector<std::string> media = {"application/apply-patch+yaml", "application/json-patch+json",
                                      "application/merge-patch+json"};
    if (options_.strategic_merge_patch) media.push_back("application/strategic-merge-patch+json");
    add_patch_schema();
    with_body(in, patch_definition, std::move(media));
    return operation(in);
  }

  static void with_body(operation_input& in, std::string schema, std::vector<std::string> media) {
    in.request_schema = std::move(schema);
    in.request_media = std::move(media);
  }

  void add_subresource(const resource_info& r, const subresource_info& sub, const std::string& path,
                       const std::string& id, const json& params) {
    if (sub.connect) return add_connect(r, sub, path, id, params);
    const auto& k = sub.response_kind;
    const Descriptor* type = registry_.find_kind(k.api_version(), k.kind);
    if (type == nullptr) return;
    const std::string schema = schemas_.add(type);
    const std::string what = "the " + sub.name + " of " + article(r.kind);
    json ops = json::object();
    for (const std::string& verb : sub.verbs) {
      if (verb == "get" && sub.name == "log") {
        operation_input in = base("get", "read" + id, "Read " + what, k);
        in.parameters = option_parameters(registry_.find_kind("v1", "PodLogOptions"));
        in.response_media = "text/plain";
        ops["get"] = operation(in);
      } else if (verb == "get") {
        ops["get"] = operation(object_op("get", "read" + id, "Read " + what, k, schema));
      } else if (verb == "update") {
        ops["put"] = write("put", "replace" + id, "Replace " + what, k, schema, {200, 201}, false);
      } else if (verb == "patch") {
        ops["patch"] =
            write("patch", "patch" + id, "Partially update " + what, k, schema, {200, 201}, true);
      } else if (verb == "create") {
        ops["post"] =
            write("post", "create" + id, "Create " + article(k.kind) + " for " + article(r.kind), k,
                  schema, {200, 201, 202}, false);
      }
    }
    put_path(path, std::move(ops), params);
  }

  // exec, attach, portforward, proxy: streams, described by their options kind.
  void add_connect(const resource_info& r, const subresource_info& sub, const std::string& path,
                   const std::string& id, const json& params) {
    static const std::pair<std::string_view, std::string_view> methods[] = {{"get", "get"},
                                                                            {"create", "post"},
                                                                            {"update", "put"},
                                                                            {"patch", "patch"},
                                                                            {"delete", "delete"}};
    const auto& k = sub.response_kind;
    json query = option_parameters(registry_.find_kind(k.api_version(), k.kind));
    json ops = json::object();
    for (const auto& [verb, method] : methods) {
      if (std::find(sub.verbs.begin(), sub.verbs.end(), verb) == sub.verbs.end()) continue;
      std::string upper(method);
      for (char& c : upper)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      operation_input in =
          base("connect", "connect" + pascal(method) + id,
               "Connect " + upper + " requests to the " + sub.name + " of " + article(r.kind), k);
      in.parameters = query;
      in.response_media = "*/*";
      ops[std::string(method)] = operation(in);
    }
    put_path(path, ops, params);
    if (sub.name == "proxy") {
      json with_path = params;
      with_path.insert(with_path.begin(), path_parameter("path", "The path to proxy to."));
      for (auto& [method, op] : ops.items())
        op["operationId"] = op["operationId"].get<std::string>() + "WithPath";
      put_path(path + "/{path}", std::move(ops), with_path);
    }
  }

  void put_path(const std::string& path, json ops, const json& params) {
    if (ops.empty()) return;
    json all = params;
    all.push_back(pretty_parameter());
    ops["parameters"] = std::move(all);
    paths_[path] = std::move(ops);
  }

  const Descriptor* add_meta(const char* kind) {
    const Descriptor* type = registry_.find_kind("meta.k8s.io/v1", kind);
    if (type != nullptr) schemas_.add(type);
    return type;
  }

  std::string schemas_name(const Descriptor* type) { return type ? schemas_.add(type) : ""; }

  void add_patch_schema() {
    schemas_.add_named(
        patch_definition,
        json{{"description",
              "A patch document. Its content type says how it applies: JSON patch (RFC 6902), "
              "JSON merge patch (RFC 7386), strategic merge patch, or a server-side apply "
              "configuration."},
             {"type", "object"}});
  }

  const messages::registry& registry_;
  const paths_options& options_;
  schema_builder& schemas_;
  const std::string prefix_, tag_, stem_;
  const Descriptor* status_ = nullptr;
  const Descriptor* delete_options_ = nullptr;
  json paths_ = json::object();
};

// "rbac.authorization.k8s.io" -> {"rbac", "authorization"}; "" -> {"core"}.
std::vector<std::string> group_words(std::string_view group) {
  if (group.empty()) return {"core"};
  if (group.ends_with(".k8s.io")) group.remove_suffix(7);
  std::vector<std::string> words;
  while (!group.empty()) {
    auto dot = group.find('.');
    words.emplace_back(group.substr(0, dot));
    group = dot == std::string_view::npos ? std::string_view{} : group.substr(dot + 1);
  }
  return words;
}

}  // namespace

std::string group_version_tag(std::string_view group, std::string_view version) {
  auto words = group_words(group);
  std::string out = words[0];
  for (std::size_t i = 1; i < words.size(); ++i)
    out += pascal(words[i]);
  return out + "_" + std::string(version);
}

std::string operation_stem(std::string_view group, std::string_view version) {
  std::string out;
  for (const auto& word : group_words(group))
    out += pascal(word);
  return out + pascal(version);
}

json group_version_paths(const messages::registry& registry, const messages::group_version& gv,
                         const paths_options& options, schema_builder& schemas) {
  path_writer writer(registry, gv, options, schemas);
  writer.add_resource_list_path();
  for (const auto& r : registry.resources())
    if (r.group == gv.group && r.version == gv.version) writer.add_resource(r);
  return writer.take();
}

}  // namespace kactor::openapi
