# The admin console. With COVE_WEB=ON (the default) the build runs `npm ci && npm run build` in
# web/ and embeds web/dist; otherwise an existing web/dist is embedded, or else web/fallback (a
# one-page notice that the console was not built), so the server always has a page at `/`.
set(COVE_WEB_DIST "${CMAKE_SOURCE_DIR}/web/dist")
if(COVE_WEB)
  find_program(NPM_PROGRAM npm REQUIRED)
  file(GLOB_RECURSE COVE_WEB_SOURCES CONFIGURE_DEPENDS
       "${CMAKE_SOURCE_DIR}/web/src/*" "${CMAKE_SOURCE_DIR}/web/public/*")
  set(web_stamp "${CMAKE_BINARY_DIR}/web-build.stamp")
  add_custom_command(
    OUTPUT "${web_stamp}"
    COMMAND "${NPM_PROGRAM}" ci --no-audit --no-fund --loglevel=error
    COMMAND "${NPM_PROGRAM}" run build
    COMMAND "${CMAKE_COMMAND}" -E touch "${web_stamp}"
    WORKING_DIRECTORY "${CMAKE_SOURCE_DIR}/web"
    DEPENDS ${COVE_WEB_SOURCES} "${CMAKE_SOURCE_DIR}/web/package.json"
            "${CMAKE_SOURCE_DIR}/web/package-lock.json" "${CMAKE_SOURCE_DIR}/web/index.html"
            "${CMAKE_SOURCE_DIR}/web/vite.config.ts" "${CMAKE_SOURCE_DIR}/web/tsconfig.json"
            "${CMAKE_SOURCE_DIR}/web/components.d.ts"
    COMMENT "Building the web console (npm)"
    VERBATIM)
  cove_embed(cove_web_embed NAMESPACE cove::embedded_web BASE_DIR "${COVE_WEB_DIST}" GZIP
             DEPENDS "${web_stamp}")
  if(COVE_TESTS)
    # Vitest (API client, stores, client routes vs docs/openapi.json, translations); it uses the
    # node_modules that the build above installed.
    add_test(NAME web_unit_tests COMMAND "${NPM_PROGRAM}" test WORKING_DIRECTORY "${CMAKE_SOURCE_DIR}/web")
  endif()
elseif(EXISTS "${COVE_WEB_DIST}/index.html")
  file(GLOB_RECURSE COVE_WEB_DIST_FILES CONFIGURE_DEPENDS "${COVE_WEB_DIST}/*")
  cove_embed(cove_web_embed NAMESPACE cove::embedded_web BASE_DIR "${COVE_WEB_DIST}" GZIP
             FILES ${COVE_WEB_DIST_FILES})
else()
  file(GLOB COVE_WEB_FALLBACK_FILES CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/web/fallback/*")
  cove_embed(cove_web_embed NAMESPACE cove::embedded_web BASE_DIR "${CMAKE_SOURCE_DIR}/web/fallback"
             GZIP FILES ${COVE_WEB_FALLBACK_FILES})
endif()
