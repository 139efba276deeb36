#include "node/podio/cri_log_reader.hpp"

#include <deque>

#include "messages/time.hpp"

namespace kactor::node::podio {

bool parse_cri_record(std::string_view line, cri_record& out) {
  auto sp1 = line.find(' ');
  if (sp1 == std::string_view::npos) return false;
  auto sp2 = line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos || sp2 + 2 > line.size()) return false;
  char tag = line[sp2 + 1];
  if (tag != 'F' && tag != 'P') return false;
  out.time = line.substr(0, sp1);
  auto t = messages::parse_rfc3339(out.time);
  out.unix_nanos = t ? t->seconds * 1'000'000'000LL + t->nanos : 0;
  out.partial = tag == 'P';
  out.text = sp2 + 3 <= line.size() ? line.substr(sp2 + 3) : std::string_view{};
  return true;
}

std::string render_log(std::string_view content, const log_options& opts, std::size_t* consumed) {
  std::deque<std::string> lines;  // complete output lines, each ending in '\n'
  std::string current;
  bool in_run = false;  // inside a run of P records
  std::size_t pos = 0;
  std::size_t safe = 0;  // end of the last complete output line
  while (pos < content.size()) {
    auto nl = content.find('\n', pos);
    if (nl == std::string_view::npos) break;
    auto raw = content.substr(pos, nl - pos);
    pos = nl + 1;
    cri_record r;
    if (!parse_cri_record(raw, r)) continue;
    if (!in_run) {
      current.clear();
      if (opts.timestamps) current.append(r.time).push_back(' ');
    }
    bool keep = !opts.since_unix_nanos || r.unix_nanos >= *opts.since_unix_nanos;
    current.append(r.text);
    in_run = r.partial;
    if (in_run) continue;
    safe = pos;
    if (!keep) continue;
    current.push_back('\n');
    lines.push_back(std::move(current));
    current.clear();
    if (opts.tail_lines && static_cast<std::int64_t>(lines.size()) > *opts.tail_lines)
      lines.pop_front();
  }
  if (consumed) *consumed = safe;
  std::string out;
  for (auto& l : lines) {
    if (opts.limit_bytes && static_cast<std::int64_t>(out.size() + l.size()) > *opts.limit_bytes) {
      out.append(l, 0, static_cast<std::size_t>(*opts.limit_bytes) - out.size());
      break;
    }
    out += l;
  }
  return out;
}

}  // namespace kactor::node::podio
