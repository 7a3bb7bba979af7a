import CQPDFLoader
import Foundation

/// What qpdf reported: reading, changing or writing a PDF failed.
public struct QPDFError: Error, Sendable, CustomStringConvertible {
  /// qpdf's own message.
  public var message: String
  /// How to fix it, when it is not a defect of the tool (a library to install).
  public var hint = "this is a defect of the tool; please report it with the data that shows it"

  /// A sentence for the user.
  public var description: String { "error: qpdf: \(message)\n  hint: \(hint)" }
}

/// The qpdf seam: one PDF open in qpdf, its handle freed when the document goes.
///
/// The only file that imports `CQPDFLoader`; the finishing steps use ``QPDFObject``.
final class QPDFDocument {
  fileprivate let handle: qpdf_data
  /// libqpdf's functions (``LazyQPDF``).
  fileprivate let q: report_qpdf

  /// Reads a PDF from memory.
  init(reading pdf: Data) throws(QPDFError) {
    q = try LazyQPDF.functions()
    guard let handle = q.qpdf_init() else { throw QPDFError(message: "cannot start") }
    self.handle = handle
    q.qpdf_set_suppress_warnings(handle, QPDF_TRUE)
    let read = pdf.withUnsafeBytes { bytes in
      q.qpdf_read_memory(
        handle, "report.pdf", bytes.bindMemory(to: CChar.self).baseAddress, UInt64(bytes.count),
        nil)
    }
    try check(read)
  }

  deinit {
    var handle: qpdf_data? = handle
    q.qpdf_cleanup(&handle)
  }

  /// Turns a qpdf status into an error carrying qpdf's message.
  fileprivate func check(_ code: QPDF_ERROR_CODE) throws(QPDFError) {
    guard code & QPDF_ERRORS != 0 || q.qpdf_has_error(handle) == QPDF_TRUE else { return }
    let message = q.qpdf_get_error(handle).flatMap { q.qpdf_get_error_full_text(handle, $0) }
    throw QPDFError(message: message.map { String(cString: $0) } ?? "error \(code)")
  }

  fileprivate func object(_ handle: qpdf_oh) -> QPDFObject {
    QPDFObject(document: self, handle: handle)
  }

  /// The catalog.
  var root: QPDFObject { object(q.qpdf_get_root(handle)) }
  /// The trailer.
  var trailer: QPDFObject { object(q.qpdf_get_trailer(handle)) }
  /// How many pages the document has.
  var pageCount: Int { Int(max(0, q.qpdf_get_num_pages(handle))) }
  /// Page `index` (0-based).
  func page(_ index: Int) -> QPDFObject { object(q.qpdf_get_page_n(handle, index)) }

  /// A new name (`/Name`).
  func name(_ name: String) -> QPDFObject { object(q.qpdf_oh_new_name(handle, name)) }
  /// A new integer.
  func integer(_ value: Int64) -> QPDFObject { object(q.qpdf_oh_new_integer(handle, value)) }
  /// A new text string (UTF-16 when it must).
  func text(_ value: String) -> QPDFObject { object(q.qpdf_oh_new_unicode_string(handle, value)) }
  /// A new byte string.
  func string(_ value: String) -> QPDFObject { object(q.qpdf_oh_new_string(handle, value)) }
  /// A new empty array.
  func array() -> QPDFObject { object(q.qpdf_oh_new_array(handle)) }
  /// A new empty dictionary.
  func dictionary() -> QPDFObject { object(q.qpdf_oh_new_dictionary(handle)) }
  /// The null object.
  func null() -> QPDFObject { object(q.qpdf_oh_new_null(handle)) }
  /// An object parsed from PDF syntax.
  func parse(_ syntax: String) -> QPDFObject { object(q.qpdf_oh_parse(handle, syntax)) }
  /// A new stream holding `bytes`, unfiltered.
  func stream(_ bytes: [UInt8]) -> QPDFObject {
    let stream = object(q.qpdf_oh_new_stream(handle))
    stream.replaceStreamData(bytes)
    return stream
  }

  /// The decoded content of a page, all its streams joined.
  func pageContent(_ page: QPDFObject) throws(QPDFError) -> [UInt8] {
    var buffer: UnsafeMutablePointer<UInt8>?
    var length = 0
    try check(q.qpdf_oh_get_page_content_data(handle, page.handle, &buffer, &length))
    defer { free(buffer) }
    return buffer.map { Array(UnsafeBufferPointer(start: $0, count: length)) } ?? []
  }

  /// How the file is written.
  struct WriteOptions {
    /// PDF/A-1: PDF 1.4, no object streams, an end of line before every endstream.
    var archival = false
  }

  /// The document written to memory with a deterministic identifier, streams kept
  /// as they were encoded.
  func write(_ options: WriteOptions) throws(QPDFError) -> Data {
    try check(q.qpdf_init_write_memory(handle))
    q.qpdf_set_decode_level(handle, qpdf_dl_none)
    q.qpdf_set_deterministic_ID(handle, QPDF_TRUE)
    if options.archival {
      q.qpdf_set_object_stream_mode(handle, qpdf_o_disable)
      q.qpdf_set_newline_before_endstream(handle, QPDF_TRUE)
      q.qpdf_force_pdf_version(handle, "1.4")
    } else {
      q.qpdf_set_object_stream_mode(handle, qpdf_o_generate)
    }
    try check(q.qpdf_write(handle))
    guard let buffer = q.qpdf_get_buffer(handle) else {
      throw QPDFError(message: "nothing written")
    }
    return Data(bytes: buffer, count: q.qpdf_get_buffer_length(handle))
  }
}

/// An object of a ``QPDFDocument`` (a handle valid while the document lives).
struct QPDFObject {
  fileprivate let document: QPDFDocument
  fileprivate let handle: qpdf_oh
  private var qpdf: qpdf_data { document.handle }
  private var q: report_qpdf { document.q }

  /// The value of a dictionary's key (null when absent); setting replaces it.
  subscript(key: String) -> QPDFObject {
    get { document.object(q.qpdf_oh_get_key(qpdf, handle, key)) }
    nonmutating set { q.qpdf_oh_replace_key(qpdf, handle, key, newValue.handle) }
  }

  /// Whether a dictionary has the key.
  func has(_ key: String) -> Bool { q.qpdf_oh_has_key(qpdf, handle, key) == QPDF_TRUE }
  /// Removes a dictionary's key.
  func remove(_ key: String) { q.qpdf_oh_remove_key(qpdf, handle, key) }
  /// A dictionary's keys (none for anything else).
  var keys: [String] {
    guard isDictionary else { return [] }
    var keys: [String] = []
    q.qpdf_oh_begin_dict_key_iter(qpdf, handle)
    while q.qpdf_oh_dict_more_keys(qpdf) == QPDF_TRUE {
      if let key = q.qpdf_oh_dict_next_key(qpdf) { keys.append(String(cString: key)) }
    }
    return keys
  }

  var isNull: Bool { q.qpdf_oh_is_null(qpdf, handle) == QPDF_TRUE }
  var isArray: Bool { q.qpdf_oh_is_array(qpdf, handle) == QPDF_TRUE }
  var isDictionary: Bool { q.qpdf_oh_is_dictionary(qpdf, handle) == QPDF_TRUE }
  var isStream: Bool { q.qpdf_oh_is_stream(qpdf, handle) == QPDF_TRUE }
  var isInteger: Bool { q.qpdf_oh_is_integer(qpdf, handle) == QPDF_TRUE }
  /// Whether the object is the name `name` ("/Figure").
  func isName(_ name: String) -> Bool {
    q.qpdf_oh_is_name_and_equals(qpdf, handle, name) == QPDF_TRUE
  }
  /// The name, when the object is one.
  var name: String? {
    guard q.qpdf_oh_is_name(qpdf, handle) == QPDF_TRUE else { return nil }
    return q.qpdf_oh_get_name(qpdf, handle).map { String(cString: $0) }
  }
  /// The integer value (0 for anything else).
  var integer: Int64 { q.qpdf_oh_get_int_value(qpdf, handle) }
  /// The numeric value of an integer or real.
  var number: Double { q.qpdf_oh_get_numeric_value(qpdf, handle) }
  /// A string's value as UTF-8.
  var utf8: String? { q.qpdf_oh_get_utf8_value(qpdf, handle).map { String(cString: $0) } }
  /// The object number of an indirect object (0 for a direct one).
  var objectID: Int32 { q.qpdf_oh_get_object_id(qpdf, handle) }

  /// An array's length (0 for anything else).
  var count: Int { Int(max(0, q.qpdf_oh_get_array_n_items(qpdf, handle))) }
  /// An array's item.
  func item(_ index: Int) -> QPDFObject {
    document.object(q.qpdf_oh_get_array_item(qpdf, handle, Int32(index)))
  }
  /// An array's items.
  var items: [QPDFObject] { (0..<count).map(item) }
  /// Appends to an array.
  func append(_ item: QPDFObject) { q.qpdf_oh_append_item(qpdf, handle, item.handle) }
  /// Replaces an array's item.
  func set(_ index: Int, to item: QPDFObject) {
    q.qpdf_oh_set_array_item(qpdf, handle, Int32(index), item.handle)
  }

  /// A stream's dictionary.
  var streamDictionary: QPDFObject { document.object(q.qpdf_oh_get_dict(qpdf, handle)) }
  /// Replaces a stream's data with unfiltered bytes.
  func replaceStreamData(_ bytes: [UInt8]) {
    let null = q.qpdf_oh_new_null(qpdf)
    bytes.withUnsafeBufferPointer {
      q.qpdf_oh_replace_stream_data(qpdf, handle, $0.baseAddress, $0.count, null, null)
    }
  }
  /// A stream's data, decoded.
  func streamData() throws(QPDFError) -> [UInt8] {
    var buffer: UnsafeMutablePointer<UInt8>?
    var length = 0
    var filtered = QPDF_FALSE
    try document.check(
      q.qpdf_oh_get_stream_data(qpdf, handle, qpdf_dl_generalized, &filtered, &buffer, &length))
    defer { free(buffer) }
    guard filtered == QPDF_TRUE else { throw QPDFError(message: "a stream it cannot decode") }
    return buffer.map { Array(UnsafeBufferPointer(start: $0, count: length)) } ?? []
  }
}

/// libqpdf, loaded the first time a file is finished by it (`CQPDFLoader`): only PDF/A
/// files are, and a run that maps it and the eight libraries it brings pays about 3 ms
/// at its start.
enum LazyQPDF {
  /// Its functions.
  /// - Throws: ``QPDFError`` saying why it cannot be loaded.
  static func functions() throws(QPDFError) -> report_qpdf {
    guard let table = report_qpdf() else {
      var error = QPDFError(message: String(cString: report_qpdf_error()))
      error.hint =
        "install libqpdf29 (scripts/setup.sh --runtime does), or write the file without --pdfa"
      throw error
    }
    return table.pointee
  }
}

extension LibraryVersions {
  /// The version of the qpdf library: "11.3.0" (it is loaded to ask).
  static var qpdf: String {
    do throws(QPDFError) {
      return try LazyQPDF.functions().qpdf_get_qpdf_version().map { String(cString: $0) } ?? "?"
    } catch {
      return error.message
    }
  }
}
