# cove_embed(<target> NAMESPACE <ns> BASE_DIR <dir> [GZIP] [DEPENDS files...] [FILES files...])
#
# Builds a static library <target> exposing `std::span<const cove::core::EmbeddedFile> <ns>::files()`
# with every regular file under BASE_DIR (relative paths, sorted). The bytes are pulled in with the
# assembler's .incbin, so megabytes of assets cost no compile time. The file list is read when the
# build runs (not at configure time), so a freshly built web/dist is picked up; GZIP adds a
# precompressed copy of each compressible file.
set(COVE_EMBED_GENERATOR "${CMAKE_CURRENT_LIST_DIR}/embed_gen.cmake")

function(cove_embed target)
  cmake_parse_arguments(ARG "GZIP" "NAMESPACE;BASE_DIR" "DEPENDS;FILES" ${ARGN})
  set(out_dir "${CMAKE_BINARY_DIR}/embedded/${target}")
  set(gen_s "${out_dir}/${target}.S")
  set(gen_cpp "${out_dir}/${target}.cpp")
  add_custom_command(
    OUTPUT "${gen_s}" "${gen_cpp}"
    COMMAND "${CMAKE_COMMAND}" -DTARGET=${target} -DNAMESPACE=${ARG_NAMESPACE}
            -DBASE_DIR=${ARG_BASE_DIR} -DOUT_DIR=${out_dir} -DGZIP=${ARG_GZIP}
            -P "${COVE_EMBED_GENERATOR}"
    DEPENDS ${ARG_FILES} ${ARG_DEPENDS} "${COVE_EMBED_GENERATOR}"
    COMMENT "Embedding ${ARG_BASE_DIR}"
    VERBATIM)
  add_library(${target} STATIC "${gen_s}" "${gen_cpp}")
  target_include_directories(${target} PRIVATE "${CMAKE_SOURCE_DIR}/src")
  set_source_files_properties("${gen_s}" PROPERTIES LANGUAGE ASM)
endfunction()
