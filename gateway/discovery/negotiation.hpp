#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kactor::discovery {

/// One entry of an Accept header: "application/json;g=apidiscovery.k8s.io;v=v2;q=0.9".
struct media_range {
  std::string type;    ///< lower-cased: "application/json", "*/*"
  double quality = 1;  ///< the q parameter, 0..1
  std::vector<std::pair<std::string, std::string>> parameters;  ///< others; names lower-cased

  /// The value of parameter `name` ("" when absent).
  std::string_view parameter(std::string_view name) const;
};

/// The media ranges of an Accept header in order of preference: higher q first, then the
/// client's order. Ranges with q=0 are dropped; malformed entries (no '/') are skipped.
std::vector<media_range> parse_accept(std::string_view accept);

/// Which discovery document answers GET /api or GET /apis.
enum class discovery_format {
  legacy,              ///< APIVersions / APIGroupList, Content-Type application/json
  aggregated_v2,       ///< APIGroupDiscoveryList of apidiscovery.k8s.io/v2
  aggregated_v2beta1,  ///< the same list as apidiscovery.k8s.io/v2beta1
  not_acceptable,      ///< nothing the client accepts: answer 406
};

/// Decides the discovery format from an Accept header, taking the most preferred range that
/// we can serve:
///   application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList -> aggregated_v2
///   the same with v=v2beta1 -> aggregated_v2beta1
///   application/json (no parameters but q/charset/pretty), application/*, */* -> legacy
/// Anything else (protobuf, as=Table, other versions) is skipped. An empty header is legacy
/// (HTTP: no Accept means anything). kubectl sends the v2 range first, then v2beta1, then
/// plain application/json; legacy clients send "application/json, */*".
discovery_format negotiate_discovery(std::string_view accept);

/// The Content-Type that goes with `format` (never called with not_acceptable):
/// "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList" for aggregated_v2,
/// which kubectl compares exactly; "application/json" for legacy.
std::string_view discovery_content_type(discovery_format format);

}  // namespace kactor::discovery
