import Yams

/// The year file's fields for the convocations: `organisation.address`, `.email`,
/// `.logo`, `.signatory` and `assembly.time`, `.address`, `.notice_days`,
/// `.convened_on`, `.proxy_deadline`, `.quorum` (contract in `DATA.md`).
extension YearDecoding {
  /// The organisation's keys read here.
  static let organisationConvocationKeys = ["address", "email", "logo", "signatory"]
  /// The assembly's keys read here.
  static let assemblyConvocationKeys = [
    "time", "address", "notice_days", "convened_on", "proxy_deadline", "quorum",
  ]

  /// Reads the organisation's convocation fields into `organisation` (when it was read).
  func readConvocationFields(
    _ map: [String: Node], node: Node, into organisation: inout Organisation?
  ) {
    let address = lines(map["address"], path: "organisation.address")
    var email: String?
    if let text = reader.string(map, "email", parent: node, field: "organisation", required: false)
    {
      if let problem = EmailAddress.problem(in: text) {
        reader.report(
          map["email"], "organisation.email", problem.message, hint: problem.hint)
      } else {
        email = text
      }
    }
    let logo = reader.string(map, "logo", parent: node, field: "organisation", required: false)
    var signatory: Signatory?
    if let node = map["signatory"], !reader.isNull(node),
      let inner = reader.mapping(node, field: "organisation.signatory", known: ["name", "role"])
    {
      let name = reader.string(
        inner, "name", parent: node, field: "organisation.signatory", required: true)
      let role = reader.string(
        inner, "role", parent: node, field: "organisation.signatory", required: false)
      signatory = name.map { Signatory(name: $0, role: role) }
    }
    organisation?.address = address
    organisation?.email = email
    organisation?.logo = logo
    organisation?.signatory = signatory
  }

  /// Reads the assembly's convocation fields into `assembly`.
  func readConvocationFields(_ map: [String: Node], node: Node, into assembly: inout Assembly) {
    if let text = reader.string(map, "time", parent: node, field: "assembly", required: false) {
      assembly.time = ClockTime(text: text)
      if assembly.time == nil {
        reader.report(
          map["time"], "assembly.time", tr("`%1` is not a time of day", text.prefix(40)),
          hint: tr("write it as HH:MM, e.g. \"14:00\" (in quotes)"))
      }
    }
    assembly.address = reader.string(
      map, "address", parent: node, field: "assembly", required: false)
    if let text = reader.string(
      map, "notice_days", parent: node, field: "assembly", required: false)
    {
      if let days = Int(text), (0...366).contains(days) {
        assembly.noticeDays = days
      } else {
        reader.report(
          map["notice_days"], "assembly.notice_days",
          tr("`%1` is not a number of days", text.prefix(40)),
          hint: tr("write the notice the statutes require, in whole days, e.g. 15"))
      }
    }
    assembly.convenedOn = date(map, "convened_on", node: node)
    assembly.proxyDeadline = date(map, "proxy_deadline", node: node)
    if let text = reader.string(map, "quorum", parent: node, field: "assembly", required: false) {
      assembly.quorum = Quorum(text: text)
      if assembly.quorum == nil {
        let isNumber =
          Quorum.decimal(String(text.replacing("%", with: "").trimmingWhitespace())) != nil
        reader.report(
          map["quorum"], "assembly.quorum",
          isNumber
            ? tr(
              "a quorum is a share of the votes, more than 0 and at most 1; found `%1`",
              text.prefix(40))
            : tr("`%1` is not a share of the votes", text.prefix(40)),
          hint: tr("write a fraction such as 0.25 or a percentage such as \"25 %\""))
      }
    }
    if let deadline = assembly.proxyDeadline {
      if let date = assembly.date, deadline > date {
        reader.report(
          map["proxy_deadline"], "assembly.proxy_deadline",
          tr("the proxies are due on %1, after the assembly of %2", deadline, date),
          hint: tr("set a date before the assembly, or the assembly's day"))
      } else if let convened = assembly.convenedOn, deadline < convened {
        reader.report(
          map["proxy_deadline"], "assembly.proxy_deadline",
          tr("the proxies are due on %1, before the letters are dated (%2)", deadline, convened),
          hint: tr("set a date between assembly.convened_on and the assembly"))
      }
    }
  }

  private func date(_ map: [String: Node], _ key: String, node: Node) -> CalendarDate? {
    guard let text = reader.string(map, key, parent: node, field: "assembly", required: false)
    else { return nil }
    guard let date = CalendarDate(iso: text) else {
      reader.report(
        map[key], "assembly.\(key)", tr("`%1` is not a date", text.prefix(40)),
        hint: tr("write it as YYYY-MM-DD, e.g. 2019-05-24"))
      return nil
    }
    return date
  }

  /// Lines of text: a list, or one text whose line breaks separate the lines.
  private func lines(_ node: Node?, path: String) -> [String] {
    guard let node, !reader.isNull(node) else { return [] }
    if node.sequence != nil {
      guard let items = reader.sequence(node, field: path) else { return [] }
      return items.enumerated().compactMap { index, item in
        reader.text(item, path: "\(path)[\(index)]", parent: item, required: true)
      }
    }
    guard let text = reader.text(node, path: path, parent: node, required: false) else {
      return []
    }
    return text.split(whereSeparator: \.isNewline).map { String(String($0).trimmingWhitespace()) }
      .filter { !$0.isEmpty }
  }
}
