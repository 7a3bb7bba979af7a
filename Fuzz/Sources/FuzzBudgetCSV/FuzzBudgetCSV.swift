import Foundation
import FuzzSupport
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

/// SwiftPM links this executable's `main` to `FuzzBudgetCSV_main`: libFuzzer takes over.
@_cdecl("FuzzBudgetCSV_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt
{
  fuzzerMain(argc, argv) { fuzzBudgetCSV($0, $1) }
}
