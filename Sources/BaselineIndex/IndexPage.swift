import BaselineCore
import BaselineFormat
import BaselineText
import Foundation

/// `index.html`: the index as one self-contained page — a table of places by indicators, each
/// cell the place's value, its comparison with the place's first benchmark and its rank, each
/// place linked to its dashboard. Every text from a baseline goes through `PeopleText.html`.
public enum IndexPage {
    /// The page for `index`.
    public static func render(_ index: PlaceIndex) -> String {
        var html = "<h1>Places side by side</h1>\n"
        let scope = index.period.map { "period \($0)" } ?? "each place's latest period"
        html += "<p>\(Wording.count(index.places.count, "place")), \(PeopleText.html(scope)). Each cell: the place's value, its comparison with the place's first benchmark, and its rank among the places with a value for the same period (1 is the best; the highest for no judgement).</p>\n"
        // In a box of its own that scrolls sideways, the places' column kept in view: a dozen
        // indicators are wider than a page.
        html += "<div class=\"scroll\">\n<table>\n<thead><tr><th class=\"place\" scope=\"col\">Place</th>"
        for column in index.indicators {
            let unit = column.unit.map { " (\(PeopleText.html(PeopleText.line($0))))" } ?? ""
            html += "<th scope=\"col\" title=\"\(PeopleText.html(PeopleText.line(column.polarity)))\">\(PeopleText.html(PeopleText.line(column.name)))\(unit)</th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        for place in index.places {
            let name = PeopleText.html(PeopleText.line(place.name))
            let label = "\(name) <span class=\"rank\">\(PeopleText.html(PeopleText.line(place.code))), \(PeopleText.html(PeopleText.line(place.period)))</span>"
            if let dashboard = place.dashboard {
                html += "<tr><th class=\"place\" scope=\"row\"><a href=\"\(PeopleText.html(link(dashboard)))\">\(label)</a></th>"
            } else {
                html += "<tr><th class=\"place\" scope=\"row\">\(label)</th>"
            }
            let benchmark = place.benchmarks.first
            for column in index.indicators {
                guard let cell = place.indicators[column.id] else {
                    // Said, not left blank: an empty cell reads as a page that did not load.
                    html += "<td class=\"none\"><span aria-hidden=\"true\">—</span><span class=\"sr\">not in this place's baseline</span></td>"
                    continue
                }
                let verdict = benchmark.flatMap { cell.comparisons[$0.code] }
                let classes = verdict.flatMap { ["better", "worse", "similar"].contains($0) ? " class=\"\($0)\"" : nil } ?? ""
                var content = cell.value.map { Figure.number($0, places: Figure.places(unit: column.unit)) }
                    ?? PeopleText.html(Wording.missing(cell.missing?.rawValue))
                if let verdict, let benchmark {
                    // In words (`worse than England`, `not compared with England`), not the baseline's codes.
                    let words = Wording.comparison(verdict) ?? verdict.replacingEvery("_", with: " ") + " with"
                    content += "<span class=\"verdict\">\(PeopleText.html(PeopleText.line(words + " " + benchmark.name)))</span>"
                }
                if let rank = cell.rank, let ranked = cell.ranked {
                    content += "<span class=\"rank\">\(rank) of \(ranked), \(PeopleText.html(PeopleText.line(cell.periodLabel ?? cell.period)))</span>"
                }
                html += "<td\(classes)>\(content)</td>"
            }
            html += "</tr>\n"
        }
        html += "</tbody>\n</table>\n</div>\n"
        return HTMLPage.page(title: "Places side by side", style: style, body: html)
    }

    /// The page's style: a plain table, the comparison as a tint behind the cell.
    static let style = """

        body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #1b1b1b; }
        table { border-collapse: collapse; font-size: 0.9rem; }
        th, td { border: 1px solid #ccc; padding: 0.3rem 0.5rem; text-align: right; vertical-align: top; }
        th { background: #f3f3f3; } th.place, td.place { text-align: left; }
        .scroll { overflow-x: auto; max-width: 100%; }
        th.place { position: sticky; left: 0; z-index: 1; }
        .verdict { display: block; font-size: 0.75rem; }
        .better { background: #e3f1e6; } .worse { background: #f8e1df; } .similar { background: #fdf6dc; }
        .rank { color: #555; font-size: 0.75rem; }
        .none { color: #555; text-align: center; }
        .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }

        """

    /// A relative link with every path component percent-encoded except unreserved characters,
    /// so no folder name can make it another scheme (`javascript:`) or leave the folder.
    static func link(_ path: String) -> String {
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return "./" + path.split(separator: "/", omittingEmptySubsequences: false)
            .map { String($0).addingPercentEncoding(withAllowedCharacters: unreserved) ?? "" }.joined(separator: "/")
    }
}
