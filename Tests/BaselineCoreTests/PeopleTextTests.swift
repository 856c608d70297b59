import BaselineCore
import BaselineText
import Testing

@Suite struct PeopleTextTests {
    @Test func plainTextIsLeftAlone() {
        #expect(PeopleText.line("Millbrook — café, 44%") == "Millbrook — café, 44%")
        #expect(PeopleText.markdown("Millbrook — café, 44% (2025)") == "Millbrook — café, 44% (2025)")
    }

    @Test func lineShowsControlCharactersAndFoldsLineBreaks() {
        #expect(PeopleText.line("a\u{1B}]0;title\u{07}b") == "a\\u{1B}]0;title\\u{7}b")
        #expect(PeopleText.line("nul\u{0}here") == "nul\\u{0}here")
        #expect(PeopleText.line("csi\u{9B}31m del\u{7F}") == "csi\\u{9B}31m del\\u{7F}")
        #expect(PeopleText.line("two\nlines\r\nthree\rfour\tfive\u{2028}six") == "two lines three four five six")
        #expect(PeopleText.line("abc\u{202E}fed") == "abc\\u{202E}fed")
        #expect(!PeopleText.line("\u{1B}[2J\u{0}\u{9B}").unicodeScalars.contains(where: PeopleText.isUnsafe))
    }

    @Test func markdownShowsHTMLAsText() {
        #expect(PeopleText.markdown("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;")
        #expect(PeopleText.markdown("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;")
        #expect(PeopleText.markdown("AT&T") == "AT&amp;T")
    }

    @Test func markdownShowsLinksImagesAndTablePipesAsText() {
        #expect(PeopleText.markdown("[x](javascript:alert(1))") == "\\[x\\](javascript:alert(1))")
        #expect(PeopleText.markdown("![](http://evil/x.png)") == "!\\[\\](http://evil/x.png)")
        #expect(PeopleText.markdown("a | b") == "a \\| b")
        #expect(PeopleText.markdown("*bold* _it_ `code` ~~x~~ \\") == "\\*bold\\* \\_it\\_ \\`code\\` \\~\\~x\\~\\~ \\\\")
    }

    @Test func markdownCannotStartABlockOrANewLine() {
        #expect(PeopleText.markdown("Question\n# heading") == "Question # heading")
        #expect(PeopleText.markdown("# heading") == "\\# heading")
        #expect(PeopleText.markdown("> quote") == "&gt; quote")
        #expect(PeopleText.markdown("- item") == "\\- item")
        #expect(PeopleText.markdown("+ item") == "\\+ item")
        #expect(PeopleText.markdown("=== ") == "\\=== ")
        #expect(PeopleText.markdown("12. item") == "12\\. item")
        #expect(PeopleText.markdown("3) item") == "3\\) item")
        #expect(PeopleText.markdown("2025") == "2025")
        #expect(PeopleText.markdown("44.5%") == "44.5%")
        #expect(PeopleText.markdown("-3.5") == "-3.5")
        #expect(PeopleText.markdown("---") == "\\---")
        #expect(PeopleText.markdown("-") == "\\-")
        #expect(PeopleText.markdown("\u{1B}]0;title\u{07}") == #"\\u{1B}\]0;title\\u{7}"#)
    }

    /// The tool's notes name options in code (`code_changes`): those spans stay code in
    /// report.md and the dashboard, and the data around them is escaped as ever (a try-out saw
    /// "\\`built\\_in\\_code\\_changes: false\\`" in a brief).
    @Test func aNoteKeepsItsCodeSpansAndEscapesTheRest() {
        let note = "Barnsley's figures (the stage's table; `built_in_code_changes: false` leaves them out): *36* <b>"
        #expect(PeopleText.markdownNote(note) == "Barnsley's figures (the stage's table; `built_in_code_changes: false` leaves them out): \\*36\\* &lt;b&gt;")
        #expect(PeopleText.htmlNote(note) == "Barnsley&#39;s figures (the stage&#39;s table; <code>built_in_code_changes: false</code> leaves them out): *36* &lt;b&gt;")
        // Inside a code span nothing acts: markup from the data shows as written.
        let html = "`<img src=x onerror=alert(1)>` and `[x](javascript:alert(1))`"
        #expect(PeopleText.markdownNote(html) == html)
        #expect(PeopleText.htmlNote(html) == "<code>&lt;img src=x onerror=alert(1)&gt;</code> and <code>[x](javascript:alert(1))</code>")
        // Backticks that do not pair, an empty span, a span with spaces at its ends or a pipe: all escaped.
        for text in ["one ` alone", "``", "` x`", "`a|b`", "`a` b `c"] {
            #expect(PeopleText.markdownNote(text) == PeopleText.markdown(text), "\(text)")
            #expect(PeopleText.htmlNote(text) == PeopleText.html(text), "\(text)")
        }
        // Only the start of a note can open a block; text after a span is not a block's start.
        #expect(PeopleText.markdownNote("# `x` - y") == "\\# `x` - y")
        #expect(PeopleText.markdownNote("`x`- y\n# z") == "`x`- y # z")
        #expect(PeopleText.markdownNote("plain note") == "plain note")
    }

    @Test func jsonEscapesWhatTheEncoderLeavesForTheTerminal() {
        #expect(PeopleText.json("{\n  \"a\" : \"x\\u001b[2J\"\n}") == "{\n  \"a\" : \"x\\u001b[2J\"\n}")
        #expect(PeopleText.json("{\"a\":\"csi\u{9B}31m del\u{7F} rlo\u{202E}\"}") == #"{"a":"csi\u009b31m del\u007f rlo\u202e"}"#)
    }

    /// A quote, pipe or bracket followed by a combining mark is one `Character` equal to none of
    /// them; HTML and Markdown parsers still act on it, so escaping goes scalar by scalar.
    @Test func aMarkFollowedByACombiningCharacterIsStillEscaped() {
        #expect(PeopleText.html("x\"\u{301} onmouseover=alert(1) '\u{301}") == "x&quot;\u{301} onmouseover=alert(1) &#39;\u{301}")
        #expect(PeopleText.html("<\u{338}script>&\u{301}") == "&lt;\u{338}script&gt;&amp;\u{301}")
        #expect(PeopleText.html("a\nb") == "a\nb", "layout is the caller's")
        #expect(PeopleText.markdown("a |\u{301} b") == "a \\|\u{301} b")
        #expect(PeopleText.markdown("[\u{301}x](javascript:alert(1))") == "\\[\u{301}x\\](javascript:alert(1))")
    }

    /// `html` and `markdown` rewrite by bytes now: they must write what rewriting scalar by
    /// scalar wrote, whatever surrounds the marks (combining marks, emoji, CJK, controls, CR LF).
    @Test func rewritingByBytesIsRewritingByScalars() {
        func scalarByScalar(_ text: String, _ replacement: [Unicode.Scalar: String]) -> String {
            var out = ""
            for scalar in text.unicodeScalars {
                if let written = replacement[scalar] { out += written } else { out.unicodeScalars.append(scalar) }
            }
            return out
        }
        let html: [Unicode.Scalar: String] = ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"]
        var markdown: [Unicode.Scalar: String] = ["<": "&lt;", ">": "&gt;", "&": "&amp;"]
        for scalar in "\\`*_[]|~".unicodeScalars { markdown[scalar] = "\\" + String(scalar) }
        let pieces = ["a", "é", "e\u{301}", "<", ">", "&", "\"", "'", "\\", "`", "*", "_", "[", "]", "|", "~", "|\u{301}", "👩‍👩‍👧", "東京",
                      "\u{7F}", "\r\n", "\t", " ", "—", "#", "-", "1.", "=", "+", "&amp;", "\u{1B}", "\u{202E}", ""]
        var state: UInt64 = 5
        for round in 0..<3000 {
            let text = (0..<(round % 9)).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return pieces[Int(state >> 33) % pieces.count]
            }.joined()
            #expect(PeopleText.html(text) == scalarByScalar(text, html), "\(text.debugDescription)")
            // The block marker is escaped after the rewriting: compare what follows the start.
            let line = PeopleText.line(text)
            let expected = scalarByScalar(line, markdown)
            let written = PeopleText.markdown(text)
            #expect(written == expected || written.replacingOccurrences(of: "\\", with: "") == expected.replacingOccurrences(of: "\\", with: "")
                    && written.utf8.count == expected.utf8.count + 1, "\(text.debugDescription)")
        }
    }
}
