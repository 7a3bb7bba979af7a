import Foundation
import TestSupport
import Testing

/// Whether the tests run as root, which mounting a small or read-only disk needs.
let runningAsRoot = geteuid() == 0

@Suite(.serialized) struct OutputSafetyTests {
  /// A run killed at any moment leaves the previous PDF as it was and no file beside it.
  @Test func killingARunNeverCostsThePreviousPDF() throws {
    let output = try temporaryFolder("report-kill")
    #expect(try report(["generate", "--year", "2019", "--output", output]).status == 0)
    let pdf = output + "/2019/dossier-ag-2019.pdf"
    let good = try Data(contentsOf: URL(fileURLWithPath: pdf))
    var generator = SystemRandomNumberGenerator()
    var killed = 0
    for _ in 0..<24 {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: Repository.executable)
      process.arguments = ["generate", "--year", "2019", "--output", output]
      process.currentDirectoryURL = URL(fileURLWithPath: Repository.root)
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      usleep(UInt32.random(in: 0..<120_000, using: &generator))
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      if process.terminationReason == .uncaughtSignal { killed += 1 }
      // Old bytes or new ones (the same: the output is deterministic), never a part.
      #expect(try Data(contentsOf: URL(fileURLWithPath: pdf)) == good)
      #expect(
        try FileManager.default.contentsOfDirectory(atPath: output + "/2019") == [
          "dossier-ag-2019.pdf"
        ])
    }
    #expect(killed > 0, "no run was killed before it ended")
  }

  @Test(
    .enabled(
      if: runningAsRoot, "mounting a 40 KiB tmpfs needs root: run the tests as root (CI does)")
  )
  func aFullDiskIsAClearErrorAndLeavesNothing() throws {
    let mountPoint = try temporaryFolder("report-full")
    // 40 KiB: the folder fits, the 50 KiB pack does not.
    let mount = try run("mount", ["-t", "tmpfs", "-o", "size=40k", "tmpfs", mountPoint])
    try #require(mount.status == 0, "cannot mount a small tmpfs: \(mount.stderr)")
    defer { _ = try? run("umount", [mountPoint]) }
    let result = try report(["generate", "--year", "2019", "--output", mountPoint])
    #expect(result.status == 4)  // a full disk, not bad data: try again with room
    #expect(
      result.stderr.contains(
        "dossier-ag-2019.pdf: error: cannot write the PDF: No space left on device"),
      "\(result.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: mountPoint + "/2019").isEmpty)
  }

  @Test func anOutputThatIsAFileIsAClearError() throws {
    let folder = try temporaryFolder("report-output")
    let blocker = folder + "/not-a-folder"
    try Data("x".utf8).write(to: URL(fileURLWithPath: blocker))
    let result = try report(["generate", "--year", "2019", "--output", blocker])
    #expect(result.status == 3)
    #expect(
      result.stderr.contains(
        "\(blocker)/2019: error: cannot create the output folder: \(blocker) is a file, not a folder"
      ),
      "\(result.stderr)")
    // The tool's own words: no Foundation domain or error number.
    #expect(!result.stderr.contains("Domain") && !result.stderr.contains("error 512"))
  }

  @Test(
    .enabled(
      if: runningAsRoot, "mounting a read-only tmpfs needs root: run the tests as root (CI does)")
  )
  func aReadOnlyOutputFolderIsAClearError() throws {
    let mountPoint = try temporaryFolder("report-readonly")
    let mount = try run("mount", ["-t", "tmpfs", "-o", "size=1m,ro", "tmpfs", mountPoint])
    try #require(mount.status == 0, "cannot mount a read-only tmpfs: \(mount.stderr)")
    defer { _ = try? run("umount", [mountPoint]) }
    let result = try report(["generate", "--year", "2019", "--output", mountPoint])
    #expect(result.status == 3)
    #expect(
      result.stderr.contains("\(mountPoint)/2019: error: cannot create the output folder"),
      "\(result.stderr)")
    #expect(
      result.stderr.lowercased().contains("read only")
        || result.stderr.lowercased().contains("read-only"))
  }
}
