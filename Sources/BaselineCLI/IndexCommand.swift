import ArgumentParser
import BaselineCore
import BaselineFormat
import BaselineIndex
import Foundation

/// `baseline index OUTPUT`: every place's headline indicators side by side, from the
/// `baseline.json` files under an output folder, as `index.json` and `index.html` in it.
struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Index every place under an output folder: headline indicators side by side, with comparisons, ranks and links (index.json, index.html).",
        discussion: "Reads <folder>/<place>/<period>/baseline.json (each place's latest period, or --period) and writes <folder>/index.json and <folder>/index.html (with --period, index-<period>.json and .html, so an earlier period's index sits beside the latest). Exit 0 when written, 1 on an unreadable baseline or no baselines, 2 on bad arguments. See docs/place-index.md."
    )

    @Argument(help: "The output folder of `baseline run` (output), holding <place>/<period>/baseline.json.")
    var folder: String

    @Option(help: "Index this period of every place (places without it are left out), instead of each place's latest, into index-<period>.json and .html.")
    var period: String?

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func run() throws {
        let index = try IndexBuilder.build(folder: folder, period: period)
        try IndexBuilder.write(index, to: folder, period: period)
        for warning in index.warnings { note("\(folder): warning: \(warning)") }
        if !quiet {
            let name = IndexBuilder.fileName(period: period)
            note("indexed \(Wording.count(index.places.count, "place")), \(Wording.count(index.indicators.count, "indicator")): \(folder)/\(name).json, \(folder)/\(name).html")
        }
    }
}
