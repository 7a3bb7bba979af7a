#ifndef REPORT_CQPDF_LOADER_H
#define REPORT_CQPDF_LOADER_H

/* libqpdf, loaded when first needed (only PDF/A files are finished by qpdf): a run
   that does not need it does not map it and the eight libraries it brings (gnutls and
   its own), which cost about 3 ms at every start. The functions are qpdf-c.h's own,
   reached through the table report_qpdf() returns. */

#include <qpdf/qpdf-c.h>

/* The functions of qpdf-c.h the tool calls. */
#define REPORT_QPDF_FUNCTIONS(X) \
  X(qpdf_cleanup) \
  X(qpdf_force_pdf_version) \
  X(qpdf_get_buffer) \
  X(qpdf_get_buffer_length) \
  X(qpdf_get_error) \
  X(qpdf_get_error_full_text) \
  X(qpdf_get_num_pages) \
  X(qpdf_get_page_n) \
  X(qpdf_get_qpdf_version) \
  X(qpdf_get_root) \
  X(qpdf_get_trailer) \
  X(qpdf_has_error) \
  X(qpdf_init) \
  X(qpdf_init_write_memory) \
  X(qpdf_oh_append_item) \
  X(qpdf_oh_begin_dict_key_iter) \
  X(qpdf_oh_dict_more_keys) \
  X(qpdf_oh_dict_next_key) \
  X(qpdf_oh_get_array_item) \
  X(qpdf_oh_get_array_n_items) \
  X(qpdf_oh_get_dict) \
  X(qpdf_oh_get_int_value) \
  X(qpdf_oh_get_key) \
  X(qpdf_oh_get_name) \
  X(qpdf_oh_get_numeric_value) \
  X(qpdf_oh_get_object_id) \
  X(qpdf_oh_get_page_content_data) \
  X(qpdf_oh_get_stream_data) \
  X(qpdf_oh_get_utf8_value) \
  X(qpdf_oh_has_key) \
  X(qpdf_oh_is_array) \
  X(qpdf_oh_is_dictionary) \
  X(qpdf_oh_is_integer) \
  X(qpdf_oh_is_name) \
  X(qpdf_oh_is_name_and_equals) \
  X(qpdf_oh_is_null) \
  X(qpdf_oh_is_stream) \
  X(qpdf_oh_new_array) \
  X(qpdf_oh_new_dictionary) \
  X(qpdf_oh_new_integer) \
  X(qpdf_oh_new_name) \
  X(qpdf_oh_new_null) \
  X(qpdf_oh_new_stream) \
  X(qpdf_oh_new_string) \
  X(qpdf_oh_new_unicode_string) \
  X(qpdf_oh_parse) \
  X(qpdf_oh_remove_key) \
  X(qpdf_oh_replace_key) \
  X(qpdf_oh_replace_stream_data) \
  X(qpdf_oh_set_array_item) \
  X(qpdf_read_memory) \
  X(qpdf_set_decode_level) \
  X(qpdf_set_deterministic_ID) \
  X(qpdf_set_newline_before_endstream) \
  X(qpdf_set_object_stream_mode) \
  X(qpdf_set_suppress_warnings) \
  X(qpdf_write)

/* A pointer to each of them, by its own name. */
struct report_qpdf {
#define REPORT_QPDF_FIELD(name) __typeof__(&name) _Nonnull name;
  REPORT_QPDF_FUNCTIONS(REPORT_QPDF_FIELD)
#undef REPORT_QPDF_FIELD
};

/* The table, libqpdf loaded the first time (from any thread); NULL when it cannot be
   loaded or lacks a function, report_qpdf_error() saying why. */
const struct report_qpdf *_Nullable report_qpdf(void);

/* Why report_qpdf() returned NULL. */
const char *_Nonnull report_qpdf_error(void);

#endif
