// The FEC benchmark: generates a large FEC file and measures parsing and aggregation.
//
//   swift run -c release --scratch-path .build-fec fec-bench [lines]
//
// Writes a FEC of one million lines (balanced entries over 2019, realistic accounts) to a
// temporary folder, reads it three times with FECReader, and prints the median time,
// the lines per second and the peak resident memory (getrusage's ru_maxrss); then once
// more with the ledger consumer keeping every class 6 and 7 line beside the totals.
import Foundation
import ReportModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A small deterministic random generator (SplitMix64), so every run writes the same file.
struct Random {
  var state: UInt64

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var value = state
    value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
    value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
    return value ^ (value >> 31)
  }

  mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

/// Writes a FEC through a 1 MB buffer, so that generating it takes little memory.
final class FECWriter {
  private let file: UnsafeMutablePointer<FILE>
  private var buffer: [UInt8] = []
  private(set) var lines = 0

  init?(path: String) {
    guard let file = fopen(path, "wb") else { return nil }
    self.file = file
    buffer.reserveCapacity(1 << 20 + 4096)
  }

  func text(_ value: String) { buffer.append(contentsOf: value.utf8) }
  func byte(_ value: UInt8) { buffer.append(value) }
  func tab() { buffer.append(0x09) }

  func number(_ value: Int, width: Int = 0) {
    var digits: [UInt8] = []
    var rest = value
    repeat {
      digits.append(UInt8(0x30 + rest % 10))
      rest /= 10
    } while rest > 0
    while digits.count < width { digits.append(0x30) }
    buffer.append(contentsOf: digits.reversed())
  }

  func amount(_ cents: Int) {
    number(cents / 100)
    byte(0x2C)
    number(cents % 100, width: 2)
  }

  func endLine() {
    buffer.append(0x0A)
    lines += 1
    if buffer.count >= 1 << 20 { flush() }
  }

  func flush() {
    _ = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
    buffer.removeAll(keepingCapacity: true)
  }

  func close() {
    flush()
    fclose(file)
  }
}

/// One general account of the generated file.
struct Account {
  let number: String
  let label: String
}

let charges = [
  Account(number: "606400", label: "Fournitures administratives"),
  Account(number: "606100", label: "Fournitures non stockables (eau, énergie)"),
  Account(number: "613200", label: "Locations immobilières"),
  Account(number: "615600", label: "Maintenance"),
  Account(number: "622600", label: "Honoraires"),
  Account(number: "625100", label: "Voyages et déplacements"),
  Account(number: "625700", label: "Réceptions"),
  Account(number: "626000", label: "Frais postaux et de télécommunications"),
  Account(number: "631100", label: "Taxe sur les salaires"),
  Account(number: "641100", label: "Salaires, appointements"),
  Account(number: "645100", label: "Cotisations à l’URSSAF"),
  Account(number: "658100", label: "Cotisations"),
  Account(number: "661100", label: "Intérêts des emprunts"),
  Account(number: "671200", label: "Pénalités, amendes fiscales et pénales"),
  Account(number: "681100", label: "Dotations aux amortissements des immobilisations"),
]
let products = [
  Account(number: "706000", label: "Prestations de services"),
  Account(number: "741000", label: "Subventions d’exploitation de l’État"),
  Account(number: "742000", label: "Fonds social européen"),
  Account(number: "743000", label: "Subventions des Régions"),
  Account(number: "746000", label: "Dons des fondations et partenaires privés"),
  Account(number: "756000", label: "Cotisations"),
  Account(number: "758000", label: "Produits divers de gestion courante"),
  Account(number: "768000", label: "Autres produits financiers"),
]
let regions = [
  ("ARA", "Chantier école Auvergne-Rhône-Alpes"), ("BFC", "Chantier école Bourgogne-Franche-Comté"),
  ("BRE", "Chantier école Bretagne"), ("GES", "Chantier école Grand Est"),
  ("HDF", "Chantier école Hauts-de-France"), ("IDF", "Chantier école Île-de-France"),
  ("NAQ", "Chantier école Nouvelle-Aquitaine"), ("NOR", "Chantier école Normandie"),
  ("OCC", "Chantier école Occitanie"), ("PAC", "Chantier école Provence-Alpes-Côte d’Azur"),
  ("PDL", "Chantier école Pays de la Loire"),
]
let bank = Account(number: "512000", label: "Banque Crédit coopératif")
let suppliers = Account(number: "401000", label: "Fournisseurs")
let clients = Account(number: "411000", label: "Clients")
let header = FECColumn.allCases.map(\.name).joined(separator: "\t") + "\n"

/// Writes one entry line.
func line(
  _ out: FECWriter, journal: String, journalLabel: String, number: Int, date: Int,
  account: Account, auxiliary: (String, String)?, label: String, debit: Int, credit: Int
) {
  out.text(journal)
  out.tab()
  out.text(journalLabel)
  out.tab()
  out.text(journal)
  out.number(number, width: 7)
  out.tab()
  out.number(date)
  out.tab()
  out.text(account.number)
  out.tab()
  out.text(account.label)
  out.tab()
  if let auxiliary { out.text(auxiliary.0) }
  out.tab()
  if let auxiliary { out.text(auxiliary.1) }
  out.tab()
  out.text("P")
  out.number(number, width: 7)
  out.tab()
  out.number(date)
  out.tab()
  out.text(label)
  out.tab()
  out.amount(debit)
  out.tab()
  out.amount(credit)
  out.tab()
  out.tab()
  out.tab()
  out.number(date)
  out.tab()
  out.tab()
  out.endLine()
}

/// Writes a FEC of about `target` lines: balanced entries of two to four lines.
func generate(path: String, lines target: Int) -> Int {
  guard let out = FECWriter(path: path) else {
    print("cannot write \(path)")
    exit(1)
  }
  out.text(header)
  var random = Random(state: 2019)
  var number = 0
  while out.lines < target {
    number += 1
    let month = 1 + random.below(12)
    let day = 1 + random.below(CalendarDate.daysIn(month: month, year: 2019))
    let date = 2019_00_00 + month * 100 + day
    let amount = 100 + random.below(500_000)
    switch random.below(4) {
    case 0:
      // A supplier invoice split over two charge accounts.
      let first = charges[random.below(charges.count)]
      let second = charges[random.below(charges.count)]
      let part = amount / 3
      line(
        out, journal: "AC", journalLabel: "Achats", number: number, date: date, account: first,
        auxiliary: nil, label: "Facture fournisseur", debit: part, credit: 0)
      line(
        out, journal: "AC", journalLabel: "Achats", number: number, date: date, account: second,
        auxiliary: nil, label: "Facture fournisseur", debit: amount - part, credit: 0)
      line(
        out, journal: "AC", journalLabel: "Achats", number: number, date: date,
        account: suppliers, auxiliary: ("F0001", "Bureau Fournitures SARL"),
        label: "Facture fournisseur", debit: 0, credit: amount)
    case 1:
      // A payment to a regional association.
      let region = regions[random.below(regions.count)]
      let account = Account(
        number: random.below(3) == 0 ? "657200" : "657100",
        label: "Reversements aux associations régionales")
      line(
        out, journal: "BQ", journalLabel: "Banque", number: number, date: date,
        account: account, auxiliary: region, label: "Reversement \(region.0)", debit: amount,
        credit: 0)
      line(
        out, journal: "BQ", journalLabel: "Banque", number: number, date: date, account: bank,
        auxiliary: nil, label: "Reversement \(region.0)", debit: 0, credit: amount)
    case 2:
      // A sale or a grant.
      let product = products[random.below(products.count)]
      line(
        out, journal: "VT", journalLabel: "Ventes", number: number, date: date,
        account: clients, auxiliary: ("C0001", "OPCO Uniformation"), label: "Facture client",
        debit: amount, credit: 0)
      line(
        out, journal: "VT", journalLabel: "Ventes", number: number, date: date,
        account: product, auxiliary: nil, label: "Facture client", debit: 0, credit: amount)
    default:
      // A bank charge with a partial refund line: four lines.
      let charge = charges[random.below(charges.count)]
      let refund = amount / 10
      line(
        out, journal: "OD", journalLabel: "Opérations diverses", number: number, date: date,
        account: charge, auxiliary: nil, label: "Régularisation", debit: amount, credit: 0)
      line(
        out, journal: "OD", journalLabel: "Opérations diverses", number: number, date: date,
        account: charge, auxiliary: nil, label: "Régularisation", debit: 0, credit: refund)
      line(
        out, journal: "OD", journalLabel: "Opérations diverses", number: number, date: date,
        account: bank, auxiliary: nil, label: "Régularisation", debit: refund, credit: 0)
      line(
        out, journal: "OD", journalLabel: "Opérations diverses", number: number, date: date,
        account: bank, auxiliary: nil, label: "Régularisation", debit: 0, credit: amount)
    }
  }
  out.close()
  return out.lines
}

/// The peak resident memory getrusage reports (ru_maxrss), in MB.
///
/// On Linux this figure survives `execve`: under `swift run`, it includes the memory of
/// the `swift run` driver that started this program. See ``highWaterMegabytes()``.
func peakMegabytes() -> Double {
  var usage = rusage()
  #if canImport(Darwin)
    getrusage(RUSAGE_SELF, &usage)
    return Double(usage.ru_maxrss) / 1_048_576  // bytes on macOS
  #else
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024  // kilobytes on Linux
  #endif
}

/// This process's own peak resident memory in MB (Linux `VmHWM`), or `nil` elsewhere.
func highWaterMegabytes() -> Double? {
  guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
    let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
    let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) })
  else { return nil }
  return kilobytes / 1024
}

/// Both peak memory figures, for printing.
func memoryText() -> String {
  var text = String(format: "%.1f MB (ru_maxrss)", peakMegabytes())
  if let own = highWaterMegabytes() { text += String(format: ", %.1f MB (VmHWM)", own) }
  return text
}

func seconds(_ duration: Duration) -> Double {
  Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

// `fec-bench --write N FILE`: only write the generated FEC of about N lines (for timing
// `report generate --ledger` or `--accounts` on it, scripts/bench.sh).
if CommandLine.arguments.count == 4, CommandLine.arguments[1] == "--write",
  let lines = Int(CommandLine.arguments[2])
{
  let written = generate(path: CommandLine.arguments[3], lines: lines)
  print("wrote \(written) lines to \(CommandLine.arguments[3])")
  exit(0)
}
let target = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 1_000_000
let folder = NSTemporaryDirectory() + "/fec-bench-\(UUID().uuidString)"
do {
  try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
} catch {
  print("cannot create \(folder): \(error)")
  exit(1)
}
defer { try? FileManager.default.removeItem(atPath: folder) }
let path = folder + "/fec.txt"
let clock = ContinuousClock()
let generationStart = clock.now
let written = generate(path: path, lines: target)
let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
print(
  "generated \(written) lines (\(size / 1_000_000) MB) in "
    + String(format: "%.2f s", seconds(clock.now - generationStart))
    + ", peak memory so far " + memoryText())

guard let budget2019 = YearMonth(year: 2019, month: 6) else { exit(1) }
let budget = Budget(
  charges: [
    BudgetLine(account: "60", label: "Achats", amount: Money(units: 48_000)),
    BudgetLine(account: "61", label: "Services extérieurs", amount: Money(units: 96_000)),
    BudgetLine(account: "62", label: "Autres services extérieurs", amount: Money(units: 214_600)),
    BudgetLine(account: "63", label: "Impôts et taxes", amount: Money(units: 32_000)),
    BudgetLine(account: "64", label: "Charges de personnel", amount: Money(units: 653_000)),
    BudgetLine(account: "65", label: "Autres charges", amount: Money(units: 38_000)),
    BudgetLine(
      account: "6571", label: "Reversements", amount: Money(units: 438_400), regional: true),
    BudgetLine(account: "6572", label: "Actions", amount: Money(units: 80_000), regional: true),
    BudgetLine(account: "66", label: "Charges financières", amount: Money(units: 2_000)),
    BudgetLine(account: "68", label: "Dotations", amount: Money(units: 18_000)),
  ],
  products: [
    BudgetLine(account: "706", label: "Prestations", amount: Money(units: 412_000)),
    BudgetLine(account: "74", label: "Subventions", amount: Money(units: 966_000)),
    BudgetLine(account: "756", label: "Cotisations", amount: Money(units: 186_000)),
    BudgetLine(account: "758", label: "Autres produits", amount: Money(units: 28_000)),
  ])

var times: [Double] = []
var summary: LedgerSummary?
for run in 1...3 {
  let start = clock.now
  do {
    summary = try FECReader().read(path: path)
  } catch {
    print(error.report(limit: 10))
    exit(1)
  }
  let elapsed = seconds(clock.now - start)
  times.append(elapsed)
  print(String(format: "run %d: %.3f s", run, elapsed))
}
let median = times.sorted()[1]
guard let summary else { exit(1) }

let executionStart = clock.now
let execution = summary.execution(of: budget, through: budget2019)
let executionTime = seconds(clock.now - executionStart)
print(
  "read \(summary.lineCount) lines, \(summary.entryCount) entries, "
    + "\(summary.accounts.count) accounts, \(summary.beneficiaries.count) beneficiaries")
print(
  "execution to \(budget2019): charges \(execution.chargesActual), products "
    + "\(execution.productsActual), off budget \(execution.offBudgetCharges.count) account(s)"
    + String(format: " (%.1f ms)", executionTime * 1000))
print(String(format: "parse + aggregate, median of 3: %.3f s", median))
print(String(format: "lines per second: %.0f", Double(summary.lineCount) / median))
print(String(format: "throughput: %.0f MB/s", Double(size) / 1_000_000 / median))
print("peak memory: " + memoryText())
if let own = highWaterMegabytes(), peakMegabytes() > own + 1 {
  print(
    "  (ru_maxrss survives exec on Linux: it includes the `swift run` driver that started"
      + " this process; VmHWM is this process's own peak)")
}

// The same file through two consumers at once: the totals and the ledger of classes 6
// and 7 (every line of those accounts kept, as a general ledger needs).
let ledgerStart = clock.now
let ledgerLines: Int
do {
  ledgerLines = try FECReader().read(path: path, keepingLinesOf: ["6", "7"]).lines.count
} catch {
  print(error.report(limit: 10))
  exit(1)
}
let ledgerTime = seconds(clock.now - ledgerStart)
print(
  String(
    format: "parse + aggregate + ledger of classes 6 and 7 (%d lines kept), once: %.3f s",
    ledgerLines, ledgerTime))
print("peak memory with the ledger: " + memoryText())
