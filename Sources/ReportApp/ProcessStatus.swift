import Foundation

/// Fields of Linux's `/proc/self/status`: what the kernel says of this process.
enum ProcessStatus {
  /// The text after `name:` (`"VmHWM"` → `"  40236 kB"`), or `nil` off Linux or
  /// when the field is missing.
  static func field(_ name: String) -> Substring? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else {
      return nil
    }
    let prefix = name + ":"
    return status.split(separator: "\n").first { $0.hasPrefix(prefix) }?.dropFirst(prefix.count)
  }
}
