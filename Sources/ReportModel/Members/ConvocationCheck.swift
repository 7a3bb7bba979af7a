/// The checks made before any convocation is written: what the year file must say, the
/// notice period, and the quorum against the members' votes.
public enum ConvocationCheck {
  /// The problems that stop the convocations (errors) or that the run reports and goes
  /// on with (warnings), in this order: missing fields, notice period, quorum.
  ///
  /// - Parameters:
  ///   - year: the year as loaded.
  ///   - yearFile: the year file's path, to locate what it lacks.
  ///   - locations: where the year file's fields were read (``YearLoader/Loaded/locations``).
  ///   - members: the members as loaded.
  ///   - membersFile: the members file's path.
  ///   - late: the user said to convene anyway when the notice is too short (`--late`):
  ///     the notice problem is then a warning, whose message is the reason to record.
  public static func problems(
    year: Year, yearFile: String, locations: SourceLocations, members: MemberList,
    membersFile: String, late: Bool = false
  ) -> [DataProblem] {
    var problems: [DataProblem] = []
    let file = SourceLocation(file: yearFile)
    func require(_ present: Bool, _ field: String, _ what: String, example: String) {
      guard !present else { return }
      problems.append(
        DataProblem(
          at: file, field: field, message: tr("the convocations need %1", what),
          hint: tr(
            "add `%1` to the year file, e.g. %2", String(NodeReader.lastName(of: field)), example))
      )
    }
    let assembly = year.assembly
    require(assembly.date != nil, "assembly.date", tr("the assembly's date"), example: "2019-06-14")
    require(assembly.time != nil, "assembly.time", tr("the time it starts"), example: "\"14:00\"")
    require(
      assembly.address != nil || assembly.place != nil, "assembly.address", tr("where it is held"),
      example: "\"30 rue Cabanis, 75014 Paris\"")
    require(
      assembly.convenedOn != nil, "assembly.convened_on", tr("the date the letters carry"),
      example: "2019-05-24")
    require(
      assembly.proxyDeadline != nil, "assembly.proxy_deadline", tr("the date proxies are due"),
      example: "2019-06-11")
    require(
      year.organisation.signatory != nil, "organisation.signatory", tr("who signs them"),
      example: "{ name: \"Claire Dumont\", role: \"Présidente\" }")
    if !members.byEmail.isEmpty {
      require(
        year.organisation.email != nil, "organisation.email",
        tr("a sender for the %1 members convened by e-mail", members.byEmail.count),
        example: "secretariat@example.org")
    }
    if let notice = assembly.noticePeriod,
      let problem = notice.problem(
        at: locations["assembly.convened_on"] ?? file, overridden: late)
    {
      problems.append(problem)
    }
    if let quorum = assembly.quorum,
      let problem = members.quorumProblem(
        quorum, file: membersFile, quorumLocation: locations["assembly.quorum"])
    {
      problems.append(problem)
    }
    return problems
  }
}
