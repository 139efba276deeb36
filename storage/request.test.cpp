#include "storage/request.hpp"

#include <doctest/doctest.h>

namespace kactor::storage {

TEST_CASE("request builders express create/update/remove as compares plus operations") {
  auto create = create_request("/registry/pods/default/a", "v");
  REQUIRE(create.compares.size() == 1);
  CHECK(create.compares[0].what == compare::kind::absent);
  REQUIRE(create.ops.size() == 1);
  CHECK(create.ops[0].type == operation::kind::put);

  auto update = update_request("/k", "v", revision{7});
  CHECK(update.compares[0].what == compare::kind::mod_revision);
  CHECK(update.compares[0].expected == 7);
  CHECK(update_request("/k", "v").compares[0].what == compare::kind::exists);

  auto remove = remove_request("/k");
  CHECK(remove.compares.empty());
  CHECK(remove.ops[0].type == operation::kind::remove);
  CHECK(put_request("/k", "v").compares.empty());
}

TEST_CASE("validate rejects malformed requests with invalid and oversized ones with too_large") {
  request_limits limits;
  CHECK(validate(put_request("/registry/a", "x"), limits));

  CHECK(validate(write_request{}, limits).code() == error_code::invalid);
  CHECK(validate(put_request("", "x"), limits).code() == error_code::invalid);
  CHECK(validate(put_request(std::string("/a\0b", 4), "x"), limits).code() == error_code::invalid);
  CHECK(validate(put_request(std::string(501, 'k'), "x"), limits).code() == error_code::invalid);
  CHECK(validate(put_request(std::string(500, 'k'), "x"), limits));

  write_request twice = put_request("/a", "1");
  twice.ops.push_back({operation::kind::remove, "/a", {}});
  CHECK(validate(twice, limits).code() == error_code::invalid);

  write_request bad_compare = put_request("/a", "1");
  bad_compare.compares.push_back({"", compare::kind::exists, 0});
  CHECK(validate(bad_compare, limits).code() == error_code::invalid);

  // etcd's limit: 1.5 MiB for the whole request, keys included.
  std::string key = "/registry/configmaps/default/big";
  CHECK(validate(put_request(key, std::string(1536 * 1024 - key.size(), 'x')), limits));
  auto big = validate(put_request(key, std::string(1536 * 1024 - key.size() + 1, 'x')), limits);
  CHECK(big.code() == error_code::too_large);
}

}  // namespace kactor::storage
