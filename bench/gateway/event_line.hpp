#pragma once

#include <functional>
#include <string>
#include <string_view>

// Watch stream parsing for bench_gateway: the decoded body of a watch response is one JSON event
// per line, {"type":"ADDED","object":{...,"metadata":{"name":"x",...},...}}.
namespace kactor::bench::gateway {

// Collects body bytes that arrive in arbitrary pieces and hands out each complete line
// (without its '\n'); a partial line waits for the next piece.
class line_splitter {
 public:
  // Calls `on_line` once per line completed by `bytes`, in order.
  void feed(std::string_view bytes, const std::function<void(std::string_view)>& on_line);

  // Bytes of the line not completed yet.
  std::size_t pending() const { return partial_.size(); }

 private:
  std::string partial_;
};

// The event's type ("ADDED", "ERROR" ...) or "" when the line does not start like an event.
std::string_view event_type(std::string_view line);

// metadata.name of the event's object, or "" when it has none. Cheap (no JSON parse): the
// first "name" key after the object's "metadata" key, which is where the gateway writes it.
std::string_view event_object_name(std::string_view line);

}  // namespace kactor::bench::gateway
