#include "gateway/selectors/label_selector.hpp"

#include <doctest/doctest.h>

#include <map>

#include "k8s/meta/v1/object_meta.pb.h"

using namespace kactor::selectors;
using labels = std::map<std::string, std::string>;

namespace {

label_selector parse_ok(std::string_view text) {
  auto parsed = parse_label_selector(text);
  INFO("selector: ", text);
  REQUIRE_MESSAGE(parsed.has_value(), (parsed ? "" : parsed.error().message));
  return *parsed;
}

selector_error parse_error(std::string_view text) {
  auto parsed = parse_label_selector(text);
  INFO("selector: ", text);
  REQUIRE_FALSE(parsed.has_value());
  return parsed.error();
}

const std::string name_rule =
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
    "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
    "validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

}  // namespace

TEST_CASE("equality operators select by value; != also selects objects without the label") {
  auto eq = parse_ok("app=web");
  CHECK(eq.matches(labels{{"app", "web"}}));
  CHECK_FALSE(eq.matches(labels{{"app", "db"}}));
  CHECK_FALSE(eq.matches(labels{}));
  CHECK(parse_ok("app==web").matches(labels{{"app", "web"}}));
  auto ne = parse_ok("app!=web");
  CHECK(ne.matches(labels{{"app", "db"}}));
  CHECK(ne.matches(labels{}));
  CHECK_FALSE(ne.matches(labels{{"app", "web"}}));
  CHECK(parse_ok("app=").matches(labels{{"app", ""}}));
  CHECK_FALSE(parse_ok("app=").matches(labels{}));
}

TEST_CASE("set operators, existence and negated existence") {
  auto in = parse_ok("env in (prod, staging)");
  CHECK(in.matches(labels{{"env", "prod"}}));
  CHECK(in.matches(labels{{"env", "staging"}}));
  CHECK_FALSE(in.matches(labels{{"env", "dev"}}));
  CHECK_FALSE(in.matches(labels{}));
  auto notin = parse_ok("env notin (prod)");
  CHECK(notin.matches(labels{{"env", "dev"}}));
  CHECK(notin.matches(labels{}));
  CHECK_FALSE(notin.matches(labels{{"env", "prod"}}));
  CHECK(parse_ok("tier").matches(labels{{"tier", ""}}));
  CHECK_FALSE(parse_ok("tier").matches(labels{}));
  CHECK(parse_ok("!tier").matches(labels{}));
  CHECK_FALSE(parse_ok("!tier").matches(labels{{"tier", "x"}}));
}

TEST_CASE("gt and lt compare integers; a non-numeric label never matches") {
  auto gt = parse_ok("replicas>2");
  CHECK(gt.matches(labels{{"replicas", "3"}}));
  CHECK_FALSE(gt.matches(labels{{"replicas", "2"}}));
  CHECK_FALSE(gt.matches(labels{{"replicas", "many"}}));
  CHECK_FALSE(gt.matches(labels{}));
  auto lt = parse_ok("replicas<3");
  CHECK(lt.matches(labels{{"replicas", "-5"}}));
  CHECK_FALSE(lt.matches(labels{{"replicas", "3"}}));
  // A negative bound is not a valid label value, as in Kubernetes.
  CHECK(parse_error("replicas<-1").message.find("values[0][replicas]: Invalid value: \"-1\"") !=
        std::string::npos);
}

TEST_CASE("comma is AND; blanks between tokens are ignored; requirements sort by key") {
  auto s = parse_ok("  tier = front ,app in ( web , api ),!legacy");
  CHECK(s.matches(labels{{"tier", "front"}, {"app", "api"}}));
  CHECK_FALSE(s.matches(labels{{"tier", "front"}, {"app", "api"}, {"legacy", "1"}}));
  CHECK_FALSE(s.matches(labels{{"tier", "back"}, {"app", "api"}}));
  CHECK(s.to_string() == "app in (api,web),!legacy,tier=front");
  CHECK(parse_ok("b!=2,a==1,c notin (z,y)").to_string() == "a==1,b!=2,c notin (y,z)");
  CHECK(parse_ok("kubernetes.io/cluster-service=true").to_string() ==
        "kubernetes.io/cluster-service=true");
}

TEST_CASE("the empty selector selects everything; nothing() selects nothing") {
  auto all = parse_ok("");
  CHECK(all.empty());
  CHECK(all.matches(labels{}));
  CHECK(parse_ok("   ").empty());
  CHECK(all.to_string().empty());
  auto none = label_selector::nothing();
  CHECK_FALSE(none.empty());
  CHECK_FALSE(none.matches(labels{}));
  CHECK_FALSE(none.matches(labels{{"a", "b"}}));
}

TEST_CASE("empty set items and keywords used as values") {
  auto s = parse_ok("x in (foo,,baz),y,z notin ()");
  REQUIRE(s.requirements().size() == 3);
  CHECK(s.requirements()[0].values == std::vector<std::string>{"", "baz", "foo"});
  CHECK(s.requirements()[2].values == std::vector<std::string>{""});
  CHECK(s.matches(labels{{"x", ""}, {"y", "1"}}));
  CHECK(parse_ok("a=in").matches(labels{{"a", "in"}}));
  CHECK(parse_ok("a in (in,notin)").matches(labels{{"a", "notin"}}));
  CHECK(parse_ok("a in (,b)").requirements()[0].values == std::vector<std::string>{"", "b"});
  CHECK(parse_ok("a in (b,)").requirements()[0].values == std::vector<std::string>{"", "b"});
}

TEST_CASE("matching works on protobuf label maps") {
  k8s::meta::v1::ObjectMeta meta;
  (*meta.mutable_labels())["app"] = "web";
  (*meta.mutable_labels())["pod-template-hash"] = "5d4f";
  CHECK(parse_ok("app=web,pod-template-hash").matches(meta.labels()));
  CHECK_FALSE(parse_ok("app=web,!pod-template-hash").matches(meta.labels()));
}

TEST_CASE("exact_match reports the value a selector pins") {
  auto s = parse_ok("app=web,tier in (front),env in (a,b),x!=y");
  CHECK(s.exact_match("app") == std::optional<std::string_view>("web"));
  CHECK(s.exact_match("tier") == std::optional<std::string_view>("front"));
  CHECK_FALSE(s.exact_match("env").has_value());
  CHECK_FALSE(s.exact_match("x").has_value());
  CHECK_FALSE(s.exact_match("missing").has_value());
}

TEST_CASE("syntax errors carry Kubernetes' messages and the offending position") {
  auto e = parse_error("app in web");
  CHECK(e.message == "unable to parse requirement: found 'web' expected: '('");
  CHECK(e.position == 7);
  e = parse_error("app=web,");
  CHECK(e.message == "found '', expected: identifier after ','");
  CHECK(e.position == 8);
  e = parse_error("=web");
  CHECK(e.message == "found '=', expected: !, identifier, or 'end of string'");
  CHECK(e.position == 0);
  e = parse_error("app web");
  CHECK(e.message ==
        "unable to parse requirement: found 'web', expected: in, notin, =, ==, !=, gt, lt");
  CHECK(e.position == 4);
  e = parse_error("app=web x");
  CHECK(e.message == "found 'x', expected: ',' or 'end of string'");
  e = parse_error("!app=web");
  CHECK(e.message == "found '=', expected: ',' or 'end of string'");
  CHECK(e.position == 4);
  e = parse_error("a in (b c)");
  CHECK(e.message == "unable to parse requirement: found 'c', expected: ',' or ')'");
  e = parse_error("a in (=)");
  CHECK(e.message == "unable to parse requirement: found '=', expected: ',', ')' or identifier");
  e = parse_error("a in (b,=)");
  CHECK(e.message == "unable to parse requirement: found '=', expected: ',', or identifier");
  e = parse_error("a=(");
  CHECK(e.message == "unable to parse requirement: found '(', expected: identifier");
  e = parse_error("a,,b");
  CHECK(e.message == "found ',', expected: identifier after ','");
}

TEST_CASE("invalid keys and values are field errors inside the parse error") {
  auto e = parse_error("app=web,a@b=c");
  CHECK(e.message ==
        "unable to parse requirement: <nil>: Invalid value: \"a@b\": name part " + name_rule);
  CHECK(e.position == 8);
  e = parse_error("app=w@b");
  CHECK(e.message ==
        "unable to parse requirement: values[0][app]: Invalid value: \"w@b\": a valid label must "
        "be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must "
        "start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or "
        "'12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
  e = parse_error("replicas>two");
  CHECK(e.message ==
        "unable to parse requirement: values[0]: Invalid value: \"two\": for 'Gt', 'Lt' "
        "operators, the value must be an integer");
  e = parse_error(std::string(64, 'k') + "=v");
  CHECK(e.message == "unable to parse requirement: <nil>: Invalid value: \"" +
                         std::string(64, 'k') + "\": name part must be no more than 63 characters");
  e = parse_error("Example.com/app=v");
  CHECK(e.message.find("prefix part a lowercase RFC 1123 subdomain must consist of") !=
        std::string::npos);
  e = parse_error("a/b/c");
  CHECK(e.message.find("a qualified name must consist of") != std::string::npos);
  e = parse_error("/a");
  CHECK(e.message ==
        "unable to parse requirement: <nil>: Invalid value: \"/a\": prefix part "
        "must be non-empty");
}

TEST_CASE("LabelSelector messages convert as LabelSelectorAsSelector") {
  k8s::meta::v1::LabelSelector ls;
  (*ls.mutable_matchlabels())["app"] = "web";
  auto* expr = ls.add_matchexpressions();
  expr->set_key("env");
  expr->set_operator_("NotIn");
  expr->add_values("prod");
  expr->add_values("dev");
  auto* exists = ls.add_matchexpressions();
  exists->set_key("canary");
  exists->set_operator_("DoesNotExist");
  auto s = label_selector_from(ls);
  REQUIRE(s.has_value());
  CHECK(s->to_string() == "app=web,!canary,env notin (dev,prod)");
  CHECK(s->matches(labels{{"app", "web"}, {"env", "qa"}}));
  CHECK_FALSE(s->matches(labels{{"app", "web"}, {"env", "dev"}}));
  CHECK(format_label_selector(ls) == "app=web,!canary,env notin (dev,prod)");

  k8s::meta::v1::LabelSelector empty;
  auto all = label_selector_from(empty);
  REQUIRE(all.has_value());
  CHECK(all->empty());
  CHECK(format_label_selector(empty) == "<none>");
}

TEST_CASE("LabelSelector conversion errors") {
  k8s::meta::v1::LabelSelector bad_op;
  auto* e = bad_op.add_matchexpressions();
  e->set_key("a");
  e->set_operator_("Like");
  auto r = label_selector_from(bad_op);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().message == "\"Like\" is not a valid label selector operator");
  CHECK(format_label_selector(bad_op) == "<error>");

  k8s::meta::v1::LabelSelector no_values;
  auto* in = no_values.add_matchexpressions();
  in->set_key("a");
  in->set_operator_("In");
  r = label_selector_from(no_values);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().message ==
        "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be "
        "empty");

  k8s::meta::v1::LabelSelector exists_with_values;
  auto* ex = exists_with_values.add_matchexpressions();
  ex->set_key("b@");
  ex->set_operator_("Exists");
  ex->add_values("x");
  r = label_selector_from(exists_with_values);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().message ==
        "[key: Invalid value: \"b@\": name part " + name_rule +
            ", values: Invalid value: []string{\"x\"}: values set must be empty for exists and "
            "does not exist]");
}
