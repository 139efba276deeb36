#include "gateway/admission/name_rules.hpp"

#include <doctest/doctest.h>

using namespace kactor::admission;

TEST_CASE("DNS-1123 labels") {
  CHECK(dns1123_label_errors("web-1").empty());
  auto e = dns1123_label_errors("Web");
  REQUIRE(e.size() == 1);
  CHECK(e[0] ==
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and "
        "must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex "
        "used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
  // Kubernetes' RegexError writes two blanks before "or" (each example ends in ", ").
  CHECK(dns1123_label_errors("a.b") == std::vector<std::string>{"must not contain dots"});
  CHECK(dns1123_label_errors(std::string(64, 'a')) ==
        std::vector<std::string>{"must be no more than 63 characters"});
}

TEST_CASE("DNS-1123 subdomains, DNS-1035 labels, generateName") {
  CHECK(dns1123_subdomain_errors("a.b-c").empty());
  REQUIRE(dns1123_subdomain_errors("a_b").size() == 1);
  CHECK(dns1123_subdomain_errors("a_b")[0].starts_with(
      "a lowercase RFC 1123 subdomain must consist of"));
  CHECK(dns1035_label_errors("web").empty());
  REQUIRE(dns1035_label_errors("1web").size() == 1);
  CHECK(dns1035_label_errors("1web")[0] ==
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an "
        "alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or "
        "'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')");
  CHECK(name_errors(name_rule::dns1123_subdomain, "web-", true).empty());
  CHECK_FALSE(name_errors(name_rule::dns1123_subdomain, "web-", false).empty());
  CHECK(name_errors(name_rule::path_segment, "a/b", false) ==
        std::vector<std::string>{"may not contain '/'"});
}

TEST_CASE("config keys, port names, env names, port numbers") {
  CHECK(config_map_key_errors("app.properties").empty());
  CHECK(config_map_key_errors("a b").size() == 1);
  CHECK(config_map_key_errors("..x") == std::vector<std::string>{"must not start with '..'"});
  CHECK(port_name_errors("http").empty());
  CHECK(port_name_errors("8080") ==
        std::vector<std::string>{"must contain at least one letter (a-z)"});
  CHECK(port_name_errors("a--b") ==
        std::vector<std::string>{"must not contain consecutive hyphens"});
  CHECK(env_var_name_errors("1_OK.x").empty());
  CHECK(env_var_name_errors("A=B").size() == 1);
  CHECK(port_number_errors(70000) ==
        std::vector<std::string>{"must be between 1 and 65535, inclusive"});
}
