import Foundation
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

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
  _ argc: UnsafeMutablePointer<CInt>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
  _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// SwiftPM links an executable's `main` to `<Target>_main`: hand over to libFuzzer.
@_cdecl("FuzzFEC_main")
public func fuzzMain(
  _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> CInt {
  var count = argc
  var arguments = argv
  return runFuzzerDriver(&count, &arguments) { fuzzFEC($0, $1) }
}
