import Foundation
import FuzzSupport
import ReportModel

/// libFuzzer's entry: any bytes as an accounting export read or fail with problems,
/// and what is read adds up (debits equal credits: every entry balances), the same
/// through the totals and through the ledger that keeps every line.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFEC(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Data(bytes: data, count: size)
  do {
    let (ledger, lines) = try FECReader(fiscalYear: 2019).read(
      data: bytes, path: "fuzz.txt", keepingLinesOf: [])
    let debits = ledger.accounts.map(\.totals.totalDebit).sum()
    let credits = ledger.accounts.map(\.totals.totalCredit).sum()
    precondition(debits == credits, "a read export balances")
    precondition(lines.map(\.debit).sum() == debits, "the ledger holds every line")
    precondition(lines.map(\.credit).sum() == credits, "the ledger holds every line")
    precondition(lines.count == ledger.lineCount, "every line is an entry line")
  } catch {
    precondition(!error.problems.isEmpty, "a refused file must say why")
  }
  // The name's closing date decides the fiscal year: never a crash either.
  let name = "123456789FEC20190831.txt"
  let named = FECReader(rule: .rule(fiscalYear: nil, file: name, year: 2019), requestedYear: 2019)
  if let summary = try? named.read(data: bytes, path: name), let year = summary.period {
    precondition(summary.accounts.allSatisfy { $0.totals.count == year.monthCount })
  }
  return 0
}

/// SwiftPM links this executable's `main` to `FuzzFEC_main`: libFuzzer takes over.
@_cdecl("FuzzFEC_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt
{
  fuzzerMain(argc, argv) { fuzzFEC($0, $1) }
}
