#include "storage/cli/object_output.hpp"

#include <ostream>

#include "messages/codec/to_json.hpp"
#include "messages/codec/yaml.hpp"

namespace kactor::store_cli {

bool print_object(std::ostream& out, const messages::registry& types,
                  const messages::resource_info& resource, std::string_view object,
                  output_format format, bool one_line) {
  if (format == output_format::none) return true;
  if (format == output_format::proto) {
    out.write(object.data(), static_cast<std::streamsize>(object.size()));
    return true;
  }
  auto message = types.new_message(resource.descriptor);
  if (!message || !message->ParseFromArray(object.data(), static_cast<int>(object.size())))
    return false;
  auto value = messages::to_json_object(*message, types);
  if (format == output_format::json) {
    out << value.dump(one_line ? -1 : 2) << "\n";
    return true;
  }
  auto text = messages::to_yaml(value);
  out << text;
  if (!text.ends_with('\n')) out << "\n";
  return true;
}

}  // namespace kactor::store_cli
