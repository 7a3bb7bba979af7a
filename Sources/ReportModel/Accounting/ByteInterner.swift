/// Gives each distinct byte string a small dense number, without allocating per lookup.
///
/// The FEC reader meets the same few hundred account numbers a million times; keying a
/// `Dictionary` by `String` would allocate and decode each time. This open-addressing
/// table keeps the distinct keys once, in one byte arena, and hashes the bytes in place.
struct ByteInterner {
  /// The bytes of every key, one after the other.
  private(set) var arena: [UInt8] = []
  /// Where each key starts in ``arena``.
  private var starts: [Int] = []
  /// Each key's length.
  private var lengths: [Int] = []
  /// Each key's hash.
  private var hashes: [UInt64] = []
  /// Slots: 0 when empty, else the key's number plus one.
  private var slots: [Int32] = Array(repeating: 0, count: 64)

  /// The number of distinct keys.
  var count: Int { starts.count }

  /// The bytes of key `id`.
  func bytes(_ id: Int) -> ArraySlice<UInt8> { arena[starts[id]..<starts[id] + lengths[id]] }

  /// The number of a key, adding it when new; `isNew` tells which.
  mutating func intern(_ key: Span<UInt8>) -> (id: Int, isNew: Bool) {
    let hash = Self.hash(key)
    var mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let entry = Int(slots[slot])
      if entry == 0 { break }
      let id = entry - 1
      if hashes[id] == hash && equals(id, key) { return (id, false) }
      slot = (slot + 1) & mask
    }
    let id = starts.count
    starts.append(arena.count)
    lengths.append(key.count)
    hashes.append(hash)
    for index in key.indices { arena.append(key[index]) }
    if (id + 1) * 2 > slots.count {
      grow()
      mask = slots.count - 1
      slot = Int(truncatingIfNeeded: hash) & mask
      while slots[slot] != 0 { slot = (slot + 1) & mask }
    }
    slots[slot] = Int32(id + 1)
    return (id, true)
  }

  private func equals(_ id: Int, _ key: Span<UInt8>) -> Bool {
    guard lengths[id] == key.count else { return false }
    let start = starts[id]
    for index in key.indices where arena[start + index] != key[index] { return false }
    return true
  }

  private mutating func grow() {
    var larger = [Int32](repeating: 0, count: slots.count * 2)
    let mask = larger.count - 1
    for id in 0..<starts.count {
      var slot = Int(truncatingIfNeeded: hashes[id]) & mask
      while larger[slot] != 0 { slot = (slot + 1) & mask }
      larger[slot] = Int32(id + 1)
    }
    slots = larger
  }

  /// FNV-1a, then a final mix so that the low bits used for the slot are well spread.
  private static func hash(_ key: Span<UInt8>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for index in key.indices {
      hash ^= UInt64(key[index])
      hash &*= 0x0000_0100_0000_01B3
    }
    hash ^= hash >> 29
    hash &*= 0xBF58_476D_1CE4_E5B9
    hash ^= hash >> 32
    return hash
  }
}
