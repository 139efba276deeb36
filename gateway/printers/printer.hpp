#pragma once

#include <cstdint>
#include <map>
#include <string_view>
#include <vector>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include "messages/codec/json_path.hpp"
#include "messages/time.hpp"

namespace kactor::printers {

using messages::json;

/// One column of a kind's table (meta.k8s.io/v1 TableColumnDefinition).
struct column {
  std::string_view name;         ///< "Ready"; kubectl upper-cases it
  std::string_view type;         ///< string, integer, number, boolean, date
  std::string_view format;       ///< "name" for the object's name column, else ""
  std::string_view description;  ///< a sentence for API clients
  std::int32_t priority = 0;     ///< > 0: shown only by `kubectl get -o wide`
};

/// What a row function may look at besides the object.
struct print_context {
  messages::timestamp now;  ///< the clock ages are computed against
};

/// One row being built: `cells` is a JSON array (one value per column, in column order) and
/// `conditions` an array of TableRowCondition objects (pods that completed carry one).
struct row_output {
  json cells = json::array();
  json conditions = json::array();
};

/// How a kind is printed: its columns and the function that fills a row. The row function
/// receives an object of exactly that kind (any Message implementation of its descriptor)
/// and must append one cell per column; it never fails (unreadable parts print as
/// "<invalid>"/"<error>" as kubectl's printers do).
struct printer {
  using row_fn = void (*)(const google::protobuf::Message& object, const print_context& context,
                          row_output& out);
  std::vector<column> columns;
  row_fn row = nullptr;
  /// The columns as a JSON array of TableColumnDefinition; filled by printer_for().
  json definitions = json::array();
};

/// The kinds printed by each group of printers, keyed by the message's full name
/// ("k8s.core.v1.Pod"). Each printer file contributes through its add_* function.
using printer_map = std::map<std::string_view, printer>;
void add_pod_printers(printer_map& printers);
void add_workload_printers(printer_map& printers);
void add_network_printers(printer_map& printers);
void add_cluster_printers(printer_map& printers);
void add_config_printers(printer_map& printers);
void add_policy_printers(printer_map& printers);

/// The printer of `kind`; kinds without their own get the default (Name, Created At).
/// Thread-safe; the result lives as long as the program.
const printer& printer_for(const google::protobuf::Descriptor* kind);

/// The default printer: Name and Created At (type date, RFC 3339).
const printer& default_printer();

}  // namespace kactor::printers
