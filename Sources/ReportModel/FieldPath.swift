/// Field paths as a person counts them: `axes[3].actions[0].status` is the 4th axis's
/// 1st action, said "axis 4 ("Les moyens"), action 1 ("Structuration…"), status".
///
/// The machine path stays in ``DataProblem/field`` (and in what a program reads);
/// this is what is printed.
public enum FieldPath {
  /// How `field` is said, counting from 1, with the title of each counted item when
  /// `titles` has it (keyed by the machine path of the item, `axes[3]`).
  public static func human(_ field: String, titles: [String: String] = [:]) -> String {
    guard !field.isEmpty else { return field }
    var machine = ""
    var said: [String] = []
    for segment in field.split(separator: ".") {
      machine += (machine.isEmpty ? "" : ".") + segment
      guard let open = segment.firstIndex(of: "["), segment.last == "]",
        let index = Int(
          segment[segment.index(after: open)..<segment.index(before: segment.endIndex)])
      else {
        said.append(word(String(segment)))
        continue
      }
      let name = String(segment[..<open])
      var item = counted(name, index + 1)
      if let title = titles[machine] {
        let short = title.count > 40 ? title.prefix(39).trimmingCharacters() + "…" : title
        item = tr("%1 (\"%2\")", item, short)
      }
      said.append(item)
    }
    return said.joined(separator: ", ")
  }

  /// The `number`th item of the list `name`: "axis 4".
  static func counted(_ name: String, _ number: Int) -> String {
    switch name {
    case "axes": return tr("axis %1", number)
    case "actions": return tr("action %1", number)
    case "charges": return tr("charge line %1", number)
    case "products": return tr("product line %1", number)
    case "resolutions": return tr("resolution %1", number)
    case "priorities": return tr("priority %1", number)
    case "notes": return tr("note %1", number)
    case "agenda": return tr("agenda item %1", number)
    default: return "\(word(name)) \(number)"
    }
  }

  /// A key's name as said in the user's language; the key itself when it has no other.
  static func word(_ key: String) -> String {
    switch key {
    case "status": return tr("status")
    case "title": return tr("title")
    case "budget": return tr("budget")
    case "objective": return tr("objective")
    case "lead": return tr("lead")
    case "schedule": return tr("schedule")
    case "account": return tr("account")
    case "label": return tr("label")
    case "amount": return tr("amount")
    case "regional": return tr("regional")
    case "organisation": return tr("organisation")
    case "assembly": return tr("assembly")
    case "document": return tr("document")
    case "summary": return tr("summary")
    case "name": return tr("name")
    case "date": return tr("date")
    case "place": return tr("place")
    case "text": return tr("text")
    case "id": return tr("id")
    default: return key
    }
  }
}

extension Substring {
  fileprivate func trimmingCharacters() -> Substring {
    var slice = self
    while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
    return slice
  }
}
