import Foundation
import ReportModel
import TOMLKit
import Yams

/// A setting of the tool that a flag, an environment variable or the configuration
/// file can give: where the data, templates, fonts and output are, and the command
/// that sends mail.
public enum SettingKey: String, CaseIterable, Sendable {
  /// The data folder.
  case data
  /// The templates folder.
  case templates
  /// The fonts folder.
  case fonts
  /// The output folder.
  case output
  /// The command that sends mail (`/usr/sbin/sendmail -t`, `msmtp -t`).
  case sendmail

  /// The environment variable that overrides the configuration file: `REPORT_DATA`.
  public var variable: String { "REPORT_" + rawValue.uppercased() }

  /// Whether its value is a path (relative paths in a configuration file are then
  /// taken from the file's folder); `sendmail` is a command, kept as written.
  public var isPath: Bool { self != .sendmail }
}

/// A configuration file: `report.toml` or `report.yaml`, setting the folders once so
/// that cron and the staff need no flags.
///
/// Looked for in the working folder, then `$XDG_CONFIG_HOME/report/` (by default
/// `~/.config/report/`), then `/etc/report/`; the first found is used, alone.
/// `REPORT_CONFIG=FILE` names one instead.
public struct ConfigFile: Sendable {
  /// A value of the file, with the line it is on.
  public struct Entry: Sendable, Equatable {
    /// The value, relative paths already taken from the file's folder.
    public var value: String
    /// The 1-based line.
    public var line: Int?
  }

  /// The file's path.
  public var path: String
  /// Its values.
  public var entries: [SettingKey: Entry]

  /// The files looked for, in order.
  public static func candidates(
    directory: String, environment: [String: String], system: String = "/etc/report"
  ) -> [String] {
    if let given = environment["REPORT_CONFIG"], !given.isEmpty { return [given] }
    let home = environment["HOME"].map { $0 + "/.config" }
    let user = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home
    let folders = [directory, user.map { $0 + "/report" }, system].compactMap { $0 }
    return folders.flatMap { ["\($0)/report.toml", "\($0)/report.yaml"] }
  }

  /// The configuration file in force, if any.
  /// - Throws: ``RunError`` (input) naming the file and line of what is wrong in it,
  ///   or a file named by `REPORT_CONFIG` that does not exist.
  public static func find(
    directory: String, environment: [String: String], system: String = "/etc/report"
  ) throws(RunError) -> ConfigFile? {
    let files = candidates(directory: directory, environment: environment, system: system)
    if let given = environment["REPORT_CONFIG"], !given.isEmpty,
      !FileManager.default.fileExists(atPath: given)
    {
      throw RunError(
        .input, at: SourceLocation(file: given),
        tr("REPORT_CONFIG names a configuration file that does not exist"),
        hint: tr("create it, or unset REPORT_CONFIG"))
    }
    guard let file = files.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
      return nil
    }
    return try load(path: file)
  }

  /// Reads a configuration file, TOML or YAML by its extension.
  /// - Throws: ``RunError`` (input) with every problem, each with its line.
  public static func load(path: String) throws(RunError) -> ConfigFile {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw RunError(
        .input, at: SourceLocation(file: path), tr("cannot read the configuration file"),
        hint: tr("check that it is readable by the user running report"))
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw RunError(
        .input, at: SourceLocation(file: path), tr("the configuration file is not UTF-8 text"),
        hint: tr("save it as UTF-8 text"))
    }
    let raw: [(key: String, value: String?, line: Int?)]
    if path.hasSuffix(".toml") {
      raw = try toml(text, path: path)
    } else {
      raw = try yaml(text, path: path)
    }
    var problems: [DataProblem] = []
    var entries: [SettingKey: Entry] = [:]
    let known = SettingKey.allCases.map(\.rawValue)
    let folder = (path as NSString).deletingLastPathComponent
    for (name, value, line) in raw {
      let location = SourceLocation(file: path, line: line)
      guard let key = SettingKey(rawValue: name) else {
        let guess = Suggestion.closest(to: name, among: known)
        problems.append(
          DataProblem(
            at: location, field: name, message: tr("unknown setting"),
            hint: guess.map { tr("did you mean `%1`?", $0) }
              ?? tr("the settings are %1", known.joined(separator: ", "))))
        continue
      }
      guard let value, !value.isEmpty else {
        problems.append(
          DataProblem(
            at: location, field: name, message: tr("expected a text in quotes"),
            hint: tr("e.g. %1", "\(name) = \"/srv/report/\(name)\"")))
        continue
      }
      let resolved =
        key.isPath && !value.hasPrefix("/") && !folder.isEmpty ? folder + "/" + value : value
      entries[key] = Entry(value: resolved, line: line)
    }
    guard problems.isEmpty else { throw .input(DataError(problems: problems)) }
    return ConfigFile(path: path, entries: entries)
  }

  /// The keys of a TOML file, with their text values and lines.
  static func toml(_ text: String, path: String) throws(RunError) -> [(
    key: String, value: String?, line: Int?
  )] {
    let table: TOMLTable
    do {
      table = try TOMLTable(string: text)
    } catch let error as TOMLParseError {
      let begin = error.source.begin
      throw .input(
        DataError(problems: [
          DataProblem(
            at: SourceLocation(file: path, line: begin.line, column: begin.column), field: "",
            message: tr("TOML syntax: %1", error.description),
            hint: tr("write one setting a line, as %1", "data = \"/srv/report/data\""))
        ]))
    } catch {
      throw RunError(
        .input, at: SourceLocation(file: path), tr("the configuration file cannot be read as TOML"))
    }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    func line(of key: String) -> Int? {
      for (index, line) in lines.enumerated() {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        for form in [key, "\"\(key)\""] where trimmed.hasPrefix(form) {
          let rest = trimmed.dropFirst(form.count).drop { $0 == " " || $0 == "\t" }
          if rest.hasPrefix("=") || rest.hasPrefix(".") { return index + 1 }
        }
        if trimmed.hasPrefix("[\(key)]") { return index + 1 }
      }
      return nil
    }
    return table.keys.sorted { (line(of: $0) ?? 0) < (line(of: $1) ?? 0) }.map { key in
      (key, table[key]?.string, line(of: key))
    }
  }

  /// The keys of a YAML file, with their text values and lines.
  static func yaml(_ text: String, path: String) throws(RunError) -> [(
    key: String, value: String?, line: Int?
  )] {
    let node: Node?
    do {
      node = try Yams.compose(yaml: text)
    } catch {
      throw .input(DataError(problems: [YAMLSyntax.problem(for: error, file: path)]))
    }
    guard let node else { return [] }
    guard let mapping = node.mapping else {
      throw RunError(
        .input, at: SourceLocation(file: path, line: node.mark?.line),
        tr("expected settings, one a line, as %1", "data: /srv/report/data"))
    }
    return mapping.map { key, value in
      (key.string ?? "", value.scalar?.string, key.mark?.line)
    }
  }
}

/// Where each setting of a run comes from: a flag, then the `REPORT_*` environment
/// variables, then the configuration file, then the folders installed with the tool
/// (templates and fonts), then the working folder's `data`, `templates`, `fonts`
/// and `output`.
public struct Settings: Sendable {
  /// Where a value was found.
  public enum Origin: Sendable, Equatable, CustomStringConvertible {
    /// Given on the command line.
    case flag
    /// From an environment variable.
    case environment(String)
    /// From the configuration file, at a line.
    case file(String, line: Int?)
    /// The folder installed with the tool (`<prefix>/share/report/…`).
    case installed
    /// The working folder's default.
    case `default`
    /// Not set.
    case unset

    /// Said by `report config`.
    public var description: String {
      switch self {
      case .flag: return tr("command line")
      case .environment(let name): return tr("environment %1", name)
      case .file(let path, let line): return line.map { "\(path):\($0)" } ?? path
      case .installed: return tr("installed with report")
      case .default: return tr("default")
      case .unset: return tr("not set")
      }
    }
  }

  /// A value and its origin.
  public struct Setting: Sendable, Equatable {
    /// The value; `nil` when not set (only `sendmail` may be).
    public var value: String?
    /// Where it came from.
    public var origin: Origin
  }

  /// Every setting, by key.
  public var values: [SettingKey: Setting]
  /// The configuration file read, if any.
  public var file: String?

  /// The settings of a run.
  /// - Parameters:
  ///   - flags: the values given on the command line.
  ///   - environment: the process's environment (`REPORT_DATA`…).
  ///   - file: the configuration file, if one was found.
  ///   - directory: the working folder, for the defaults.
  ///   - share: the folder installed with the tool (`<prefix>/share/report`), if any.
  public static func resolve(
    flags: [SettingKey: String], environment: [String: String], file: ConfigFile?,
    directory: String, share: String?
  ) -> Settings {
    var values: [SettingKey: Setting] = [:]
    for key in SettingKey.allCases {
      if let flag = flags[key] {
        values[key] = Setting(value: flag, origin: .flag)
      } else if let value = environment[key.variable], !value.isEmpty {
        values[key] = Setting(value: value, origin: .environment(key.variable))
      } else if let file, let entry = file.entries[key] {
        values[key] = Setting(value: entry.value, origin: .file(file.path, line: entry.line))
      } else if key == .sendmail {
        values[key] = Setting(value: nil, origin: .unset)
      } else if [.templates, .fonts].contains(key), let share,
        !FileManager.default.fileExists(atPath: directory + "/" + key.rawValue),
        FileManager.default.fileExists(atPath: share + "/" + key.rawValue)
      {
        values[key] = Setting(value: share + "/" + key.rawValue, origin: .installed)
      } else {
        values[key] = Setting(value: key.rawValue, origin: .default)
      }
    }
    return Settings(values: values, file: file?.path)
  }

  /// The settings of this process: its environment, its working folder, the
  /// configuration file found from there, and the folder installed beside its executable.
  /// - Throws: ``RunError`` when the configuration file is wrong.
  public static func current(flags: [SettingKey: String]) throws(RunError) -> Settings {
    let environment = ProcessInfo.processInfo.environment
    let directory = FileManager.default.currentDirectoryPath
    let file = try ConfigFile.find(directory: directory, environment: environment)
    return resolve(
      flags: flags, environment: environment, file: file, directory: directory,
      share: installedShare())
  }

  /// `<prefix>/share/report` for an executable installed as `<prefix>/bin/report`,
  /// when that folder exists: found from `/proc/self/exe`, links resolved.
  public static func installedShare(executable: String? = nil) -> String? {
    let path =
      executable
      ?? (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
    guard let path else { return nil }
    let bin = URL(fileURLWithPath: path).resolvingSymlinksInPath().deletingLastPathComponent()
    let share = bin.deletingLastPathComponent().appendingPathComponent("share/report").path
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: share, isDirectory: &isFolder), isFolder.boolValue
    else { return nil }
    return share
  }

  /// The folders of a run.
  public var paths: Paths {
    Paths(
      data: values[.data]?.value ?? "data", templates: values[.templates]?.value ?? "templates",
      fonts: values[.fonts]?.value ?? "fonts", output: values[.output]?.value ?? "output")
  }

  /// The command that sends mail, when one is set.
  public var sendmail: String? { values[.sendmail]?.value ?? nil }

  /// What `report config` prints: each setting, its value and where it came from.
  public var report: String {
    var lines = [tr("configuration file: %1", file ?? tr("none"))]
    for key in SettingKey.allCases {
      let setting = values[key] ?? Setting(value: nil, origin: .unset)
      let padded = key.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
      lines.append("\(padded)\(setting.value ?? "-")  (\(setting.origin))")
    }
    return lines.joined(separator: "\n")
  }
}
