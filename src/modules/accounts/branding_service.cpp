#include "modules/accounts/branding_service.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/media_type.hpp"

namespace cove::accounts {

namespace {

// Enough of the file to recognise it: SVGs may open with a prolog and comments.
constexpr std::size_t kSniffBytes = 4096;

const std::string& hash_of(const Branding& b, BrandingImage image) {
  switch (image) {
    case BrandingImage::kLogo: return b.logo_sha256;
    case BrandingImage::kFavicon: return b.favicon_sha256;
    case BrandingImage::kLoginImage: return b.login_image_sha256;
  }
  throw std::logic_error("unknown branding image");
}

nlohmann::json image_url(const Branding& b, BrandingImage image) {
  const auto& sha = hash_of(b, image);
  if (sha.empty()) return nullptr;
  return fmt::format("/api/v1/branding/{}?v={}", image_name(image), sha.substr(0, 16));
}

}  // namespace

std::string_view image_name(BrandingImage image) {
  switch (image) {
    case BrandingImage::kLogo: return "logo";
    case BrandingImage::kFavicon: return "favicon";
    case BrandingImage::kLoginImage: return "loginImage";
  }
  return "unknown";
}

Branding BrandingService::upload(const core::Actor& actor, BrandingImage image, std::string_view bytes) {
  if (bytes.empty()) throw core::Error::bad_request("empty_body", "Send the image as the request body");
  const auto type = core::sniff_media_type(bytes.substr(0, kSniffBytes));
  if (type != core::kPng && type != core::kJpeg && type != core::kSvg && type != core::kIcon) {
    throw core::Error(415, "unsupported_media_type", "Use a PNG, JPEG, SVG or ICO image");
  }
  if (type == core::kSvg && !core::svg_is_safe(bytes)) {
    throw core::Error::bad_request(
        "branding.unsafe_svg", "The SVG contains scripts, event handlers or embedded content; remove them");
  }
  const auto blob = blobs_.put(bytes);
  return settings_.set_branding_image(actor, image, blob.sha256);
}

Branding BrandingService::clear(const core::Actor& actor, BrandingImage image) {
  return settings_.set_branding_image(actor, image, "");
}

std::optional<BrandingFile> BrandingService::file(BrandingImage image) const {
  const auto branding = settings_.branding();
  const auto& sha = hash_of(*branding, image);
  if (sha.empty()) return std::nullopt;
  const auto path = blobs_.path_of(sha);
  const auto size = blobs_.size(sha);
  if (!path || !size) return std::nullopt;
  return BrandingFile{*path, *size, sha, core::sniff_media_type(core::read_head(*path, kSniffBytes))};
}

nlohmann::json BrandingService::public_json() const {
  const auto b = settings_.branding();
  return {{"productName", b->product_name},
          {"loginTitle", b->login_title},
          {"loginText", b->login_text},
          {"copyright", b->copyright},
          {"logoUrl", image_url(*b, BrandingImage::kLogo)},
          {"faviconUrl", image_url(*b, BrandingImage::kFavicon)},
          {"loginImageUrl", image_url(*b, BrandingImage::kLoginImage)}};
}

nlohmann::json BrandingService::admin_json(const Branding& b) const {
  auto j = to_json(b);
  j["logoUrl"] = image_url(b, BrandingImage::kLogo);
  j["faviconUrl"] = image_url(b, BrandingImage::kFavicon);
  j["loginImageUrl"] = image_url(b, BrandingImage::kLoginImage);
  return j;
}

}  // namespace cove::accounts
