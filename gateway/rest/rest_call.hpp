#pragma once

#include <memory>
#include <string>
#include <vector>

#include <google/protobuf/message.h>

#include "gateway/http/message.hpp"
#include "gateway/http/responder.hpp"
#include "gateway/rest/api_context.hpp"
#include "gateway/rest/request_scope.hpp"
#include "gateway/rest/response_format.hpp"

// One REST request in flight: what every step of an asynchronous handler needs, shared by
// its continuations.
namespace kactor::rest {

struct rest_call {
  std::shared_ptr<api_context> ctx;
  request_scope scope;
  http::request req;
  http::responder res;
  output_choice out;
  std::vector<std::string> warnings;  // Warning headers to add to the answer
  bool applied = false;               // a server-side apply: managedFields are already computed

  // The field manager of this write: the fieldManager parameter, else the User-Agent's
  // first word ("kubectl" of "kubectl/v1.32.4 (linux/amd64) ..."), as Kubernetes names it.
  std::string field_manager() const;

  void fail(const api_error& err) const;
  void reply(http::response response) const;
  void reply_object(int code, const google::protobuf::Message& object) const;

  // The storage ref of the scope's object (or of `name` in the scope's namespace).
  kactor::bus::v1::ObjectRef ref(const std::string& name) const;
  kactor::bus::v1::ObjectRef ref() const { return ref(scope.name); }
  bool dry_run() const;
};

using call_ptr = std::shared_ptr<rest_call>;

// A new, empty object of the scope's kind.
std::unique_ptr<google::protobuf::Message> new_object(const rest_call& c);

// Decodes stored object bytes as the scope's kind; null when they do not parse.
std::unique_ptr<google::protobuf::Message> decode_stored(const rest_call& c,
                                                         const std::string& bytes);

}  // namespace kactor::rest
