#include "gateway/printers/printer.hpp"

#include "gateway/printers/cells.hpp"

namespace kactor::printers {
namespace {

void default_row(const google::protobuf::Message& object, const print_context&, row_output& out) {
  auto meta = object_meta_of(object);
  out.cells.push_back(meta.name());
  // Go formats the zero time as year 1.
  out.cells.push_back(meta.has_creationtimestamp()
                          ? messages::format_rfc3339(meta.creationtimestamp().seconds())
                          : std::string("0001-01-01T00:00:00Z"));
}

json definitions_of(const std::vector<column>& columns) {
  json out = json::array();
  for (const auto& c : columns) {
    out.push_back({{"name", c.name},
                   {"type", c.type},
                   {"format", c.format},
                   {"description", c.description},
                   {"priority", c.priority}});
  }
  return out;
}

const printer_map& all_printers() {
  static const printer_map printers = [] {
    printer_map m;
    add_pod_printers(m);
    add_workload_printers(m);
    add_network_printers(m);
    add_cluster_printers(m);
    add_config_printers(m);
    add_policy_printers(m);
    for (auto& [kind, p] : m)
      p.definitions = definitions_of(p.columns);
    return m;
  }();
  return printers;
}

}  // namespace

const printer& default_printer() {
  static const printer p = [] {
    printer d{{name_column, {"Created At", "date", "", created_at_description, 0}}, default_row};
    d.definitions = definitions_of(d.columns);
    return d;
  }();
  return p;
}

const printer& printer_for(const google::protobuf::Descriptor* kind) {
  const auto& printers = all_printers();
  auto it = printers.find(kind->full_name());
  return it == printers.end() ? default_printer() : it->second;
}

}  // namespace kactor::printers
