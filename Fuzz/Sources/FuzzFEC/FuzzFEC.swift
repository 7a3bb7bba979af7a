import Foundation
import FuzzSupport
import ReportModel

/// libFuzzer's entry: any bytes as an accounting export read or fail with problems,
/// and what is read adds up (debits equal credits: every entry balances).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFEC(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  do {
    let ledger = try FECReader(fiscalYear: 2019).read(
      data: Data(bytes: data, count: size), path: "fuzz.txt")
    let debits = ledger.accounts.map(\.totals.totalDebit).sum()
    let credits = ledger.accounts.map(\.totals.totalCredit).sum()
    precondition(debits == credits, "a read export balances")
  } catch {
    precondition(!error.problems.isEmpty, "a refused file must say why")
  }
  return 0
}

/// SwiftPM links this executable's `main` to `FuzzFEC_main`: libFuzzer takes over.
@_cdecl("FuzzFEC_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt
{
  fuzzerMain(argc, argv) { fuzzFEC($0, $1) }
}
