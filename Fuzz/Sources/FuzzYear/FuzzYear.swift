import Foundation
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

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
  _ argc: UnsafeMutablePointer<CInt>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
  _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// SwiftPM links an executable's `main` to `<Target>_main`: hand over to libFuzzer.
@_cdecl("FuzzYear_main")
public func fuzzMain(
  _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> CInt {
  var count = argc
  var arguments = argv
  return runFuzzerDriver(&count, &arguments) { fuzzYear($0, $1) }
}
