import Hardware

/// `vitsim dump-config [FILE|NAME]`: the effective chip config, defaults filled in.
enum DumpConfigCommand {
  static let spec = CommandSpec(
    name: "dump-config",
    abstract: "Print a chip config with every default filled in.",
    discussion: """
      Prints the chip as pretty JSON with sorted keys: the file's values, and the default of \
      every key the file leaves out. Without an argument, prints the default chip \
      (\(Chip.default.name)). The output is itself a valid chip file.
      """,
    arguments: [
      .init(
        name: "chip",
        help: "A chip JSON file, or a built-in name: \(Chip.exampleNames.joined(separator: ", ")).",
        isOptional: true)
    ])

  static let subcommand = Subcommand(spec: spec) { arguments, console throws(CLIError) in
    let chip = try ChipLookup.chip(arguments.positionals.first, subcommand: spec.name)
    console.out(chip.json.prettyText)
    return .success
  }
}
