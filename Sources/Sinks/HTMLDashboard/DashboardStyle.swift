import BaselineCore
import Foundation

/// The page's colours: Fingertips' for comparisons (better, similar, worse, not compared;
/// higher, lower where there is no better or worse) and for the spine chart's range, and each
/// text colour with the background it sits on, so that a test can hold every pair to WCAG's
/// 4.5:1 contrast for text.
enum Palette {
    /// A comparison's fill and the colour of the word written on it.
    static let comparisons: [(name: String, fill: String, text: String)] = [
        ("better", "#92d050", "#000000"), ("similar", "#ffc000", "#000000"), ("worse", "#c00000", "#ffffff"),
        ("not_compared", "#ffffff", "#000000"), ("higher", "#bed2ff", "#000000"), ("lower", "#5555e6", "#ffffff"),
    ]
    /// The survey's five shades from most negative to most positive, with the colour of a share
    /// written on each.
    static let shades: [(fill: String, text: String)] = [
        ("#b2182b", "#ffffff"), ("#ef8a62", "#000000"), ("#d9d9d9", "#000000"), ("#67a9cf", "#000000"), ("#2166ac", "#ffffff"),
    ]
    /// Every other text colour and the background it is read against.
    static let text: [(name: String, color: String, background: String)] = [
        ("body", "#1b1b1b", "#fafafa"), ("table", "#1b1b1b", "#ffffff"), ("muted", "#555555", "#ffffff"),
        ("muted on the page", "#555555", "#fafafa"), ("muted in a history row", "#555555", "#f4f4f4"), ("keys", "#333333", "#fafafa"),
        ("link", "#0b4f8a", "#ffffff"), ("table header", "#1b1b1b", "#eeeeee"),
        ("trend getting better", "#1e6b26", "#ffffff"), ("trend getting worse", "#c00000", "#ffffff"),
        ("chart label", "#111111", "#ffffff"), ("chart label on the range", "#111111", "#c9c9c9"),
        ("progress: on track", "#ffffff", "#1a7f37"), ("progress: off track", "#ffffff", "#c62828"),
        ("progress: not yet measurable", "#ffffff", "#6b6b6b"), ("progress: not comparable", "#ffffff", "#8a5a00"),
    ]
    /// The spine chart's range: worst to best, and between the 25th and 75th percentiles.
    static let rangeOuter = "#c9c9c9", rangeInner = "#8b8b8b"

    /// WCAG 2 contrast ratio of two `#rrggbb` colours (1…21).
    static func contrast(_ a: String, _ b: String) -> Double {
        func luminance(_ hex: String) -> Double {
            let value = Int(hex.dropFirst(), radix: 16) ?? 0
            let channel = { (shift: Int) -> Double in
                let c = Double((value >> shift) & 0xff) / 255
                return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
            }
            return 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
        }
        let (x, y) = (luminance(a), luminance(b))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }
}

extension DashboardPage {
    /// The page's CSS: laptop first; under 700 px the profile table becomes one card per
    /// indicator; in print, A4 with every collapsed detail open and table headers repeated.
    static var style: String {
        let comparisons = Palette.comparisons.map {
            ".bar.\($0.name){fill:\($0.fill)}.cmp.\($0.name){background:\($0.fill);color:\($0.text)}"
        }.joined()
        let shades = Palette.shades.enumerated().map {
            ".l\($0.offset){fill:\($0.element.fill);background:\($0.element.fill);color:\($0.element.text)}"
        }.joined()
        return """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0;color:#1b1b1b;background:#fafafa}
            main{max-width:1160px;margin:0 auto;padding:1rem 1.5rem 3rem;overflow-wrap:break-word}.wide{overflow-x:auto;max-width:100%}
            h1{font-size:1.8rem;margin-bottom:.25rem}h2{border-bottom:2px solid #ddd;padding-bottom:.25rem;margin-top:2.5rem}
            h3{font-size:1.05rem;margin:1.2rem 0 .3rem}h4{font-size:1rem;margin:.8rem 0 .2rem}small{color:#555;font-weight:normal}
            .lede{font-size:1.1rem;color:#333}.empty{color:#555;font-style:italic}.nowrap{white-space:nowrap}
            .cards{display:flex;flex-wrap:wrap;gap:.75rem;list-style:none;padding:0}
            .cards li{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.6rem .9rem;min-width:8rem}
            .big{display:block;font-size:1.6rem;font-weight:bold}
            table{border-collapse:collapse;width:100%;margin:.5rem 0;background:#fff}
            th,td{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top;overflow-wrap:break-word}td{overflow-wrap:anywhere}
            thead th{background:#eee}caption{text-align:left;font-weight:bold;padding:.3rem 0}code{word-break:break-all}
            .profile{font-size:.9rem}.profile td{overflow-wrap:normal}.profile th[scope=row]{min-width:7rem}
            .spine-head small{white-space:nowrap}.spine-cell{padding:.2rem}
            .profile th,.profile td{padding:.3rem .3rem}.profile .spine-cell svg{width:100%;min-width:204px;max-width:220px;height:auto}
            .more td{background:#f4f4f4;border-top:none;white-space:normal}
            .figures{display:flex;flex-wrap:wrap;gap:.5rem 2rem;align-items:flex-start}
            figure{margin:.3rem 0;max-width:100%}figcaption{font-size:.9rem;margin-bottom:.2rem}figure.breakdown{flex:1 1 18rem}
            .cmp{display:inline-block;white-space:nowrap;padding:0 .3rem;border-radius:3px;font-size:.8rem;border:1px solid #767676;line-height:1.35}
            \(comparisons)
            .bar{stroke:#111;stroke-width:1}.ci{stroke:#111;stroke-width:2}.axis{stroke:#bbb;stroke-width:1}
            .tick{stroke:#444;stroke-width:1.5;stroke-dasharray:3 2}.england-line{stroke:#111;stroke-width:2.5}
            .range-outer{fill:\(Palette.rangeOuter);background:\(Palette.rangeOuter)}.range-inner{fill:\(Palette.rangeInner);background:\(Palette.rangeInner)}
            svg text{font-size:11px;fill:#111}.spine text{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}svg text.strong{font-weight:bold}.legend-mark{vertical-align:middle;margin-left:.6rem}
            .trend polyline{fill:none}.trend polyline.place{stroke:#1b1b1b;stroke-width:2}circle.place{fill:#1b1b1b}
            .trend polyline.england{stroke:#555;stroke-width:1.5;stroke-dasharray:5 3}svg.trend{max-width:100%;height:auto}
            .trend-better{color:#1e6b26}.trend-worse{color:#c00000}
            .hbars{display:grid;grid-template-columns:minmax(5rem,max-content) minmax(6rem,1fr) auto;gap:.25rem .5rem;font-size:.85rem;max-width:34rem}
            .hrow{display:contents}.hl{align-self:center;overflow-wrap:anywhere}.hv{align-self:center;text-align:right}
            .track{position:relative;height:1rem;background:#fff;border:1px solid #ccc;align-self:center}
            .track .fill{position:absolute;left:0;top:0;bottom:0;background:#5e81ac}
            .track .whisker{position:absolute;top:45%;height:2px;background:#111}
            .track .overall{position:absolute;top:-3px;bottom:-3px;width:0;border-left:2px dashed #111}
            .key.overall-key{border:none;border-left:2px dashed #111;width:0}
            .question,.theme{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.25rem 1rem .75rem;margin:.75rem 0}
            .subtheme{border-left:4px solid #ddd;padding-left:.75rem;margin:.6rem 0}
            .figure{margin:.2rem 0}.suppressed{color:#555}
            .likert{display:flex;height:1.6rem;max-width:900px;border:1px solid #999;background:#fff;font-size:.8rem}
            .likert span{display:flex;align-items:center;justify-content:center;overflow:hidden;white-space:nowrap}
            \(shades)
            .keys{font-size:.85rem;color:#333;line-height:1.8}
            .key{display:inline-block;width:.9rem;height:.9rem;margin:0 .25rem 0 .6rem;vertical-align:middle;border:1px solid #767676}
            .themebar rect{fill:#5e81ac}svg.map{max-width:100%;height:auto}svg.map path{stroke:#444;stroke-width:.6}
            \(SmallAreaMap.shades.enumerated().map { ".m\($0.offset){fill:\($0.element);background:\($0.element)}" }.joined())
            .key.novalue{background:repeating-linear-gradient(45deg,#fff 0 3px,#999 3px 4px)}
            blockquote{margin:.4rem 0 .4rem 1rem;padding-left:.75rem;border-left:4px solid #5e81ac}
            blockquote footer{color:#555;font-size:.9rem}.agreement li{margin:.4rem 0}
            details{margin:.4rem 0}summary{cursor:pointer;color:#0b4f8a}
            @media (max-width:700px){
            main{padding:.5rem .75rem 2rem}.nowrap{white-space:normal;display:inline-block}th,td{padding:.25rem .3rem}table{font-size:.9rem}
            .stack,.stack tbody,.stack tr,.stack th,.stack td,.stack caption{display:block;width:auto}
            .stack thead{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
            .stack tr{border:1px solid #ddd;margin:.6rem 0;background:#fff}.stack tr.more{margin-top:-.6rem;border-top:none}
            .stack td,.stack th{border:none;border-top:1px solid #eee;white-space:normal}
            .stack td[data-label]::before{content:attr(data-label) ": ";font-weight:bold}
            .profile td{display:inline-block;width:50%;box-sizing:border-box}.profile td br{display:none}.profile td .cmp,.profile td small{margin-left:.3rem}
            .profile td.spine-cell,.profile tr.more td{display:block;width:auto}.profile td.spine-cell::before{display:block}
            .hbars{grid-template-columns:minmax(4rem,40%) 1fr auto}
            }
            @page{size:A4;margin:14mm 12mm}
            @media print{
            body{background:#fff}main{max-width:none;padding:0}.wide{overflow:visible}
            details::details-content{content-visibility:visible;display:contents}details{display:block}summary{display:none}
            thead{display:table-header-group}tr,figure,blockquote,.question,.theme{break-inside:avoid}h2,h3{break-after:avoid}
            .profile{font-size:.75rem}.profile th[scope=row]{min-width:7rem}
            }
            """
    }
}
