#pragma once
// Organisations: self-registration with an owner account, the profile and licence scan, the
// operators' review decisions (a strict state machine) and per-org quota overrides.
//
//   pending ──approve──► active ──suspend──► suspended
//      │                   ▲                    │
//      └──reject──► rejected└────reactivate─────┘
//
// Only an active organisation's members hold their role's permissions; identity gives members
// of any other status org:read alone, so they can see their status and nothing else.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/blob_store.hpp"
#include "core/change_log.hpp"
#include "core/clock.hpp"
#include "core/db.hpp"
#include "core/password.hpp"
#include "core/principal.hpp"
#include "modules/accounts/org_model.hpp"
#include "modules/accounts/org_repo.hpp"
#include "modules/accounts/quota_service.hpp"
#include "modules/accounts/settings_service.hpp"

namespace cove::accounts {

// Fields are already shape-checked (lengths, formats) by the caller.
struct OrgRegistration {
  std::string name;
  std::string license_no;
  std::string contact_name;
  std::string contact_email;
  std::string contact_phone;
  std::string owner_email;
  std::string owner_password;
  std::string owner_name;
};

struct OrgPatch {
  std::optional<std::string> name;
  std::optional<std::string> contact_name;
  std::optional<std::string> contact_email;
  std::optional<std::string> contact_phone;
  std::optional<bool> require_2fa;
};

// A rejected organisation's corrections, sent with its resubmission (unset: unchanged).
struct OrgResubmission {
  OrgPatch profile;  // name and contacts (require_2fa is not part of a resubmission)
  std::optional<std::string> license_no;
};

enum class OrgDecision { kApprove, kReject, kSuspend, kReactivate };

// A stored file ready to be served.
struct StoredAttachment {
  Attachment attachment;
  std::filesystem::path path;
  std::uint64_t size = 0;
};

inline constexpr std::uint64_t kMaxAttachmentBytes = 10ULL * 1024 * 1024;

class OrgService {
 public:
  // `password_cost` hashes the owner's password at registration.
  OrgService(core::Db& db, core::BlobStore& blobs, core::ChangeLog& changes, const core::Clock& clock,
             const SettingsService& settings, const QuotaService& quotas, core::password::Cost password_cost)
      : db_(db),
        blobs_(blobs),
        changes_(changes),
        clock_(clock),
        settings_(settings),
        quotas_(quotas),
        password_cost_(password_cost) {}

  // Creates the pending organisation and its owner in one transaction. Hashes the password:
  // call from a blocking route. 409 orgs.owner_exists / orgs.license_exists; 400 for a password
  // the policy refuses (field owner.password).
  Org register_org(const core::Actor& actor, const OrgRegistration& r);

  Org get(const std::string& org_id) const;  // 404 orgs.not_found
  OrgDetails details(const std::string& org_id) const;
  Org update(const core::Actor& actor, const std::string& org_id, const OrgPatch& patch);
  // Operators require (or stop requiring) 2FA of every member, whatever the organisation's own
  // choice; while they do, update() refuses to turn require_2fa off (409 orgs.2fa_imposed).
  Org set_imposed_2fa(const core::Actor& actor, const std::string& org_id, bool required);
  // 409 orgs.invalid_transition for a decision the current status does not allow.
  Org decide(const core::Actor& actor, const std::string& org_id, OrgDecision decision,
             const std::string& reason);
  core::Page<Org> list(const org_repo::OrgFilter& filter, const core::PageRequest& page) const;
  // A rejected organisation corrects its data and asks again: rejected → pending (the operators'
  // queue), the rejection reason kept in the operation log. 409 orgs.invalid_transition unless
  // rejected; 409 orgs.license_exists when another organisation holds the licence number.
  Org resubmit(const core::Actor& actor, const std::string& org_id, const OrgResubmission& r);

  // Adopts an uploaded temp file (already hashed while streamed) as the licence scan. The type
  // comes from the file's magic bytes: PNG, JPEG or PDF, else 415 unsupported_media_type.
  // An empty `file_name` becomes "license.<ext>".
  Org set_license_attachment(const core::Actor& actor, const std::string& org_id,
                             const std::filesystem::path& file, const std::string& sha256, std::uint64_t size,
                             const std::string& file_name);
  StoredAttachment license_attachment(const std::string& org_id) const;  // 404 when none

  QuotaOverrides quota_overrides(const std::string& org_id) const;
  QuotaOverrides set_quota_overrides(const core::Actor& actor, const std::string& org_id,
                                     const QuotaOverrides& q);
  QuotaLimits effective_quotas(const std::string& org_id) const;

 private:
  core::Db& db_;
  core::BlobStore& blobs_;
  core::ChangeLog& changes_;
  const core::Clock& clock_;
  const SettingsService& settings_;
  const QuotaService& quotas_;
  core::password::Cost password_cost_;
};

}  // namespace cove::accounts
