#pragma once
// What an uploaded file really is, decided by its first bytes rather than by the name or the
// Content-Type a client claims (icons, branding images, licence scans, certificates).
#include <filesystem>
#include <string>
#include <string_view>

namespace cove::core {

inline constexpr std::string_view kPng = "image/png";
inline constexpr std::string_view kJpeg = "image/jpeg";
inline constexpr std::string_view kPdf = "application/pdf";
inline constexpr std::string_view kIcon = "image/x-icon";
inline constexpr std::string_view kSvg = "image/svg+xml";

// The media type of a file starting with `head` (PNG, JPEG, PDF, ICO, or SVG — an XML text
// whose root is <svg>); "" when it is none of these.
std::string sniff_media_type(std::string_view head);
// The first `n` bytes of a file (fewer if it is shorter).
std::string read_head(const std::filesystem::path& file, std::size_t n);

// Whether an SVG document is free of active content: no <script>, no on…= event handler
// attributes, no javascript: URLs, no <foreignObject> (embedded HTML) and no entity
// declarations (entity expansion bombs). Browsers run scripts in an SVG opened directly.
bool svg_is_safe(std::string_view svg);


}  // namespace cove::core
