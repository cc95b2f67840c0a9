#include "modules/accounts/operation_log_service.hpp"

#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>

#include "core/error.hpp"

namespace cove::accounts {

namespace {

// RFC 4180 quoting; a leading = + - @ is prefixed with ' so a spreadsheet does not run a
// formula planted in a name or user agent (CSV injection).
void put_field(std::string& line, std::string_view value) {
  std::string text;
  if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@')) text = "'";
  text.append(value);
  if (text.find_first_of(",\"\r\n") == std::string::npos) {
    line += text;
    return;
  }
  line.push_back('"');
  for (char c : text) {
    if (c == '"') line.push_back('"');
    line.push_back(c);
  }
  line.push_back('"');
}

std::string summary(const nlohmann::json& j) {
  return j.is_null() ? std::string() : j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

}  // namespace

core::Page<core::AuditRecord> OperationLogService::list(const core::AuditFilter& filter,
                                                         const core::PageRequest& page) const {
  return db_.read([&](core::Conn& c) { return core::list_audit(c, filter, page); });
}

std::filesystem::path OperationLogService::export_csv(const core::AuditFilter& filter,
                                                      const core::PageRequest& range) const {
  const auto path = blobs_.temp_path();
  std::unique_ptr<std::FILE, FileCloser> out(std::fopen(path.c_str(), "wb"));
  if (!out) throw std::runtime_error("cannot create the export file " + path.string());
  std::string line = "\xEF\xBB\xBFid,time,actorKind,actorId,actorName,orgId,action,result,targetType,targetId,"
                     "before,after,ip,userAgent,requestId\r\n";
  std::int64_t rows = 0;
  bool cut = false;
  try {
    db_.read([&](core::Conn& c) {
      core::for_each_audit(c, filter, range, [&](const core::AuditRecord& r) {
        if (rows == kMaxExportRows) {
          cut = true;
          return;
        }
        ++rows;
        const std::string fields[] = {std::to_string(r.id), r.at, r.actor_kind, r.actor_id, r.actor_name,
                                      r.org_id, r.action,
                                      core::is_failure_action(r.action) ? "failure" : "success",
                                      r.target_type, r.target_id, summary(r.before), summary(r.after), r.ip,
                                      r.user_agent, r.request_id};
        bool first = true;
        for (const auto& f : fields) {
          if (!first) line.push_back(',');
          first = false;
          put_field(line, f);
        }
        line += "\r\n";
        // Written in blocks of about 64 KiB: memory stays flat however many rows match.
        if (line.size() >= 64 * 1024) {
          if (std::fwrite(line.data(), 1, line.size(), out.get()) != line.size()) {
            throw std::runtime_error("cannot write the export file");
          }
          line.clear();
        }
      });
    });
    if (cut) line += "# cut at " + std::to_string(kMaxExportRows) + " rows: narrow the time range\r\n";
    if (std::fwrite(line.data(), 1, line.size(), out.get()) != line.size() || std::fflush(out.get()) != 0) {
      throw std::runtime_error("cannot write the export file");
    }
  } catch (...) {
    out.reset();
    std::error_code ec;
    std::filesystem::remove(path, ec);
    throw;
  }
  return path;
}

}  // namespace cove::accounts
