#include "cli/integer_options.hpp"

#include <CLI/CLI.hpp>
#include <limits>

#include "cli/value_parsing.hpp"
#include "core/error.hpp"

namespace tconv {

namespace {

template <typename T>
T parse_as(const std::string& text, const std::string& name) {
  const int64_t value = parse_integer(text, name);
  if (value > std::numeric_limits<T>::max()) {
    throw InvalidParameter(name + " must be at most " + std::to_string(std::numeric_limits<T>::max()) + ", got " +
                           std::to_string(value));
  }
  if (value < std::numeric_limits<T>::min()) {
    throw InvalidParameter(name + " must be at least " + std::to_string(std::numeric_limits<T>::min()) + ", got " +
                           std::to_string(value));
  }
  return static_cast<T>(value);
}

}  // namespace

template <typename T>
CLI::Option* add_integer_option(CLI::App& app, const std::string& names, T& target, const std::string& description) {
  const std::string name = flag_name(names);
  return app
      .add_option_function<std::string>(
          names, [&target, name](const std::string& text) { target = parse_as<T>(text, name); }, description)
      ->type_name("INT");
}

template <typename T>
CLI::Option* add_integer_option(CLI::App& app, const std::string& names, std::optional<T>& target,
                                const std::string& description) {
  const std::string name = flag_name(names);
  return app
      .add_option_function<std::string>(
          names, [&target, name](const std::string& text) { target = parse_as<T>(text, name); }, description)
      ->type_name("INT");
}

template CLI::Option* add_integer_option(CLI::App&, const std::string&, int&, const std::string&);
template CLI::Option* add_integer_option(CLI::App&, const std::string&, int64_t&, const std::string&);
template CLI::Option* add_integer_option(CLI::App&, const std::string&, std::optional<int>&, const std::string&);
template CLI::Option* add_integer_option(CLI::App&, const std::string&, std::optional<int64_t>&, const std::string&);

}  // namespace tconv
