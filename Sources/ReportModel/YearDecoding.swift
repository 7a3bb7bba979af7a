import Yams

/// The year file's schema, as `DATA.md` names it, read through a ``NodeReader``.
struct YearDecoding {
  let reader: NodeReader

  func year(from root: Node) -> Year? {
    guard
      let map = reader.mapping(
        root, field: "",
        known: ["organisation", "assembly", "document", "axes", "budget", "fiscal_year"])
    else { return nil }
    let organisation = section(map, "organisation", root, required: true) {
      self.organisation($0, node: $1)
    }
    let assembly = section(map, "assembly", root, required: false) {
      self.assembly($0, node: $1)
    }
    let document = section(map, "document", root, required: true) {
      self.document($0, node: $1)
    }
    let axes = self.axes(map["axes"], parent: root)
    let budget = section(map, "budget", root, required: true) { self.budget($0, node: $1) }
    let fiscalYear = reader.fiscalYear(map["fiscal_year"])
    guard let organisation, let document, let axes, let budget, !fiscalYear.failed else {
      return nil
    }
    return Year(
      organisation: organisation, assembly: assembly ?? Assembly(), document: document,
      axes: axes, budget: budget, fiscalYear: fiscalYear.0)
  }

  private func section<T>(
    _ map: [String: Node], _ key: String, _ parent: Node, required: Bool,
    _ read: ([String: Node], Node) -> T?
  ) -> T? {
    guard let node = map[key], !reader.isNull(node) else {
      if required {
        reader.report(
          parent, key, tr("missing required section"), hint: tr("add a `%1:` section", key))
      }
      return nil
    }
    let known: [String]
    switch key {
    case "organisation": known = ["name", "tagline"] + Self.organisationConvocationKeys
    case "assembly":
      known = ["kind", "date", "place", "agenda", "resolutions"] + Self.assemblyConvocationKeys
    case "document": known = ["title", "summary", "priorities", "notes"]
    default: known = ["currency", "total_target", "charges", "products"]
    }
    guard let inner = reader.mapping(node, field: key, known: known) else { return nil }
    reader.record(key, node)
    return read(inner, node)
  }

  private func organisation(_ map: [String: Node], node: Node) -> Organisation? {
    let name = reader.string(map, "name", parent: node, field: "organisation", required: true)
    let tagline = reader.string(
      map, "tagline", parent: node, field: "organisation", required: false)
    var organisation = name.map { Organisation(name: $0, tagline: tagline) }
    readConvocationFields(map, node: node, into: &organisation)
    return organisation
  }

  private func assembly(_ map: [String: Node], node: Node) -> Assembly? {
    var date: CalendarDate?
    if let text = reader.string(map, "date", parent: node, field: "assembly", required: false) {
      date = CalendarDate(iso: text)
      if date == nil {
        reader.report(
          map["date"], "assembly.date", tr("`%1` is not a date", text.prefix(40)),
          hint: tr("write it as YYYY-MM-DD, e.g. 2019-06-14"))
      }
    }
    var assembly = Assembly(
      kind: reader.string(map, "kind", parent: node, field: "assembly", required: false),
      date: date,
      place: reader.string(map, "place", parent: node, field: "assembly", required: false),
      agenda: reader.strings(map, "agenda", field: "assembly"),
      resolutions: resolutions(map["resolutions"]))
    readConvocationFields(map, node: node, into: &assembly)
    return assembly
  }

  /// `assembly.resolutions[]`: a title and a text each, both required.
  private func resolutions(_ node: Node?) -> [Resolution] {
    guard let node, !reader.isNull(node),
      let items = reader.sequence(node, field: "assembly.resolutions")
    else { return [] }
    return items.enumerated().compactMap { index, item in
      let field = "assembly.resolutions[\(index)]"
      guard let map = reader.mapping(item, field: field, known: ["title", "text"]) else {
        return nil
      }
      let title = reader.string(map, "title", parent: item, field: field, required: true)
      reader.name(field, title)
      let text = reader.string(map, "text", parent: item, field: field, required: true)
      guard let title, let text else { return nil }
      return Resolution(title: title, text: text)
    }
  }

  private func document(_ map: [String: Node], node: Node) -> DocumentTexts? {
    let title = reader.string(map, "title", parent: node, field: "document", required: true)
    let summary = reader.string(map, "summary", parent: node, field: "document", required: false)
    let priorities = reader.strings(map, "priorities", field: "document")
    let notes = reader.strings(map, "notes", field: "document")
    return title.map {
      DocumentTexts(title: $0, summary: summary, priorities: priorities, notes: notes)
    }
  }

  private func axes(_ node: Node?, parent: Node) -> [Axis]? {
    guard let node, !reader.isNull(node) else {
      reader.report(
        parent, "axes", tr("missing required list"), hint: tr("add `axes:` with at least one axis"))
      return nil
    }
    guard let items = reader.sequence(node, field: "axes") else { return nil }
    guard !items.isEmpty else {
      reader.report(node, "axes", tr("the action plan needs at least one axis"))
      return nil
    }
    var result: [Axis] = []
    var seen: [String: Int] = [:]
    var failed = false
    for (index, item) in items.enumerated() {
      let field = "axes[\(index)]"
      guard let map = reader.mapping(item, field: field, known: ["id", "title", "actions"]) else {
        failed = true
        continue
      }
      let id = reader.string(map, "id", parent: item, field: field, required: true)
      let title = reader.string(map, "title", parent: item, field: field, required: true)
      reader.name(field, title)
      if let id {
        if let first = seen[id] {
          reader.report(
            map["id"], "\(field).id", tr("duplicate axis id `%1`", id),
            hint: tr("axes[%1] already uses it; ids must be unique", first))
          failed = true
        }
        seen[id] = seen[id] ?? index
      }
      let actions = self.actions(map["actions"], parent: item, field: field)
      guard let id, let title, let actions else {
        failed = true
        continue
      }
      result.append(Axis(id: id, title: title, actions: actions))
    }
    return failed ? nil : result
  }

  private func actions(_ node: Node?, parent: Node, field: String) -> [Action]? {
    guard let node, !reader.isNull(node) else { return [] }
    guard let items = reader.sequence(node, field: "\(field).actions") else { return nil }
    var result: [Action] = []
    var failed = false
    let known = ["title", "objective", "lead", "status", "budget", "schedule"]
    for (index, item) in items.enumerated() {
      let path = "\(field).actions[\(index)]"
      guard let map = reader.mapping(item, field: path, known: known) else {
        failed = true
        continue
      }
      let title = reader.string(map, "title", parent: item, field: path, required: true)
      reader.name(path, title)
      let statusText = reader.string(map, "status", parent: item, field: path, required: true)
      var status: ActionStatus?
      if let statusText {
        status = FrenchWords.status(statusText)
        if status == nil {
          let names = ActionStatus.allCases.map(\.rawValue)
          let guess = FrenchWords.closest(to: statusText, among: FrenchWords.statusWords)
          let known = tr(
            "one of: %1 (or as printed: nouveau, maintenu, renforcé, reporté, non financé)",
            names.joined(separator: ", "))
          reader.report(
            map["status"], "\(path).status", tr("unknown status `%1`", statusText.prefix(40)),
            hint: (guess.map { tr("did you mean `%1`? ", $0) } ?? "") + known)
        }
      }
      let budget = reader.money(map, "budget", parent: item, field: path, required: true)
      let objective = reader.string(map, "objective", parent: item, field: path, required: false)
      let lead = reader.string(map, "lead", parent: item, field: path, required: false)
      let schedule = reader.string(map, "schedule", parent: item, field: path, required: false)
      guard let title, let status, let budget else {
        failed = true
        continue
      }
      result.append(
        Action(
          title: title, objective: objective, lead: lead, status: status, budget: budget,
          schedule: schedule))
    }
    return failed ? nil : result
  }

  private func budget(_ map: [String: Node], node: Node) -> Budget? {
    let currency =
      reader.string(map, "currency", parent: node, field: "budget", required: false) ?? "EUR"
    if currency != "EUR" {
      reader.report(
        map["currency"], "budget.currency",
        tr("only EUR is supported, found `%1`", currency.prefix(10)))
    }
    let target = reader.money(map, "total_target", parent: node, field: "budget", required: false)
    let charges = lines(map["charges"], parent: node, field: "budget.charges")
    let products = lines(map["products"], parent: node, field: "budget.products")
    guard let charges, let products, currency == "EUR" else { return nil }
    return Budget(currency: currency, totalTarget: target, charges: charges, products: products)
  }

  private func lines(_ node: Node?, parent: Node, field: String) -> [BudgetLine]? {
    guard let node, !reader.isNull(node) else {
      reader.report(
        parent, field, tr("missing required list"), hint: tr("add at least one budget line"))
      return nil
    }
    guard let items = reader.sequence(node, field: field) else { return nil }
    var result: [BudgetLine] = []
    var failed = false
    for (index, item) in items.enumerated() {
      let path = "\(field)[\(index)]"
      guard
        let map = reader.mapping(
          item, field: path, known: ["account", "label", "amount", "regional", "profile"])
      else {
        failed = true
        continue
      }
      let account = reader.string(map, "account", parent: item, field: path, required: true)
      let label = reader.string(map, "label", parent: item, field: path, required: true)
      reader.name(path, label)
      let amount = reader.money(map, "amount", parent: item, field: path, required: true)
      let regional = reader.bool(map, "regional", field: path) ?? false
      let profile = reader.profile(map["profile"], field: path)
      if let account, !account.allSatisfy({ $0.isASCII && $0.isNumber }) {
        reader.report(
          map["account"], "\(path).account",
          tr("`%1` is not an account number", account.prefix(20)),
          hint: tr("write the plan comptable number in quotes, e.g. \"6571\""))
        failed = true
        continue
      }
      guard let account, let label, let amount, let profile else {
        failed = true
        continue
      }
      result.append(
        BudgetLine(
          account: account, label: label, amount: amount, regional: regional, profile: profile))
    }
    return failed ? nil : result
  }
}
