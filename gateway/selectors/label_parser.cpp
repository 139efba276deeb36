// The labelSelector grammar, parsed with the same tokens and the same decisions as
// Kubernetes' labels.Parse so that every accepted input and every error text match:
//
//   selector    := <empty> | requirement ("," requirement)*
//   requirement := ["!"] KEY [ ("in" | "notin") "(" values ")" | ("=" | "==" | "!=" | ">" | "<")
//   VALUE ]
//
// Blanks separate tokens; an identifier runs until a blank or one of `=!(),<>`.
#include <algorithm>

#include "gateway/selectors/field_error.hpp"
#include "gateway/selectors/label_selector.hpp"
#include "gateway/selectors/label_validation.hpp"

namespace kactor::selectors {
namespace {

enum class tok : std::uint8_t {
  end,
  close_paren,
  comma,
  bang,
  double_equals,
  equals,
  greater,
  identifier,
  in,
  less,
  not_equals,
  not_in,
  open_paren,
};

struct token {
  tok kind;
  std::string_view text;
  std::size_t position;
};

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool is_symbol(char c) {
  return c == '=' || c == '!' || c == '(' || c == ')' || c == ',' || c == '>' || c == '<';
}

std::optional<tok> symbol_token(std::string_view s) {
  if (s == ")") return tok::close_paren;
  if (s == ",") return tok::comma;
  if (s == "!") return tok::bang;
  if (s == "==") return tok::double_equals;
  if (s == "=") return tok::equals;
  if (s == ">") return tok::greater;
  if (s == "<") return tok::less;
  if (s == "!=") return tok::not_equals;
  if (s == "(") return tok::open_paren;
  return std::nullopt;
}

// Splits the whole text into tokens first (the parser needs one token of look-ahead).
// Symbols are taken greedily while the longer text is still a token ("!=" but "=(" is "=").
std::vector<token> scan(std::string_view text) {
  std::vector<token> tokens;
  std::size_t i = 0;
  while (true) {
    while (i < text.size() && is_blank(text[i]))
      ++i;
    if (i >= text.size()) break;
    std::size_t start = i;
    if (is_symbol(text[i])) {
      std::size_t best = 1;
      for (std::size_t n = 2; start + n <= text.size() && is_symbol(text[start + n - 1]); ++n) {
        if (!symbol_token(text.substr(start, n))) break;
        best = n;
      }
      auto lit = text.substr(start, best);
      tokens.push_back({*symbol_token(lit), lit, start});
      i = start + best;
      continue;
    }
    while (i < text.size() && !is_blank(text[i]) && !is_symbol(text[i]))
      ++i;
    auto lit = text.substr(start, i - start);
    tok kind = lit == "in" ? tok::in : lit == "notin" ? tok::not_in : tok::identifier;
    tokens.push_back({kind, lit, start});
  }
  tokens.push_back({tok::end, {}, text.size()});
  return tokens;
}

class parser {
 public:
  explicit parser(std::string_view text) : tokens_(scan(text)) {}

  result<label_selector> parse() {
    std::vector<requirement> requirements;
    while (true) {
      auto t = peek(true);
      if (t.kind == tok::end) return label_selector(std::move(requirements));
      if (t.kind != tok::identifier && t.kind != tok::bang) {
        return fail(
            t, "found '" + std::string(t.text) + "', expected: !, identifier, or 'end of string'");
      }
      auto r = parse_requirement();
      if (!r) {
        return selector_error{"unable to parse requirement: " + r.error().message,
                              r.error().position};
      }
      requirements.push_back(std::move(*r));
      auto after = next(true);
      if (after.kind == tok::end) return label_selector(std::move(requirements));
      if (after.kind != tok::comma) {
        return fail(after,
                    "found '" + std::string(after.text) + "', expected: ',' or 'end of string'");
      }
      auto following = peek(true);
      if (following.kind != tok::identifier && following.kind != tok::bang) {
        return fail(following,
                    "found '" + std::string(following.text) + "', expected: identifier after ','");
      }
    }
  }

 private:
  // In value context the keywords "in" and "notin" are plain identifiers.
  static token as_value(token t) {
    if (t.kind == tok::in || t.kind == tok::not_in) t.kind = tok::identifier;
    return t;
  }
  token peek(bool values) const { return values ? as_value(tokens_[pos_]) : tokens_[pos_]; }
  token next(bool values) {
    auto t = peek(values);
    if (pos_ + 1 < tokens_.size()) ++pos_;
    return t;
  }
  static selector_error fail(const token& t, std::string message) {
    return selector_error{std::move(message), t.position};
  }

  result<requirement> parse_requirement() {
    auto first = next(true);
    bool negated = first.kind == tok::bang;
    auto key = negated ? next(true) : first;
    if (key.kind != tok::identifier) {
      return fail(key, "found '" + std::string(key.text) + "', expected: identifier");
    }
    if (auto errors = label_key_errors(key.text); !errors.empty()) {
      return fail(key, invalid_value("<nil>", go_quote(key.text), join_errors(errors)));
    }
    // "!key" ends the requirement whatever follows, so "!a=b" fails at "=" in parse().
    auto after_key = peek(true).kind;
    if (negated || after_key == tok::end || after_key == tok::comma) {
      return make_requirement(std::string(key.text),
                              negated ? label_op::does_not_exist : label_op::exists, {},
                              key.position);
    }
    auto op_token = next(false);
    std::optional<label_op> op;
    switch (op_token.kind) {
      case tok::in:
        op = label_op::in;
        break;
      case tok::equals:
        op = label_op::equals;
        break;
      case tok::double_equals:
        op = label_op::double_equals;
        break;
      case tok::greater:
        op = label_op::greater_than;
        break;
      case tok::less:
        op = label_op::less_than;
        break;
      case tok::not_in:
        op = label_op::not_in;
        break;
      case tok::not_equals:
        op = label_op::not_equals;
        break;
      default:
        return fail(op_token, "found '" + std::string(op_token.text) +
                                  "', expected: in, notin, =, ==, !=, gt, lt");
    }
    auto values = (*op == label_op::in || *op == label_op::not_in) ? parse_set() : parse_exact();
    if (!values) return values.error();
    return make_requirement(std::string(key.text), *op, std::move(*values), key.position);
  }

  // "(" [values] ")" where values may be empty items: "()" and "(a,,b)" hold "".
  result<std::vector<std::string>> parse_set() {
    auto open = next(true);
    if (open.kind != tok::open_paren) {
      return fail(open, "found '" + std::string(open.text) + "' expected: '('");
    }
    auto t = peek(true);
    if (t.kind == tok::close_paren) {
      next(true);
      return std::vector<std::string>{""};
    }
    if (t.kind != tok::identifier && t.kind != tok::comma) {
      return fail(t, "found '" + std::string(t.text) + "', expected: ',', ')' or identifier");
    }
    auto values = parse_list();
    if (!values) return values;
    auto close = next(true);
    if (close.kind != tok::close_paren) {
      return fail(close, "found '" + std::string(t.text) + "', expected: ')'");
    }
    return values;
  }

  // Comma-separated, possibly empty identifiers up to (not including) ")"; the result is
  // sorted and unique, as Kubernetes collects them in a set.
  result<std::vector<std::string>> parse_list() {
    std::vector<std::string> values;
    auto add = [&](std::string_view v) {
      if (std::find(values.begin(), values.end(), v) == values.end()) values.emplace_back(v);
    };
    while (true) {
      auto t = next(true);
      if (t.kind == tok::identifier) {
        add(t.text);
        auto after = peek(true);
        if (after.kind == tok::comma) continue;
        if (after.kind == tok::close_paren) break;
        return fail(after, "found '" + std::string(after.text) + "', expected: ',' or ')'");
      }
      if (t.kind == tok::comma) {
        if (values.empty()) add("");  // "(,"
        auto after = peek(true);
        if (after.kind == tok::close_paren) {
          add("");  // ",)"
          break;
        }
        if (after.kind == tok::comma) {
          next(true);
          add("");  // ",,"
        }
        continue;
      }
      return fail(t, "found '" + std::string(t.text) + "', expected: ',', or identifier");
    }
    std::sort(values.begin(), values.end());
    return values;
  }

  // The single value of =, ==, !=, >, <; missing means "".
  result<std::vector<std::string>> parse_exact() {
    auto t = peek(true);
    if (t.kind == tok::end || t.kind == tok::comma) return std::vector<std::string>{""};
    next(true);
    if (t.kind == tok::identifier) return std::vector<std::string>{std::string(t.text)};
    return fail(t, "found '" + std::string(t.text) + "', expected: identifier");
  }

  std::vector<token> tokens_;
  std::size_t pos_ = 0;
};

}  // namespace

result<label_selector> parse_label_selector(std::string_view text) {
  return parser(text).parse();
}

}  // namespace kactor::selectors
