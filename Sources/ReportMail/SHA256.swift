import CNettle

/// SHA-256 (FIPS 180-4), for the content hashes that make Message-IDs and MIME
/// boundaries deterministic.
///
/// Not used for security. Nettle's (Debian's `nettle-dev`) rather than one of our
/// own: every message of the outbox hashes its whole text, the pack's Base64
/// included, and nettle uses the processor's SHA instructions (about ten times our
/// Swift loop, which was 7 % of the 1 000 members' convocations).
struct SHA256 {
  private var context = sha256_ctx()

  init() { nettle_sha256_init(&context) }

  /// Adds bytes to the hashed input.
  mutating func update(_ bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      nettle_sha256_update(&context, buffer.count, base)
    }
  }

  /// Adds the UTF-8 bytes of `text` to the hashed input, without copying them out.
  mutating func update(utf8 text: String) {
    var text = text
    text.withUTF8 { buffer in
      guard let base = buffer.baseAddress else { return }
      nettle_sha256_update(&context, buffer.count, base)
    }
  }

  /// The digest of everything added.
  func finalize() -> [UInt8] {
    var copy = context
    var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_SIZE))
    digest.withUnsafeMutableBufferPointer { buffer in
      nettle_sha256_digest(&copy, buffer.count, buffer.baseAddress)
    }
    return digest
  }

  /// The hex digest of `bytes`.
  static func hex(_ bytes: [UInt8]) -> String {
    var hash = SHA256()
    hash.update(bytes)
    return hex(digest: hash.finalize())
  }

  /// A digest written in lower-case hex.
  static func hex(digest: [UInt8]) -> String {
    digest.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
  }
}
