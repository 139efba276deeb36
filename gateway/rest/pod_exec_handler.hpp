#pragma once

#include <string>
#include <string_view>

#include "gateway/rest/rest_call.hpp"

// GET/POST pods/<name>/exec: `kubectl exec` over WebSocket (subprotocol v5.channel.k8s.io;
// v4.channel.k8s.io for the Python client). Messages carry a channel byte: 0 stdin, 1 stdout,
// 2 stderr, 3 the final Status (exit code), 255 (v5) "stream closed" (0xFF 0x00: stdin ended).
// The pod's kubelet runs the command (kactor.v1.nodes.<node>.rpc.exec, node/podio) with the
// stdin received until it ended, and the whole output comes back at the end: no tty and no
// interactive sessions yet. A request that is no WebSocket upgrade (kubectl's SPDY fallback)
// gets 400.
namespace kactor::rest {

// The subprotocol to answer from a Sec-WebSocket-Protocol offer ("v5.channel.k8s.io,
// v4.channel.k8s.io"): v5, else v4; "" when neither is offered.
std::string choose_exec_protocol(std::string_view offered);

// The channel-3 Status of a finished command, as kubectl reads it: Success for exit code 0,
// else NonZeroExitCode with the code in details.causes.
std::string exec_status(int exit_code, const std::string& command_text);

void handle_pod_exec(const call_ptr& c);

}  // namespace kactor::rest
