/// A calendar day, without time zone: what an assembly date is.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The year: 2019.
  public var year: Int
  /// The month, 1…12.
  public var month: Int
  /// The day of the month, 1…31.
  public var day: Int

  /// Creates a date; returns `nil` when the day does not exist (30 February).
  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month),
      (1...CalendarDate.daysIn(month: month, year: year)).contains(day)
    else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  /// Parses an ISO date, `YYYY-MM-DD`.
  public init?(iso text: String) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
    else { return nil }
    self.init(year: year, month: month, day: day)
  }

  /// The number of days in a month of a year (Gregorian calendar).
  public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Seconds from 1970-01-01T00:00:00Z to the start of this day (UTC).
  public var secondsSinceEpoch: Int64 {
    // Days from civil, after H. Hinnant's algorithm: exact integer arithmetic.
    let y = Int64(month <= 2 ? year - 1 : year)
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let m = Int64(month)
    let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return (era * 146_097 + dayOfEra - 719_468) * 86_400
  }

  /// The ISO form, `2019-06-14`.
  public var description: String {
    func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    return "\(year)-\(two(month))-\(two(day))"
  }

  /// Orders dates chronologically.
  public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }
}

/// Who publishes the documents.
public struct Organisation: Hashable, Sendable {
  /// The organisation's name: "CHANTIER école".
  public var name: String
  /// A one-line description, printed under the name on the cover.
  public var tagline: String?
  /// The postal address, one line an element: the letterhead of the convocations.
  public var address: [String] = []
  /// The sender of the convocations by e-mail (`From:`), an RFC 5321 address.
  public var email: String?
  /// A picture file, relative to the year's folder; not checked here.
  public var logo: String?
  /// Who signs the convocations.
  public var signatory: Signatory?

  /// Creates an organisation.
  public init(name: String, tagline: String? = nil) {
    self.name = name
    self.tagline = tagline
  }
}

/// The person who signs the convocations: "Claire Martin", "Présidente".
public struct Signatory: Hashable, Sendable {
  /// The person's name.
  public var name: String
  /// The role printed under the name.
  public var role: String?

  /// Creates a signatory.
  public init(name: String, role: String? = nil) {
    self.name = name
    self.role = role
  }
}

/// The general assembly a pack is prepared for.
public struct Assembly: Hashable, Sendable {
  /// The kind of assembly: "Assemblée générale ordinaire".
  public var kind: String?
  /// The day it is held.
  public var date: CalendarDate?
  /// Where it is held.
  public var place: String?
  /// The agenda (ordre du jour), one item a text, in order.
  public var agenda: [String]
  /// What the assembly votes, in order.
  public var resolutions: [Resolution]
  /// The time the meeting starts.
  public var time: ClockTime?
  /// The full address of the meeting, line breaks kept.
  public var address: String?
  /// How many days before the assembly the convocations must be dated (default 15).
  public var noticeDays: Int = Assembly.defaultNoticeDays
  /// The date the convocation letters carry.
  public var convenedOn: CalendarDate?
  /// The date by which proxies must reach the network.
  public var proxyDeadline: CalendarDate?
  /// The share of the members' votes that must be present or represented.
  public var quorum: Quorum?

  /// Creates an assembly.
  public init(
    kind: String? = nil, date: CalendarDate? = nil, place: String? = nil, agenda: [String] = [],
    resolutions: [Resolution] = []
  ) {
    self.kind = kind
    self.date = date
    self.place = place
    self.agenda = agenda
    self.resolutions = resolutions
  }
}

/// A resolution put to the assembly's vote.
public struct Resolution: Hashable, Sendable {
  /// Its title: "Approbation des comptes de l’exercice 2018".
  public var title: String
  /// What the assembly decides, as it will be read out.
  public var text: String

  /// Creates a resolution.
  public init(title: String, text: String) {
    self.title = title
    self.text = text
  }
}

/// The document's own texts.
public struct DocumentTexts: Hashable, Sendable {
  /// The document's title.
  public var title: String
  /// The introduction's main paragraph.
  public var summary: String?
  /// The year's priorities, printed as a bulleted list.
  public var priorities: [String]
  /// Notes printed in a shaded box.
  public var notes: [String]

  /// Creates the texts.
  public init(
    title: String, summary: String? = nil, priorities: [String] = [], notes: [String] = []
  ) {
    self.title = title
    self.summary = summary
    self.priorities = priorities
    self.notes = notes
  }
}

/// How an action stands in this year's plan.
public enum ActionStatus: String, CaseIterable, Hashable, Sendable {
  /// A new action.
  case new
  /// An action carried on as before.
  case maintained
  /// An action given more means.
  case reinforced
  /// An action moved to a later year.
  case postponed
  /// An action wanted but without funding.
  case unfunded
}

/// One action of the plan.
public struct Action: Hashable, Sendable {
  /// The action's name.
  public var title: String
  /// What it aims at.
  public var objective: String?
  /// Who leads it.
  public var lead: String?
  /// Its status this year.
  public var status: ActionStatus
  /// The money set aside for it.
  public var budget: Money
  /// When it happens, free text ("T1–T4").
  public var schedule: String?

  /// Creates an action.
  public init(
    title: String, objective: String? = nil, lead: String? = nil, status: ActionStatus,
    budget: Money, schedule: String? = nil
  ) {
    self.title = title
    self.objective = objective
    self.lead = lead
    self.status = status
    self.budget = budget
    self.schedule = schedule
  }
}

/// One axis of the action plan: a titled group of actions.
public struct Axis: Hashable, Sendable {
  /// A stable identifier, unique in the year file.
  public var id: String
  /// The axis's title.
  public var title: String
  /// Its actions, in order.
  public var actions: [Action]

  /// Creates an axis.
  public init(id: String, title: String, actions: [Action]) {
    self.id = id
    self.title = title
    self.actions = actions
  }

  /// The sum of the actions' budgets.
  public var total: Money { actions.map(\.budget).sum() }
}

/// One line of the provisional budget.
public struct BudgetLine: Hashable, Sendable {
  /// The chart-of-accounts number: "6571".
  public var account: String
  /// What the line is.
  public var label: String
  /// The amount budgeted.
  public var amount: Money
  /// Whether the money flows back to regional associations and actors.
  public var regional: Bool
  /// How the amount is spread over the year for prorating (`profile`): linear by default.
  public var profile: BudgetProfile

  /// Creates a budget line.
  public init(
    account: String, label: String, amount: Money, regional: Bool = false,
    profile: BudgetProfile = .linear
  ) {
    self.account = account
    self.label = label
    self.amount = amount
    self.regional = regional
    self.profile = profile
  }
}

/// The provisional budget: charges and products.
public struct Budget: Hashable, Sendable {
  /// The currency code; only "EUR" is supported.
  public var currency: String
  /// The total the assembly voted, when given: both sides must equal it.
  public var totalTarget: Money?
  /// Expense lines (class 6 accounts).
  public var charges: [BudgetLine]
  /// Income lines (class 7 accounts).
  public var products: [BudgetLine]

  /// Creates a budget.
  public init(
    currency: String = "EUR", totalTarget: Money? = nil, charges: [BudgetLine],
    products: [BudgetLine]
  ) {
    self.currency = currency
    self.totalTarget = totalTarget
    self.charges = charges
    self.products = products
  }

  /// The sum of the charges.
  public var chargesTotal: Money { charges.map(\.amount).sum() }
  /// The sum of the products.
  public var productsTotal: Money { products.map(\.amount).sum() }
  /// The sum of the charges marked regional.
  public var regionalTotal: Money { charges.filter(\.regional).map(\.amount).sum() }
  /// The regional share: regional charges over all charges.
  public var regionalShare: Share { Share(part: regionalTotal, of: chargesTotal) }
  /// Products minus charges: zero when balanced, positive for a surplus.
  public var balance: Money { productsTotal - chargesTotal }
  /// Whether charges equal products.
  public var isBalanced: Bool { balance == .zero }

  /// The ways the budget disagrees with itself or with the voted total.
  public var findings: [BudgetFinding] {
    var result: [BudgetFinding] = []
    if !isBalanced {
      result.append(.unbalanced(charges: chargesTotal, products: productsTotal))
    }
    if let target = totalTarget {
      if chargesTotal != target {
        result.append(.offTarget(side: .charges, total: chargesTotal, target: target))
      }
      if productsTotal != target {
        result.append(.offTarget(side: .products, total: productsTotal, target: target))
      }
    }
    return result
  }
}

/// One side of the budget.
public enum BudgetSide: String, Hashable, Sendable {
  /// Expenses.
  case charges
  /// Income.
  case products
}

/// Something wrong with the budget's figures that the assembly must be told about.
public enum BudgetFinding: Hashable, Sendable {
  /// Charges and products differ.
  case unbalanced(charges: Money, products: Money)
  /// One side does not equal the voted total.
  case offTarget(side: BudgetSide, total: Money, target: Money)
}

/// Everything a year file holds: the input of every document of that year.
public struct Year: Hashable, Sendable {
  /// Who publishes.
  public var organisation: Organisation
  /// The assembly the pack is for.
  public var assembly: Assembly
  /// The document's texts.
  public var document: DocumentTexts
  /// The action plan, in order.
  public var axes: [Axis]
  /// The provisional budget.
  public var budget: Budget
  /// The fiscal year the documents cover, when the year file says (`fiscal_year`).
  public var fiscalYear: FiscalYear?

  /// Creates a year.
  public init(
    organisation: Organisation, assembly: Assembly, document: DocumentTexts, axes: [Axis],
    budget: Budget, fiscalYear: FiscalYear? = nil
  ) {
    self.organisation = organisation
    self.assembly = assembly
    self.document = document
    self.axes = axes
    self.budget = budget
    self.fiscalYear = fiscalYear
  }

  /// The sum of every action's budget.
  public var actionsTotal: Money { axes.map(\.total).sum() }
  /// The number of actions over all axes.
  public var actionCount: Int { axes.map(\.actions.count).reduce(0, +) }
}

extension Year {
  /// Every text of the year with its field path, as the year file names it
  /// (`axes[0].actions[2].title`), for checks made after loading (fonts…).
  public var texts: [(field: String, text: String)] {
    var result: [(field: String, text: String)] = []
    forEachText { field, text in result.append((field(), text)) }
    return result
  }

  /// Calls `body` with every text of the year and its field path (``texts``), the
  /// path made only when `body` asks for it: a check that looks at every text of a
  /// year of 100 000 budget lines names only the ones it reports.
  public func forEachText(_ body: (_ field: () -> String, _ text: String) -> Void) {
    func add(_ field: @autoclosure () -> String, _ text: String?) {
      guard let text else { return }
      withoutActuallyEscaping(field) { field in body(field, text) }
    }
    add("organisation.name", organisation.name)
    add("organisation.tagline", organisation.tagline)
    for (index, line) in organisation.address.enumerated() {
      add("organisation.address[\(index)]", line)
    }
    add("organisation.signatory.name", organisation.signatory?.name)
    add("organisation.signatory.role", organisation.signatory?.role)
    add("assembly.address", assembly.address)
    add("assembly.kind", assembly.kind)
    add("assembly.place", assembly.place)
    for (index, item) in assembly.agenda.enumerated() { add("assembly.agenda[\(index)]", item) }
    for (index, resolution) in assembly.resolutions.enumerated() {
      add("assembly.resolutions[\(index)].title", resolution.title)
      add("assembly.resolutions[\(index)].text", resolution.text)
    }
    add("document.title", document.title)
    add("document.summary", document.summary)
    for (index, text) in document.priorities.enumerated() {
      add("document.priorities[\(index)]", text)
    }
    for (index, text) in document.notes.enumerated() { add("document.notes[\(index)]", text) }
    for (index, axis) in axes.enumerated() {
      add("axes[\(index)].title", axis.title)
      for (position, action) in axis.actions.enumerated() {
        func path() -> String { "axes[\(index)].actions[\(position)]" }
        add("\(path()).title", action.title)
        add("\(path()).objective", action.objective)
        add("\(path()).lead", action.lead)
        add("\(path()).schedule", action.schedule)
      }
    }
    for (side, lines) in [("charges", budget.charges), ("products", budget.products)] {
      for (index, line) in lines.enumerated() {
        add("budget.\(side)[\(index)].label", line.label)
        add("budget.\(side)[\(index)].account", line.account)
      }
    }
  }
}
