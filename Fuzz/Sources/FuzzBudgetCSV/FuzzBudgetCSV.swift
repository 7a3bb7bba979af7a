import Foundation
import ReportModel

/// libFuzzer's entry: any bytes as a budget spreadsheet load or fail with problems.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBudgetCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  do {
    let loaded = try BudgetCSVLoader().load(data: Data(bytes: data, count: size), path: "fuzz.csv")
    precondition((loaded.charges + loaded.products).allSatisfy { $0.amount >= .zero })
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
@_cdecl("FuzzBudgetCSV_main")
public func fuzzMain(
  _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> CInt {
  var count = argc
  var arguments = argv
  return runFuzzerDriver(&count, &arguments) { fuzzBudgetCSV($0, $1) }
}
