#include "messages/envelope.hpp"

#include <doctest/doctest.h>

#include "k8s/apps/v1/deployment.pb.h"
#include "k8s/core/v1/service.pb.h"
#include "k8s/runtime/runtime.pb.h"
#include "messages/codec/to_json.hpp"

using namespace kactor::messages;

namespace {

// A protobuf body as Go's gogo-protobuf writes it for `kubectl create deployment web
// --image=host --replicas=0`: every non-pointer scalar is present even when zero, a zero
// Time is an empty message, and the envelope's strings are written empty.
std::string go_deployment_body() {
  k8s::apps::v1::Deployment d;
  auto* meta = d.mutable_metadata();
  meta->set_name("web");
  meta->set_generatename("");
  meta->set_namespace_("");
  meta->set_selflink("");
  meta->set_uid("");
  meta->set_resourceversion("");
  meta->set_generation(0);
  meta->mutable_creationtimestamp();
  (*meta->mutable_labels())["app"] = "web";
  auto* spec = d.mutable_spec();
  spec->set_replicas(0);  // *int32: present and meaningful
  spec->set_minreadyseconds(0);
  spec->set_paused(false);
  (*spec->mutable_selector()->mutable_matchlabels())["app"] = "web";
  auto* tmpl = spec->mutable_template_();
  tmpl->mutable_metadata()->set_name("");
  tmpl->mutable_metadata()->mutable_creationtimestamp();
  auto* c = tmpl->mutable_spec()->add_containers();
  c->set_name("host");
  c->set_image("host");
  c->set_workingdir("");
  c->set_stdin(false);
  c->mutable_resources();
  tmpl->mutable_spec()->set_hostnetwork(false);
  spec->mutable_strategy()->set_type("");
  d.mutable_status()->set_replicas(0);
  d.mutable_status()->set_observedgeneration(0);

  k8s::runtime::Unknown envelope;
  envelope.mutable_typemeta()->set_apiversion("apps/v1");
  envelope.mutable_typemeta()->set_kind("Deployment");
  // Field 99 of the Deployment: something a newer server knows and we do not.
  envelope.set_raw(d.SerializeAsString() + std::string("\x98\x06\x01", 3));
  envelope.set_contentencoding("");
  envelope.set_contenttype("");
  return std::string("k8s\0", 4) + envelope.SerializeAsString();
}

}  // namespace

TEST_CASE("a Go-style protobuf body decodes to the normalized message") {
  auto decoded = decode_envelope(go_deployment_body(), registry::generated());
  REQUIRE_MESSAGE(decoded, decoded.error().message);
  CHECK(decoded->api_version == "apps/v1");
  CHECK(decoded->kind == "Deployment");
  auto& d = dynamic_cast<k8s::apps::v1::Deployment&>(*decoded->object);
  CHECK(d.spec().has_replicas());
  CHECK(d.spec().replicas() == 0);
  CHECK_FALSE(d.metadata().has_generatename());
  CHECK_FALSE(d.metadata().has_creationtimestamp());
  CHECK(to_json(d) == json::parse(R"({
    "metadata": {"name": "web", "labels": {"app": "web"}},
    "spec": {"replicas": 0, "selector": {"matchLabels": {"app": "web"}},
             "template": {"metadata": {}, "spec": {"containers": [
               {"name": "host", "image": "host", "resources": {}}]}},
             "strategy": {}},
    "status": {}})"));
  CHECK(decoded->warnings == std::vector<std::string>{"unknown protobuf field 99"});
}

TEST_CASE("normalization keeps pointer zeros and clears empty value forms") {
  k8s::core::v1::ServiceSpec spec;
  auto* zero_port = spec.add_ports();
  zero_port->set_port(80);
  zero_port->set_nodeport(0);
  zero_port->mutable_targetport()->set_type(0);
  zero_port->mutable_targetport()->set_intval(0);
  zero_port->mutable_targetport()->set_strval("");
  auto* named = spec.add_ports();
  named->mutable_targetport()->set_type(1);
  named->mutable_targetport()->set_intval(0);
  named->mutable_targetport()->set_strval("http");
  auto* number = spec.add_ports();
  number->mutable_targetport()->set_type(0);
  number->mutable_targetport()->set_intval(8080);
  number->mutable_targetport()->set_strval("");
  normalize_go_protobuf(spec);
  CHECK(to_json(spec) == json::parse(R"({"ports": [{"port": 80}, {"targetPort": "http"},
                                                   {"targetPort": 8080}]})"));
}

TEST_CASE("encoding wraps the message in the envelope and decodes back") {
  k8s::apps::v1::Deployment d;
  d.mutable_metadata()->set_name("web");
  d.mutable_spec()->set_replicas(3);
  auto bytes = encode_envelope(d, registry::generated());
  REQUIRE(bytes);
  CHECK(bytes->substr(0, 4) == std::string("k8s\0", 4));
  k8s::runtime::Unknown envelope;
  REQUIRE(envelope.ParseFromString(bytes->substr(4)));
  CHECK(envelope.typemeta().apiversion() == "apps/v1");
  CHECK(envelope.typemeta().kind() == "Deployment");
  auto back = decode_envelope(*bytes, registry::generated());
  REQUIRE(back);
  CHECK(back->object->SerializeAsString() == d.SerializeAsString());
  CHECK(back->warnings.empty());

  auto unknown_type = encode_envelope(k8s::runtime::Unknown{}, registry::generated());
  REQUIRE_FALSE(unknown_type);
  CHECK(unknown_type.error().code == codec_errc::unknown_kind);
}

TEST_CASE("bad envelopes are rejected with clear errors") {
  const registry& r = registry::generated();
  auto no_magic = decode_envelope("{\"kind\":\"Pod\"}", r);
  REQUIRE_FALSE(no_magic);
  CHECK(no_magic.error().code == codec_errc::bad_envelope);
  CHECK(no_magic.error().message ==
        "not a Kubernetes protobuf body: missing the \"k8s\\0\" prefix");

  auto garbage = decode_envelope(std::string("k8s\0\xff\xff\xff", 7), r);
  REQUIRE_FALSE(garbage);
  CHECK(garbage.error().message == "cannot parse the runtime.Unknown envelope of a protobuf body");

  k8s::runtime::Unknown envelope;
  envelope.mutable_typemeta()->set_apiversion("v1");
  envelope.mutable_typemeta()->set_kind("Foo");
  auto foo = decode_envelope(std::string("k8s\0", 4) + envelope.SerializeAsString(), r);
  REQUIRE_FALSE(foo);
  CHECK(foo.error().code == codec_errc::unknown_kind);
  CHECK(foo.error().message == "no matches for kind \"Foo\" in version \"v1\"");

  envelope.mutable_typemeta()->set_kind("");
  auto no_kind = decode_envelope(std::string("k8s\0", 4) + envelope.SerializeAsString(), r);
  REQUIRE_FALSE(no_kind);
  CHECK(no_kind.error().code == codec_errc::missing_kind);

  envelope.mutable_typemeta()->set_kind("Pod");
  envelope.set_raw("\xff\xff\xff");
  auto bad_raw = decode_envelope(std::string("k8s\0", 4) + envelope.SerializeAsString(), r);
  REQUIRE_FALSE(bad_raw);
  CHECK(bad_raw.error().message ==
        "cannot parse the protobuf body of kind \"Pod\" in version \"v1\"");

  envelope.set_raw("");
  envelope.set_contentencoding("gzip");
  auto gzip = decode_envelope(std::string("k8s\0", 4) + envelope.SerializeAsString(), r);
  REQUIRE_FALSE(gzip);
  CHECK(gzip.error().message == "unsupported content encoding \"gzip\"");
}
