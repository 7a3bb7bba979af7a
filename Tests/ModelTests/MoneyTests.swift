import Testing

@testable import ReportModel

/// The French number style the templates describe, written out for the tests.
let french = NumberStyle(
  groupSeparator: "\u{202F}", decimalSeparator: ",", currencySpacing: "\u{00A0}",
  currencySymbol: "€", percentSuffix: "\u{00A0}%",
  monthNames: [
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre",
  ])

@Suite struct MoneyTests {
  @Test func parsesWholeAndDecimalAmounts() {
    #expect(Money.parse("48000")?.cents == 4_800_000)
    #expect(Money.parse("12.5")?.cents == 1250)
    #expect(Money.parse("12,05")?.cents == 1205)
    #expect(Money.parse(" 7 ")?.cents == 700)
    #expect(Money.parse("-3.10")?.cents == -310)
  }

  @Test func refusesWhatIsNotAnExactAmount() {
    #expect(Money.parse("1.234") == nil)  // three decimals
    #expect(Money.parse("12a") == nil)
    #expect(Money.parse("") == nil)
    #expect(Money.parse("1.2.3") == nil)
    #expect(Money.parse("1e5") == nil)
    #expect(Money.parse("10000000000000") == nil)  // above Money.maximum
    #expect(Money.parse("٣") == nil)  // a non-ASCII digit
  }

  @Test func decimalArithmeticIsExact() {
    let sum = [Money.parse("0.1"), Money.parse("0.2")].compactMap { $0 }.sum()
    #expect(sum == Money(cents: 30))
    #expect(sum.description == "0.30")
  }

  @Test func formatsMoneyTheFrenchWay() {
    let text = french.money(Money(units: 1_620_000))
    // Compared scalar by scalar: U+202F between thousands, U+00A0 before the euro sign.
    #expect(Array(text.unicodeScalars) == Array("1\u{202F}620\u{202F}000\u{00A0}€".unicodeScalars))
    #expect(french.money(Money(units: 999)) == "999\u{00A0}€")
    #expect(french.money(Money(cents: 1250)) == "12,50\u{00A0}€")
    #expect(french.money(Money(cents: 100_005)) == "1\u{202F}000,05\u{00A0}€")
    #expect(french.money(Money(cents: -123_456_789)) == "-1\u{202F}234\u{202F}567,89\u{00A0}€")
    #expect(french.money(.zero) == "0\u{00A0}€")
    // In a column where other amounts have cents, every amount shows them.
    #expect(french.money(Money(units: 190_000), alwaysCents: true) == "190\u{202F}000,00\u{00A0}€")
  }

  @Test func formatsPercentagesAndDates() {
    #expect(french.percent(32) == "32\u{00A0}%")
    #expect(
      french.longDate(CalendarDate(year: 2019, month: 6, day: 14)!) == "14\u{00A0}juin\u{00A0}2019")
    #expect(
      french.longDate(CalendarDate(year: 2020, month: 2, day: 29)!)
        == "29\u{00A0}février\u{00A0}2020")
  }

  @Test func sharesRoundToPercentagesThatAddUpTo100() {
    let share = Share(part: Money(units: 518_400), of: Money(units: 1_620_000))
    #expect(share.roundedPercent == 32)
    #expect(share.fraction == 0.32)
    #expect(Share.percentages(of: [Money(units: 518_400), Money(units: 1_101_600)]) == [32, 68])
    // 1/3 each: 33 + 33 + 34, never 99.
    let thirds = Share.percentages(of: [Money(units: 1), Money(units: 1), Money(units: 1)])
    #expect(thirds.reduce(0, +) == 100)
    #expect(Share.percentages(of: [.zero, .zero]) == [0, 0])
  }

  @Test func calendarDatesAreCheckedAndConverted() {
    #expect(CalendarDate(iso: "2019-06-14")?.secondsSinceEpoch == 1_560_470_400)
    #expect(CalendarDate(iso: "1970-01-01")?.secondsSinceEpoch == 0)
    #expect(CalendarDate(iso: "2019-02-29") == nil)
    #expect(CalendarDate(iso: "2019-6-14") == nil)
    #expect(CalendarDate(iso: "14/06/2019") == nil)
  }
}

/// One rule for every amount a person writes, in the year file and the spreadsheet.
@Suite struct WrittenAmountTests {
  func cents(_ text: String) -> Int64? {
    guard case .amount(let money) = WrittenAmount.read(text) else { return nil }
    return money.cents
  }

  @Test func acceptsWhatAFrenchUserWrites() {
    #expect(cents("12 000") == 1_200_000)
    #expect(cents("12 000,50 €") == 1_200_050)
    #expect(cents("12000.50") == 1_200_050)
    #expect(cents("12000,50") == 1_200_050)
    #expect(cents("12\u{00A0}000,5") == 1_200_050)
    #expect(cents("12\u{202F}000€") == 1_200_000)
    #expect(cents("1 620 000") == 162_000_000)
  }

  @Test func refusesWhatIsAmbiguousWithBothReadings() {
    #expect(
      WrittenAmount.read("12.000") == .ambiguous(thousands: Money(units: 12_000), decimal: "12,000")
    )
    #expect(
      WrittenAmount.read("12,000") == .ambiguous(thousands: Money(units: 12_000), decimal: "12,000")
    )
    #expect(WrittenAmount.read("12.000,50") == .invalid)
    #expect(WrittenAmount.read("12,000.50") == .invalid)
    #expect(WrittenAmount.read("12 00") == .invalid)
    #expect(WrittenAmount.read("1.2345") == .invalid)
  }

  /// The bytes' reading of YAML-style numbers gives what the characters' reading gives,
  /// and leaves every other form to it.
  @Test func thePlainReadingAgreesWithTheReadingByCharacters() {
    var texts = [
      "0", "7", "-7", "007", "438400", "1234.5", "1234.56", "-1234.56", "12.000", "1.2345",
      "1234.", ".5", "-", "", "-.5", "1..2", "12,50", "12 000", " 12", "12 ", "1234567890123456",
      "123456789012345", "123456789012345.99", "--1", "1-2", "+5", "1e3", "12€", "١٢",
    ]
    // Every string of up to 4 of these characters.
    let alphabet: [Character] = ["1", "0", ".", "-", ",", " ", "€"]
    var level = [""]
    for _ in 1...4 {
      level = level.flatMap { prefix in alphabet.map { prefix + String($0) } }
      texts += level
    }
    for text in texts {
      let slow = WrittenAmount.readByCharacters(text)
      if let plain = WrittenAmount.plainAmount(text) {
        #expect(plain == slow, "\(text)")
      }
      #expect(WrittenAmount.read(text) == slow, "\(text)")
    }
    #expect(WrittenAmount.plainAmount("438400") == .amount(Money(units: 438_400)))
    #expect(WrittenAmount.plainAmount("12 000") == nil)
  }
}
