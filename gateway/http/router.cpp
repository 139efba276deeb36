#include "gateway/http/router.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace kactor::http {
namespace {

// "/a/b" -> {"a", "b"}; "/" -> {""}; "/a/" -> {"a", ""}. Precondition: starts with '/'.
std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  path.remove_prefix(1);
  while (true) {
    auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

void not_found(request, responder res) {
  res.send(response::text(404, "404 page not found\n"));
}

[[noreturn]] void bad_route(std::string_view pattern, const char* why) {
  std::fprintf(stderr, "router: pattern \"%.*s\": %s\n", static_cast<int>(pattern.size()),
               pattern.data(), why);
  std::abort();
}

}  // namespace

router::router() : not_found_(not_found) {}

void router::add(std::string_view method, std::string_view pattern, handler h) {
  if (!pattern.starts_with('/')) bad_route(pattern, "must start with '/'");
  route r{std::string{method}, {}, std::move(h)};
  auto parts = split_path(pattern);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    auto p = parts[i];
    if (p.starts_with('{') && p.ends_with("...}")) {
      if (i + 1 != parts.size()) bad_route(pattern, "{name...} must be the last segment");
      r.segments.push_back({segment::rest, std::string{p.substr(1, p.size() - 5)}});
    } else if (p.starts_with('{') && p.ends_with('}')) {
      r.segments.push_back({segment::param, std::string{p.substr(1, p.size() - 2)}});
    } else {
      r.segments.push_back({segment::literal, std::string{p}});
    }
  }
  for (auto& existing : routes_) {
    if (existing.method != r.method || existing.segments.size() != r.segments.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < r.segments.size() && same; ++i)
      same = existing.segments[i].kind == r.segments[i].kind &&
             (r.segments[i].kind != segment::literal ||
              existing.segments[i].text == r.segments[i].text);
    if (same) bad_route(pattern, "registered twice for the same method");
  }
  routes_.push_back(std::move(r));
}

void router::add_sync(std::string_view method, std::string_view pattern, sync_handler h) {
  add(method, pattern, [h = std::move(h)](request req, responder res) { res.send(h(req)); });
}

void router::set_not_found(handler h) {
  not_found_ = std::move(h);
}

bool router::match(const route& r, const std::vector<std::string_view>& path,
                   std::vector<int>& score, std::map<std::string, std::string>& params) {
  score.clear();
  params.clear();
  for (std::size_t i = 0; i < r.segments.size(); ++i) {
    auto& seg = r.segments[i];
    if (seg.kind == segment::rest) {
      std::string rest;
      for (std::size_t j = i; j < path.size(); ++j)
        rest.append(j == i ? "" : "/").append(path[j]);
      params[seg.text] = percent_decode(rest, false);
      score.push_back(1);
      return true;
    }
    if (i >= path.size()) return false;
    if (seg.kind == segment::literal) {
      if (path[i] != seg.text) return false;
      score.push_back(3);
    } else {
      if (path[i].empty()) return false;
      params[seg.text] = percent_decode(path[i], false);
      score.push_back(2);
    }
  }
  return r.segments.size() == path.size();
}

void router::dispatch(request req, responder res) const {
  if (!req.path.starts_with('/')) return not_found_(std::move(req), std::move(res));
  auto path = split_path(req.path);
  const route* best = nullptr;
  std::vector<int> best_score;
  std::map<std::string, std::string> best_params;
  std::vector<std::string> allowed;
  std::vector<int> score;
  std::map<std::string, std::string> params;
  for (auto& r : routes_) {
    if (!match(r, path, score, params)) continue;
    if (std::find(allowed.begin(), allowed.end(), r.method) == allowed.end())
      allowed.push_back(r.method);
    bool exact = r.method == req.method;
    if (!exact && !(req.method == "HEAD" && r.method == "GET")) continue;
    score.push_back(exact ? 1 : 0);  // an explicit HEAD route beats the GET fallback
    if (best == nullptr || score > best_score) {
      best = &r;
      best_score = score;
      best_params = params;
    }
  }
  if (best != nullptr) {
    req.params = std::move(best_params);
    return best->h(std::move(req), std::move(res));
  }
  if (allowed.empty()) return not_found_(std::move(req), std::move(res));
  std::string allow;
  bool has_get = std::find(allowed.begin(), allowed.end(), "GET") != allowed.end();
  bool has_head = std::find(allowed.begin(), allowed.end(), "HEAD") != allowed.end();
  if (has_get && !has_head) allowed.push_back("HEAD");
  for (auto& m : allowed)
    allow += (allow.empty() ? "" : ", ") + m;
  auto out = response::text(405, "405 method not allowed\n");
  out.set_header("Allow", allow);
  res.send(std::move(out));
}

}  // namespace kactor::http
