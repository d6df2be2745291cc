import Foundation
import Hardware

/// Finding chips for `--chip FILE|NAME` and `dump-config`, with CLI errors.
enum ChipLookup {
  /// The chip named by `argument`: an existing file, else a built-in example name; the default
  /// chip when `argument` is nil.
  ///
  /// - Throws: ``CLIError``: 66 for a path that does not exist (an argument with a `/` or a
  ///   `.json` suffix), 64 for an unknown name (with the nearest example name), 65 for an
  ///   invalid config.
  static func chip(_ argument: String?, subcommand: String) throws(CLIError) -> Chip {
    guard let argument else { return .default }
    if FileManager.default.fileExists(atPath: argument) || argument.contains("/")
      || argument.hasSuffix(".json") || argument == "-"
    {
      return try load(path: argument)
    }
    do {
      if let chip = try Chip.example(named: argument) { return chip }
    } catch {
      throw CLIError(.dataError, lines(of: error))
    }
    let names = Chip.exampleNames
    var hint = Suggestions.hint(for: argument, in: names)
    let prefixed = names.filter { $0.hasPrefix(argument) }
    if hint.isEmpty, prefixed.count == 1 { hint = " (did you mean '\(prefixed[0])'?)" }
    throw .usage(
      "unknown chip '\(argument)'\(hint); expected a JSON file or one of \(names.joined(separator: ", "))",
      subcommand: subcommand)
  }

  /// The chip in the JSON file at `path`; its name defaults to the file's base name.
  static func load(path: String) throws(CLIError) -> Chip {
    let text = try FileIO.readText(path)
    let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    do {
      return try Chip(jsonText: text, file: path, defaultName: path == "-" ? nil : stem)
    } catch {
      throw CLIError(.dataError, lines(of: error))
    }
  }

  /// A config error's lines joined so that each is printed as its own `Error:` line.
  static func lines(of error: ChipError) -> String {
    error.lines.joined(separator: "\nError: ")
  }
}
