#!/usr/bin/env python3
"""Writes gateway/openapi/required_field_table.cpp: the members that Kubernetes' OpenAPI
generator lists as `required` for the Go type behind each message of messages/proto.

Not part of the build: run it by hand when messages/proto gains messages or the Kubernetes
version changes, then review the diff.

    tools/required_fields_extract.py <kubernetes api git dir> <apimachinery git dir> \
        <messages/proto dir> <output .cpp> [tag]

The Go sources are read from the git mirrors at `tag` (default v0.32.0 = Kubernetes 1.32).

Rule of the generator: a member is required when it carries a `+required` marker, or when
it has neither a `+optional` marker nor `omitempty` in its json tag. Members tagged
`json:"-"` or `+k8s:openapi-gen=false` are left out. An embedded member with `,inline` (or an
embedded struct without a json name) contributes the required members of its own type at its
position, so the list keeps declaration order. Messages with a special JSON form (Time,
Quantity, IntOrString, raw JSON, bare lists) and k8s.runtime have hand-written schemas
upstream and get no entry.
"""
import os
import re
import subprocess
import sys

# Our proto package -> (which mirror, Go package directory).
GO_PACKAGES = {
    'k8s.meta.v1': ('machinery', 'pkg/apis/meta/v1'),
    'k8s.resource': ('machinery', 'pkg/api/resource'),
    'k8s.util': ('machinery', 'pkg/util/intstr'),
}
API_GROUP_DIRS = ['apps/v1', 'authentication/v1', 'authorization/v1', 'autoscaling/v1',
                  'autoscaling/v2', 'batch/v1', 'coordination/v1', 'core/v1', 'discovery/v1',
                  'events/v1', 'networking/v1', 'policy/v1', 'rbac/v1', 'scheduling/v1']
for d in API_GROUP_DIRS:
    GO_PACKAGES['k8s.' + d.replace('/', '.')] = ('api', d)

# Go import names used for embedded members of other packages.
GO_QUALIFIERS = {'metav1': 'k8s.meta.v1', 'v1': 'k8s.core.v1', 'corev1': 'k8s.core.v1'}

# Go types declared as another package's type (`type List metav1.List`).
GO_ALIASES = {('k8s.core.v1', 'List'): ('k8s.meta.v1', 'List')}


def git(repo, *args):
    return subprocess.run(['git', '-C', repo, *args], capture_output=True, text=True,
                          check=True).stdout


def go_sources(repo, tag, directory):
    for path in git(repo, 'ls-tree', '--name-only', tag, directory + '/').split():
        base = os.path.basename(path)
        if (base.endswith('.go') and not base.endswith('_test.go') and
                not base.startswith('zz_') and 'generated' not in base):
            yield git(repo, 'show', f'{tag}:{path}')


def parse_structs(source):
    """Go struct name -> members [(field name or None, type, json tag or None, comments)]."""
    source = re.sub(r'/\*.*?\*/', '', source, flags=re.S)
    structs = {}
    lines = source.split('\n')
    i = 0
    while i < len(lines):
        head = re.match(r'^type (\w+) struct \{\s*$', lines[i])
        i += 1
        if not head:
            continue
        members, comments = [], []
        while i < len(lines) and lines[i].strip() != '}':
            line = lines[i].strip()
            i += 1
            if line.startswith('//'):
                comments.append(line[2:].strip())
                continue
            if not line:
                comments = []
                continue
            tag = re.search(r'`([^`]*)`', line)
            json_tag = None
            if tag:
                found = re.search(r'json:"([^"]*)"', tag.group(1))
                json_tag = found.group(1) if found else None
            words = (line[:tag.start()] if tag else line.split('//')[0]).split()
            name, go_type = (None, words[0]) if len(words) == 1 else (words[0], words[1])
            members.append((name, go_type, json_tag, comments))
            comments = []
        structs[head.group(1)] = members
    return structs


def has_marker(comments, marker):
    return any(c == marker or c.startswith(marker + ' ') or c.startswith(marker + '=')
               for c in comments)


class go_types:
    def __init__(self, repos, tag):
        self.packages = {}
        for package, (repo, directory) in GO_PACKAGES.items():
            structs = {}
            for source in go_sources(repos[repo], tag, directory):
                structs.update(parse_structs(source))
            self.packages[package] = structs

    def required(self, package, name):
        """Required JSON members of a Go struct, or None when there is no such struct."""
        package, name = GO_ALIASES.get((package, name), (package, name))
        members = self.packages.get(package, {}).get(name)
        if members is None:
            return None
        out = []
        for field, go_type, json_tag, comments in members:
            if has_marker(comments, '+k8s:openapi-gen=false'):
                continue
            options = (json_tag or '').split(',')
            json_name = options[0]
            if json_name == '-':
                continue
            if 'inline' in options[1:] or (field is None and not json_name):
                embedded = self.required(*self.resolve(package, go_type))
                if embedded is None:
                    sys.exit(f'{package}.{name}: cannot resolve inlined {go_type}')
                out += embedded
                continue
            if has_marker(comments, '+required') or (
                    not has_marker(comments, '+optional') and 'omitempty' not in options[1:]):
                out.append(json_name or field)
        return out

    @staticmethod
    def resolve(package, go_type):
        go_type = go_type.lstrip('*')
        if '.' not in go_type:
            return package, go_type
        qualifier, name = go_type.split('.', 1)
        return GO_QUALIFIERS.get(qualifier, qualifier), name


def proto_messages(proto_root):
    """(package, message) of every top-level k8s message with a plain JSON object form."""
    for directory, _, files in sorted(os.walk(os.path.join(proto_root, 'k8s'))):
        for file in sorted(files):
            if not file.endswith('.proto'):
                continue
            source = open(os.path.join(directory, file)).read()
            package = re.search(r'^package ([\w.]+);', source, re.M).group(1)
            for message, body in re.findall(r'^message (\w+) \{(.*?)^\}', source, re.M | re.S):
                if package != 'k8s.runtime' and '(kactor.json)' not in body:
                    yield package, message


HEADER = '''// Generated by gateway/openapi/tools/required_fields_extract.py from the Go types of
// k8s.io/api and k8s.io/apimachinery {tag}: review changes, do not edit by hand.
#include "gateway/openapi/required_fields.hpp"

namespace kactor::openapi {{

namespace {{
constexpr required_field rows[] = {{
'''
FOOTER = '''}};
}}  // namespace

std::span<const required_field> required_field_table() {{
  return rows;
}}

}}  // namespace kactor::openapi
'''


def main():
    if len(sys.argv) not in (5, 6):
        sys.exit(__doc__)
    api, machinery, proto_root, output = sys.argv[1:5]
    tag = sys.argv[5] if len(sys.argv) == 6 else 'v0.32.0'
    types = go_types({'api': api, 'machinery': machinery}, tag)
    rows, unmatched = [], []
    for package, message in proto_messages(proto_root):
        fields = types.required(package, message)
        if fields is None:
            unmatched.append(f'{package}.{message}')
            continue
        rows += [(f'{package}.{message}', f) for f in fields]
    # Stable sort: by message, each message's members keep declaration order.
    rows.sort(key=lambda row: row[0])
    with open(output, 'w') as out:
        out.write(HEADER.format(tag=tag))
        for message, field in rows:
            out.write(f'    {{"{message}", "{field}"}},\n')
        out.write(FOOTER.format())
    if unmatched:
        print('messages without a Go struct: ' + ' '.join(unmatched), file=sys.stderr)


if __name__ == '__main__':
    main()
