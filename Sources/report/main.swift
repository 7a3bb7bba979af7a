import Foundation
import ReportCLI

exit(ReportCommand.main(arguments: Array(CommandLine.arguments.dropFirst())))
