#include "gateway/apply/merge.hpp"

#include <map>

#include "gateway/apply/field_walk.hpp"

namespace kactor::apply {
namespace {

json merge_members(const json& live, const json& config, const value_type& type) {
  json out = live;
  for (auto it = config.begin(); it != config.end(); ++it) {
    if (it.value().is_null()) {
      out.erase(it.key());
      continue;
    }
    auto found = live.find(it.key());
    if (found == live.end()) {
      out[it.key()] = it.value();
    } else {
      out[it.key()] = merge(*found, it.value(), type.member(it.key()));
    }
  }
  return out;
}

// Interleaves the two lists: walking both, an item only the live list has is kept in place;
// an item both have is emitted where the configuration puts it (merged); a configuration
// item comes before live items that the configuration lists later.
json merge_list(const json& live, const json& config, const value_type& type) {
  auto live_elements = list_elements(live, type, "", nullptr);
  auto config_elements = list_elements(config, type, "", nullptr);
  std::map<path_element, std::size_t> in_config;
  for (std::size_t j = 0; j < config_elements.size(); ++j)
    in_config.emplace(config_elements[j], j);
  std::map<path_element, std::size_t> in_live;
  for (std::size_t i = 0; i < live_elements.size(); ++i)
    in_live.emplace(live_elements[i], i);

  auto item_type = type.type() == value_type::kind::set ? value_type{} : type.item();
  std::set<path_element> done;
  json out = json::array();
  auto emit_config = [&](std::size_t j) {
    const auto& e = config_elements[j];
    done.insert(e);
    auto l = in_live.find(e);
    out.push_back(l == in_live.end() ? config[j] : merge(live[l->second], config[j], item_type));
  };
  std::size_t i = 0, j = 0;
  while (i < live_elements.size() || j < config_elements.size()) {
    if (i < live_elements.size()) {
      const auto& e = live_elements[i];
      if (done.count(e) != 0) {
        ++i;
        continue;
      }
      if (in_config.count(e) == 0) {
        out.push_back(live[i]);
        ++i;
        continue;
      }
    }
    if (j < config_elements.size()) {
      emit_config(j);
      ++j;
      continue;
    }
    ++i;
  }
  return out;
}

}  // namespace

json merge(const json& live, const json& config, const value_type& type) {
  switch (type.type()) {
    case value_type::kind::leaf:
      return config;
    case value_type::kind::structure:
    case value_type::kind::map:
      if (!live.is_object() || !config.is_object()) return config;
      return merge_members(live, config, type);
    case value_type::kind::set:
    case value_type::kind::keyed:
      if (!live.is_array() || !config.is_array()) return config;
      return merge_list(live, config, type);
  }
  return config;
}

}  // namespace kactor::apply
