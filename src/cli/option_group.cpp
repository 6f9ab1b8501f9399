#include "cli/option_group.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <memory>

#include "cli/help_format.hpp"
#include "cli/integer_options.hpp"
#include "cli/spelling.hpp"
#include "cli/value_parsing.hpp"
#include "core/error.hpp"
#include "io/line_reader.hpp"

namespace tconv {

std::string with_underscore_aliases(const std::string& names) {
  std::string result = names;
  size_t start = 0;
  while (start < names.size()) {
    const size_t end = std::min(names.find(',', start), names.size());
    const std::string name = names.substr(start, end - start);
    if (name.rfind("--", 0) == 0 && name.find('-', 2) != std::string::npos) {
      std::string alias = name;
      std::replace(alias.begin() + 2, alias.end(), '-', '_');
      result += "," + alias;
    }
    start = end + 1;
  }
  return result;
}

std::string choice_key(const std::string& typed) {
  std::string key = typed;
  for (char& c : key) c = c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return key;
}

void check_choice(const std::string& flag, const std::string& value, const std::vector<std::string>& names,
                  const std::vector<std::string>& listed) {
  std::string checked = value;
  if (CLI::IsMember(names)(checked).empty()) return;
  std::vector<std::string> near = closest_names(value, listed);
  if (near.empty() && value.size() >= 2) {  // a beginning: "same" for same-upper or same-lower
    const std::string key = choice_key(value);
    for (const std::string& name : listed) {
      if (name.rfind(key, 0) == 0) near.push_back(name);
    }
  }
  throw UsageError(flag + " must be " + or_list(listed) + ", got " + quoted_excerpt(value) +
                   (near.empty() ? "" : "; did you mean " + or_list(near) + "?"));
}

OptionGroup::OptionGroup(CLI::App& app, std::string title, const std::string& note)
    : app_(app), title_(std::move(title)) {
  if (note.empty()) return;
  if (auto* formatter = dynamic_cast<HelpFormatter*>(app.get_formatter().get())) {
    formatter->set_group_note(&app, title_, note);
  }
}

CLI::Option* OptionGroup::place(CLI::Option* option, const std::string& placeholder) {
  option->group(title_);
  if (!placeholder.empty()) option->type_name(placeholder);
  return option;
}

CLI::Option* OptionGroup::text(const std::string& names, std::string& target, const std::string& placeholder,
                               const std::string& help) {
  return place(app_.add_option(with_underscore_aliases(names), target, help), placeholder);
}

CLI::Option* OptionGroup::texts(const std::string& names, std::vector<std::string>& target,
                                const std::string& placeholder, const std::string& help) {
  return place(app_.add_option(with_underscore_aliases(names), target, help), placeholder)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

CLI::Option* OptionGroup::flag(const std::string& names, bool& target, const std::string& help) {
  return place(app_.add_flag(with_underscore_aliases(names), target, help), "");
}

template <typename T>
CLI::Option* OptionGroup::integer(const std::string& names, T& target, const std::string& placeholder,
                                  const std::string& help) {
  return place(add_integer_option(app_, with_underscore_aliases(names), target, help), placeholder);
}

template CLI::Option* OptionGroup::integer(const std::string&, int&, const std::string&, const std::string&);
template CLI::Option* OptionGroup::integer(const std::string&, int64_t&, const std::string&, const std::string&);
template CLI::Option* OptionGroup::integer(const std::string&, std::optional<int>&, const std::string&,
                                           const std::string&);
template CLI::Option* OptionGroup::integer(const std::string&, std::optional<int64_t>&, const std::string&,
                                           const std::string&);

CLI::Option* OptionGroup::number(const std::string& names, double& target, const std::string& placeholder,
                                 const std::string& help) {
  const std::string flag = flag_name(names);
  const auto store = [&target, flag](const std::string& text) {
    char* end = nullptr;
    errno = 0;
    const double value = std::strtod(text.c_str(), &end);
    const bool blank_start = !text.empty() && std::isspace(static_cast<unsigned char>(text[0]));
    if (text.empty() || blank_start || end != text.c_str() + text.size() || errno == ERANGE || !std::isfinite(value)) {
      throw UsageError(flag + " expects a number, got " + quoted_excerpt(text));
    }
    target = value;
  };
  return place(app_.add_option_function<std::string>(with_underscore_aliases(names), store, help), placeholder);
}

CLI::Option* OptionGroup::byte_size(const std::string& names, int64_t& target, const std::string& placeholder,
                                    const std::string& help) {
  const std::string flag = flag_name(names);
  const auto store = [&target, flag](const std::string& text) { target = parse_byte_size(text, flag); };
  return place(app_.add_option_function<std::string>(with_underscore_aliases(names), store, help), placeholder);
}

CLI::Option* OptionGroup::max_memory(int64_t& target) {
  return byte_size("--max-memory", target, "SIZE",
                   "the most memory one thing tconv holds may take (a file or stream it reads, a tensor, a traced "
                   "animation, a buffer), in bytes or with a unit: 512MB, 4GiB (default 4GiB)");
}

CLI::Option* OptionGroup::output_file(std::string& target, const std::string& more) {
  return text("-o,--output", target, "FILE",
              "write the result to FILE instead of standard output (- is standard output): a regular file is "
              "replaced atomically once the command succeeds; a device, FIFO or socket is written directly" +
                  (more.empty() ? std::string() : "; " + more));
}

CLI::Option* OptionGroup::choice_option(const std::string& names, const std::vector<std::string>& accepted,
                                        const std::vector<std::string>& listed,
                                        std::function<void(const std::string&)> store) {
  const std::string flag = flag_name(names);
  const auto assign = [flag, accepted, listed, store](const std::string& typed) {
    std::string value = choice_key(typed);
    if (std::find(accepted.begin(), accepted.end(), value) == accepted.end()) value = typed;  // quoted as typed
    check_choice(flag, value, accepted, listed);
    store(value);
  };
  CLI::Option* option = app_.add_option_function<std::string>(with_underscore_aliases(names), assign);
  // The listed names, for the man page's and the completions' readers of the tables.
  if (auto* formatter = dynamic_cast<HelpFormatter*>(app_.get_formatter().get())) {
    formatter->set_choices(option, listed);
  }
  return option;
}

CLI::Option* OptionGroup::positional(const std::string& name, std::string& target, const std::string& help) {
  return app_.add_option(name, target, help)->group(title_);
}

void place_help_flag(CLI::App& app) {
  if (CLI::Option* help = app.get_help_ptr()) help->group(kOtherOptionsGroup)->description("print this help and exit");
}

}  // namespace tconv
