# Third-party libraries, all from Debian 12 packages (see scripts/install-deps.sh).
find_package(Threads REQUIRED)
find_package(Boost 1.81 CONFIG REQUIRED COMPONENTS headers)
find_package(OpenSSL 3 REQUIRED)
find_package(SQLiteCpp REQUIRED)
find_package(fmt REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(PkgConfig REQUIRED)
# Debian's libzip CMake package insists on the zipcmp tools; pkg-config needs only the library.
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
# ICU: Unicode normalisation and case folding (package file names); word breaks, pinyin
# (Han-Latin) and traditional→simplified transforms for the search tokenizer (icu-i18n).
pkg_check_modules(ICU REQUIRED IMPORTED_TARGET icu-uc icu-i18n)
# libcurl (OpenSSL flavour): outbound HTTPS with address checks (http/guarded_fetch.hpp).
pkg_check_modules(CURL REQUIRED IMPORTED_TARGET libcurl)
# cmark-gfm: Markdown of announcements and articles, rendered safe (no raw HTML, no unsafe links).
# Debian ships a .pc for the core library only; the GFM extensions (tables, strikethrough,
# autolinks, task lists) are a sibling library next to it.
pkg_check_modules(CMARK_GFM REQUIRED IMPORTED_TARGET libcmark-gfm)
find_library(CMARK_GFM_EXTENSIONS_LIBRARY NAMES cmark-gfm-extensions REQUIRED
             HINTS ${CMARK_GFM_LIBRARY_DIRS})

add_library(cove_deps INTERFACE)
target_link_libraries(cove_deps INTERFACE
  Boost::headers OpenSSL::SSL OpenSSL::Crypto SQLiteCpp fmt::fmt nlohmann_json::nlohmann_json
  PkgConfig::LIBZIP PkgConfig::RE2 PkgConfig::ICU PkgConfig::CURL
  ${CMARK_GFM_EXTENSIONS_LIBRARY} PkgConfig::CMARK_GFM Threads::Threads)
# Asio: no deprecated APIs, and coroutines through the standard header.
target_compile_definitions(cove_deps INTERFACE
  BOOST_ASIO_NO_DEPRECATED BOOST_BEAST_USE_STD_STRING_VIEW BOOST_ASIO_DISABLE_BOOST_COROUTINE)
