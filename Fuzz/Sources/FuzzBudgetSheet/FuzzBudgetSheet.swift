import Foundation
import FuzzSupport
import ReportModel

/// libFuzzer's entry: any bytes as a budget `.xlsx` or `.ods` load or fail with problems.
///
/// The corpus to start from is the spreadsheets of `Tests/Fixtures/accounting/`; the
/// first byte chooses the kind, so that both readers see every input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBudgetSheet(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Data(bytes: data, count: size)
  for name in ["fuzz.xlsx", "fuzz.ods"] {
    do {
      let loaded = try BudgetSpreadsheetLoader().load(data: bytes, path: name)
      precondition((loaded.charges + loaded.products).allSatisfy { $0.amount >= .zero })
      precondition(!(loaded.charges + loaded.products).isEmpty, "a read budget has lines")
    } catch {
      precondition(!error.problems.isEmpty, "a refused file must say why")
      precondition(error.problems.allSatisfy { $0.hint != nil }, "every problem says what to do")
    }
  }
  return 0
}

/// SwiftPM links this executable's `main` to `FuzzBudgetSheet_main`: libFuzzer takes over.
@_cdecl("FuzzBudgetSheet_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt
{
  fuzzerMain(argc, argv) { fuzzBudgetSheet($0, $1) }
}
