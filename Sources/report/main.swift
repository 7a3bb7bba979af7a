import Foundation
import ReportCLI

// Cairo leaves page content uncompressed when CAIRO_DEBUG_PDF is set: the finisher,
// which rewrites each page's content anyway (its furniture becomes artifacts), then
// compresses it once instead of inflating cairo's and deflating it again. Set here,
// before any thread starts, since setenv is not safe beside a getenv on another thread.
setenv("CAIRO_DEBUG_PDF", "1", 1)
exit(ReportCommand.main(arguments: Array(CommandLine.arguments.dropFirst())))
