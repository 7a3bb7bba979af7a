import Foundation
import FuzzSupport
import ReportModel

/// libFuzzer's entry: any bytes as a year file must load or fail with problems, never crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYear(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Data(bytes: data, count: size)
  do {
    _ = try YearLoader().load(data: bytes, path: "fuzz.yaml")
  } catch {
    precondition(!error.problems.isEmpty, "a refused file must say why")
  }
  return 0
}

/// SwiftPM links this executable's `main` to `FuzzYear_main`: libFuzzer takes over.
@_cdecl("FuzzYear_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt
{
  fuzzerMain(argc, argv) { fuzzYear($0, $1) }
}
