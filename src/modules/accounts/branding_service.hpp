#pragma once
// Branding images (logo, favicon, sign-in page image): uploaded by operators, stored in the blob
// store, served publicly to the SPA. Types are decided by magic bytes (PNG, JPEG, SVG, ICO);
// SVGs with active content are refused, since a browser runs an SVG's scripts when the file is
// opened directly from our origin.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/blob_store.hpp"
#include "core/principal.hpp"
#include "modules/accounts/settings_service.hpp"

namespace cove::accounts {

inline constexpr std::size_t kMaxBrandingImageBytes = 1024 * 1024;

struct BrandingFile {
  std::filesystem::path path;
  std::uint64_t size = 0;
  std::string sha256;
  std::string content_type;
};

class BrandingService {
 public:
  // Images are stored in `blobs`; which ones are in use is the branding document in `settings`.
  BrandingService(core::BlobStore& blobs, SettingsService& settings) : blobs_(blobs), settings_(settings) {}

  // 415 unsupported_media_type for other files; 400 branding.unsafe_svg for SVGs with scripts.
  Branding upload(const core::Actor& actor, BrandingImage image, std::string_view bytes);
  Branding clear(const core::Actor& actor, BrandingImage image);  // back to the built-in image
  std::optional<BrandingFile> file(BrandingImage image) const;    // nullopt when not set

  // What the sign-in page needs: texts and image URLs (null = use the built-in image). The URLs
  // carry a version so a new image is fetched at once and an unchanged one is cached.
  nlohmann::json public_json() const;
  // The operators' view: the stored document plus the same URLs.
  nlohmann::json admin_json(const Branding& b) const;

 private:
  core::BlobStore& blobs_;
  SettingsService& settings_;
};

std::string_view image_name(BrandingImage image);  // "logo" | "favicon" | "loginImage"
inline constexpr BrandingImage kBrandingImages[] = {BrandingImage::kLogo, BrandingImage::kFavicon,
                                                    BrandingImage::kLoginImage};

}  // namespace cove::accounts
