#pragma once

#include <cstdint>
#include <string>
#include <string_view>

// The metav1.Status objects a watch stream ends with (the object of its ERROR event).
namespace kactor::watchcache {

// {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":...,
//  "reason":...,"code":...} as one JSON text.
std::string status_json(int code, std::string_view reason, std::string_view message);

// 410 Expired for a resourceVersion older than the change log: kube-apiserver's
// "too old resource version: <requested> (<oldest available>)".
std::string expired_status(std::uint64_t requested, std::uint64_t oldest);

}  // namespace kactor::watchcache
