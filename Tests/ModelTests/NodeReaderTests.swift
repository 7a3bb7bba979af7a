import Testing

@testable import ReportModel

@Suite struct NodeReaderTests {
  /// The limit of a text is found by its field's last name, whatever its place.
  @Test func aFieldsLastNameLeavesItsPathAndIndexOut() {
    #expect(NodeReader.lastName(of: "budget.lines[3].label") == "label")
    #expect(NodeReader.lastName(of: "axes[0].objective[2]") == "objective")
    #expect(NodeReader.lastName(of: "title") == "title")
    #expect(NodeReader.lastName(of: "priorities[1]") == "priorities")
    #expect(NodeReader.lastName(of: "") == "")
  }
}
