import Foundation
import VitsimCLI

exit(VitsimCommand.main(arguments: Array(CommandLine.arguments.dropFirst())))
