/// One member convened to the general assembly: a row of `data/<year>/members.csv`.
public struct Member: Hashable, Sendable {
  /// A short stable key (`ara`, `acteur-042`): letters, digits and `-`; it names the
  /// member's files (`convocation-ara.pdf`, `outbox/ara.eml`).
  public var id: String
  /// The member organisation.
  public var name: String
  /// The person the letter is addressed to ("Mme Claire Martin").
  public var contact: String?
  /// Where the convocation is sent; `nil`: by post.
  public var email: String?
  /// The street lines of the postal address (empty when there is none).
  public var address: [String]
  /// The postcode, with the address.
  public var postcode: String?
  /// The city, with the address.
  public var city: String?
  /// The votes the member holds at the assembly, ≥ 1.
  public var votes: Int
  /// The member's college ("Associations régionales").
  public var college: String?
  /// Where the member's row starts in the file.
  public var location: SourceLocation

  /// Creates a member.
  public init(
    id: String, name: String, contact: String? = nil, email: String? = nil,
    address: [String] = [], postcode: String? = nil, city: String? = nil, votes: Int = 1,
    college: String? = nil, location: SourceLocation = SourceLocation(file: "")
  ) {
    self.id = id
    self.name = name
    self.contact = contact
    self.email = email
    self.address = address
    self.postcode = postcode
    self.city = city
    self.votes = votes
    self.college = college
    self.location = location
  }

  /// Whether the convocation goes by e-mail (else it is printed and posted).
  public var isConvenedByEmail: Bool { email != nil }

  /// The address block of a letter, one line an element: the contact, the
  /// organisation, the street lines, then "postcode CITY" (the city in capitals, as
  /// La Poste asks).
  public var postalLines: [String] {
    var lines: [String] = []
    if let contact { lines.append(contact) }
    lines.append(name)
    lines += address
    let town = [postcode, city?.uppercased()].compactMap { $0 }.joined(separator: " ")
    if !town.isEmpty { lines.append(town) }
    return lines
  }
}

/// The members of a year, as read from `members.csv`.
public struct MemberList: Hashable, Sendable {
  /// The members, in file order.
  public var members: [Member]
  /// Problems that did not prevent loading (an unknown column…).
  public var warnings: [DataProblem]
  /// The encoding the file was read in.
  public var encoding: SourceEncoding
  /// The field separator: `;` or `,`.
  public var separator: Character

  /// Creates a list.
  public init(
    members: [Member], warnings: [DataProblem] = [], encoding: SourceEncoding = .utf8,
    separator: Character = ";"
  ) {
    self.members = members
    self.warnings = warnings
    self.encoding = encoding
    self.separator = separator
  }

  /// The votes of all members.
  public var totalVotes: Int { members.map(\.votes).reduce(0, +) }

  /// The members convened by e-mail, in file order.
  public var byEmail: [Member] { members.filter(\.isConvenedByEmail) }

  /// The members convened by post, in file order.
  public var byPost: [Member] { members.filter { !$0.isConvenedByEmail } }

  /// The members sorted as the attendance sheet lists them: by college (members
  /// without one last), then by name, in French alphabetical order (accents and case
  /// ignored at first), then by id.
  public var byCollegeThenName: [Member] {
    // Each key made once, not at each of the sort's comparisons.
    let keys = members.map { member in
      (college: member.college.map(Self.sortKey) ?? "\u{10FFFF}", name: Self.sortKey(member.name))
    }
    return members.indices.sorted { a, b in
      if keys[a].college != keys[b].college { return keys[a].college < keys[b].college }
      if keys[a].name != keys[b].name { return keys[a].name < keys[b].name }
      return members[a].id < members[b].id
    }.map { members[$0] }
  }

  /// A key that orders French text: letters without accents, lower case, then the
  /// text itself to break ties deterministically.
  static func sortKey(_ text: String) -> String {
    MembersCSVLoader.fold(text) + "\u{0}" + text
  }

  /// The votes that must be present or represented for `quorum`.
  public func quorumVotes(_ quorum: Quorum) -> Int { quorum.votes(of: totalVotes) }

  /// The problem when the members' votes cannot reach the quorum: no member, or a
  /// quorum asking for more votes than exist.
  /// - Parameters:
  ///   - quorum: the year file's `assembly.quorum`.
  ///   - file: the members file, to locate the problem.
  ///   - quorumLocation: where the year file sets the quorum.
  public func quorumProblem(
    _ quorum: Quorum, file: String, quorumLocation: SourceLocation? = nil
  ) -> DataProblem? {
    let needed = quorumVotes(quorum)
    let total = totalVotes
    guard total == 0 || needed > total else { return nil }
    let at = quorumLocation.map { " (\($0))" } ?? ""
    if total == 0 {
      return DataProblem(
        at: SourceLocation(file: file), field: "votes",
        message: tr("no member holds a vote, so the quorum%1 can never be reached", at),
        hint: tr("list the members convened to the assembly, one a row"))
    }
    return DataProblem(
      at: SourceLocation(file: file), field: "votes",
      message: tr("the quorum%1 asks for %2 votes but the members hold %3", at, needed, total),
      hint: tr("check assembly.quorum (a share of the votes, at most 1) and the votes column"))
  }
}
