#pragma once
// Structured logging: one line per event, as logfmt text (default, for people) or JSON lines
// (for log shippers), to stderr. Lines are buffered and written by a background thread, so the
// access log costs an append under a short lock on the request path. Never log secrets.
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace cove::core::log {

enum class Level { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3 };
enum class Format { kText, kJson };

using Field = std::pair<std::string_view, std::string_view>;

void configure(Level level, Format format);
bool enabled(Level level);
void write(Level level, std::string_view message, std::initializer_list<Field> fields = {});
// Writes everything buffered; called at shutdown and before abnormal exits.
void flush();
// Routes output to a string instead of stderr (tests); pass nullptr to restore.
void capture(std::string* sink);

inline void debug(std::string_view m, std::initializer_list<Field> f = {}) { write(Level::kDebug, m, f); }
inline void info(std::string_view m, std::initializer_list<Field> f = {}) { write(Level::kInfo, m, f); }
inline void warn(std::string_view m, std::initializer_list<Field> f = {}) { write(Level::kWarn, m, f); }
inline void error(std::string_view m, std::initializer_list<Field> f = {}) { write(Level::kError, m, f); }

bool parse_level(std::string_view text, Level& out);

}  // namespace cove::core::log
