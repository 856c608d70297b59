/// The survey tools whose CSV exports the adapter knows, and how each lays out its header.
///
/// | layout | header rows | what they hold |
/// |---|---|---|
/// | generic | 1 | one header per column |
/// | surveymonkey | 2 | question text (blank over the further columns of a question); the option, statement, or `Response` / `Open-Ended Response` |
/// | qualtrics | 3 (or 2) | column id (`Q2_1`); question text; `{"ImportId":…}` (or `{'ImportId': …}` in the "Insights" exports of 2016–17; absent from older exports; the legacy export has `V1`, `V2`… over `ResponseID`…) |
/// | msforms | 1 | `ID`, `Start time`, `Completion time`, `Email`, `Name`, then the questions |
/// | googleforms | 1 | `Timestamp` (and `Email Address` when collected), then the questions |
/// | alchemer | 1 | `Response ID` (when exported), `Time Started`, `Date Submitted`, `Status` (`Complete` / `Partial`), then the questions (SurveyGizmo before 2020) |
/// | smartsurvey | 1 (or 2) | `UserID`, `Name`, `Email`, `IP Address`, `Unique ID`, `Started`, `Ended`…, then the questions; a second row of options under a question spread over several columns |
/// | limesurvey | 1 | `id`, `submitdate` (empty: not finished), `lastpage`, `startlanguage`… then question codes (`G01Q03[SQ001]`); under full question texts `Response ID`, `Date submitted`, `Last page`, `Start language`… |
/// | typeform | 1 | `#` (the response's token), the questions (a multi-select one column per option, holding the option when ticked), then `Response Type` (`completed` / `partial`), `Start Date (UTC)`, `Stage Date (UTC)`, `Submit Date (UTC)`, `Network ID`, `Tags`, `Ending` |
/// | kobo | 1 (or 2 with its HXL row) | the questions (a select_multiple as one cell of the choices joined by spaces, and one `question/choice` column per choice, 0/1), then `_id`, `_uuid`, `_submission_time`, `_validation_status`, `_notes`, `_status`, `_submitted_by`, `_tags`, `_index` |
/// | redcap | 1 | raw: `record_id` (the project's record id field), field names, tick boxes `field___code`, and after each form's fields `<form>_complete` (`0` incomplete, `1` unverified, `2` complete); labels: `Record ID`, field labels, `Label (choice=Option)`, `Complete?` (`Incomplete` / `Unverified` / `Complete`) |
public enum SurveyLayout: String, Sendable, CaseIterable {
    /// Detect from the first rows (the default).
    case auto
    /// One header row.
    case generic
    /// SurveyMonkey's "All individual responses" CSV export.
    case surveymonkey
    /// Qualtrics' CSV export, with column ids and question text.
    case qualtrics
    /// Microsoft Forms' responses, saved as CSV.
    case msforms
    /// Google Forms' responses, downloaded as CSV (or the linked sheet saved as CSV).
    case googleforms
    /// Smart Survey's raw data export.
    case smartsurvey
    /// Alchemer's (formerly SurveyGizmo's) CSV export.
    case alchemer
    /// LimeSurvey's responses export as CSV (from the admin pages or the RemoteControl API).
    case limesurvey
    /// Typeform's responses, downloaded as CSV.
    case typeform
    /// REDCap's data export as CSV, raw or labels.
    case redcap
    /// KoboToolbox's (and ODK-based tools') data export as CSV.
    case kobo

    /// The layout the first (up to three) rows of a file show.
    static func detect(_ rows: [[String]]) -> SurveyLayout {
        guard let first = rows.first else { return .generic }
        let lowered = first.map { $0.lowercased() }
        if lowered.count >= 3, lowered[0] == "id", lowered[1] == "start time", lowered[2] == "completion time" {
            return .msforms
        }
        // SurveyMonkey: `Collector ID` beside the respondent id, or, in an export whose personal
        // and collector columns were taken out, its second row of `Response` / `Open-Ended Response`.
        if lowered.contains("respondent id"), rows.count >= 2,
           lowered.contains("collector id") || rows[1].contains(where: { ["response", "open-ended response"].contains($0.lowercased()) }) {
            return .surveymonkey
        }
        if lowered.contains("responseid") || (lowered.contains("startdate") && lowered.contains("finished")), rows.count >= 2 {
            return .qualtrics
        }
        // Qualtrics' legacy export (before 2017): V1, V2… over ResponseID, ResponseSet….
        if lowered.first == "v1", rows.count >= 2, rows[1].contains(where: { $0.lowercased() == "responseid" }) {
            return .qualtrics
        }
        if lowered.first == "timestamp" {
            return .googleforms
        }
        if lowered.contains("userid") || lowered.contains("userno"), lowered.contains("started"), lowered.contains("ended") {
            return .smartsurvey
        }
        if lowered.contains("time started"), lowered.contains("date submitted"), lowered.contains("status") {
            return .alchemer
        }
        // LimeSurvey: its response table's own columns, by code or (full question texts) by name.
        if lowered.contains("submitdate"), lowered.contains("lastpage") || lowered.contains("startlanguage") {
            return .limesurvey
        }
        if lowered.contains("response id"), lowered.contains("date submitted"), lowered.contains("last page") {
            return .limesurvey
        }
        if lowered.first == "#", lowered.contains("submit date (utc)") || lowered.contains("response type") || lowered.contains("network id") {
            return .typeform
        }
        // KoboToolbox: the metadata it adds to every submission.
        if lowered.contains("_uuid"), lowered.contains("_submission_time") {
            return .kobo
        }
        // REDCap: a form's status column beside the record id or REDCap's own columns.
        let redcapColumns = lowered.contains { $0.hasPrefix("redcap_") || ["survey identifier", "event name", "repeat instrument"].contains($0) }
        if lowered.contains(where: { $0.hasSuffix("_complete") }), lowered.first == "record_id" || redcapColumns {
            return .redcap
        }
        if lowered.contains("complete?"), lowered.first == "record id" || redcapColumns {
            return .redcap
        }
        return .generic
    }

    /// How many rows of `rows` are header rows under this layout: its own, and a row of HXL
    /// hashtags under them (see `hxlRow`).
    func headerRowCount(_ rows: [[String]]) -> Int {
        let count = ownHeaderRowCount(rows)
        return hxlRow(rows) != nil ? count + 1 : count
    }

    /// The hashtags of the row of HXL hashtags under the layout's own header rows, if there is
    /// one. KoboToolbox writes that row by default, so under its layout one hashtag is enough;
    /// under any other layout the row must tag two columns or more, since a respondent whose only
    /// answer is a hashtag (`,,#housing`) looks like a one-tag row and would be lost.
    func hxlRow(_ rows: [[String]]) -> [String]? {
        let count = ownHeaderRowCount(rows)
        guard rows.count > count, Self.isHXLRow(rows[count]) else { return nil }
        let tags = rows[count].map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        return self == .kobo || tags.count >= 2 ? tags : nil
    }

    /// The data-quality note saying which line was read as a row of HXL hashtags.
    static func hxlNote(source: String, file: String, line: Int, tags: [String]) -> String {
        let shown = tags.prefix(4).joined(separator: ", ") + (tags.count > 4 ? "…" : "")
        return "\(source): \(file) line \(line) read as an HXL hashtag row, not a response: \(shown)."
    }

    /// Whether a row is a row of HXL hashtags (the Humanitarian Exchange Language, which
    /// KoboToolbox writes under the header by default: `#symmetry`, `#affected+f`): a second
    /// header row, not a respondent. Every cell is empty or one hashtag — `#`, a letter, then
    /// letters, digits or `_` — with any attributes (`+f`), and at least one cell has one.
    static func isHXLRow(_ row: [String]) -> Bool {
        var tagged = false
        for cell in row {
            let value = cell.trimmingWhitespace()
            if value.isEmpty { continue }
            guard isHXLHashtag(value) else { return false }
            tagged = true
        }
        return tagged
    }

    private static func isHXLHashtag(_ value: String) -> Bool {
        guard value.hasPrefix("#") else { return false }
        return value.dropFirst().split(separator: "+", omittingEmptySubsequences: false).allSatisfy { part in
            let name = part.trimmingSpaces()
            guard let first = name.first, first.isASCII, first.isLetter else { return false }
            return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
        }
    }

    /// The header rows the layout itself writes.
    private func ownHeaderRowCount(_ rows: [[String]]) -> Int {
        switch self {
        case .surveymonkey: 2
        case .qualtrics: rows.count >= 3 && rows[2].contains(where: Self.isImportId) ? 3 : 2
        // Smart Survey adds a row of options only when a question spans several columns; a
        // data row always has its user id first, a header row nothing there.
        case .smartsurvey: rows.count >= 2 && rows[1].first?.trimmingWhitespace().isEmpty == true ? 2 : 1
        default: 1
        }
    }

    /// Whether a cell of Qualtrics' third header row is an ImportId: a JSON object as today's
    /// exports write it (`{"ImportId":"QID1"}`, `{"ImportId":"startDate","timeZone":"America/Denver"}`,
    /// `{"ImportId":"QID10_DO","choiceId":"1"}`), or as a Python dictionary, in single quotes, as
    /// the "Insights" exports of 2016–17 wrote it (`{'ImportId': 'QID1'}`): `{`, then the key
    /// `ImportId` in either quotes, then `:`, with any spaces between.
    static func isImportId(_ cell: String) -> Bool {
        var rest = Substring(cell.trimmingWhitespace())
        guard rest.first == "{" else { return false }
        rest = rest.dropFirst().drop(while: { $0 == " " })
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return false }
        rest = rest.dropFirst()
        guard rest.hasPrefix("ImportId"), rest.dropFirst(8).first == quote else { return false }
        return rest.dropFirst(9).drop(while: { $0 == " " }).first == ":"
    }

    /// What a multi-select question in one cell puts between the options ticked, unless the
    /// question says (`separator:`): Qualtrics and Google Forms a comma (Google Forms a comma
    /// and a space), KoboToolbox a space, Microsoft Forms and the rest a semicolon.
    var multiSelectSeparator: UInt8 {
        switch self {
        case .qualtrics, .googleforms: UInt8(ascii: ",")
        case .kobo: UInt8(ascii: " ")
        default: UInt8(ascii: ";")
        }
    }

    /// The column holding the respondent id, by column id or header: the first of these the
    /// header has. None for REDCap: a longitudinal project writes a record once per event, a
    /// repeating form once per instance, so its record id repeats with no duplicate.
    var respondentColumns: [String] {
        switch self {
        case .surveymonkey: ["Respondent ID"]
        case .qualtrics: ["ResponseId"]
        case .msforms: ["ID"]
        case .smartsurvey: ["UserID"]
        case .alchemer: ["Response ID"]
        case .limesurvey: ["id", "Response ID"]
        case .typeform: ["#"]
        case .kobo: ["_uuid"]
        default: []
        }
    }

    /// The column holding when the response was completed: the first of these the header has.
    var completedColumns: [String] {
        switch self {
        case .surveymonkey: ["End Date"]
        case .qualtrics: ["EndDate"]
        case .msforms: ["Completion time"]
        case .googleforms: ["Timestamp"]
        case .smartsurvey: ["Ended"]
        case .alchemer: ["Date Submitted"]
        case .limesurvey: ["submitdate", "Date submitted"]
        case .typeform: ["Submit Date (UTC)"]
        case .redcap: ["Survey Timestamp"]
        case .kobo: ["_submission_time"]
        default: []
        }
    }

    /// The column saying whether the respondent finished, and how (see `CompletionColumn`):
    /// the first of these the header has. REDCap's form status columns are found apart
    /// (`SurveyHeader.formStatusColumns`), one per form.
    var finishedColumns: [(name: String, rule: CompletionColumn.Rule)] {
        switch self {
        case .qualtrics: [("Finished", .flag)]
        case .alchemer: [("Status", .flag)]
        case .typeform: [("Response Type", .flag), ("Submit Date (UTC)", .submitted)]
        case .limesurvey: [("submitdate", .submitted), ("Date submitted", .submitted)]
        default: []
        }
    }

    /// The columns that mark unfinished responses, as messages name them.
    static let completionColumnsNamed = "Qualtrics `Finished`, Alchemer `Status`, LimeSurvey `submitdate`, Typeform `Response Type`, "
        + "REDCap `<form>_complete` or `Complete?`"

    /// The column saying how the response was collected: a real respondent, or the survey's
    /// author previewing or testing it, or spam (Qualtrics `Status`); or one the survey screened
    /// out (Alchemer `Status` = `Disqualified`).
    var statusColumn: String? {
        self == .qualtrics || self == .alchemer ? "Status" : nil
    }

    /// The column saying how the response reached the survey: Qualtrics `DistributionChannel`,
    /// `preview` or `test` for the author's own (read like `Status`, as not a respondent).
    var channelColumn: String? {
        self == .qualtrics ? "DistributionChannel" : nil
    }

    /// Why a `Status` cell marks a response as not a respondent's ("preview", "test", "spam"),
    /// or `nil` for a real one. Qualtrics writes the label (`Survey Preview`, `Survey Test`,
    /// `Spam`, `Survey Preview Spam`, `Imported Spam`, `EX Spam`, `Offline Survey Preview`; a
    /// real response is `IP Address`, `Imported`, `Offline`, `EX` or `EX Offline`) or, in a
    /// numeric export, its code (1 and 17 preview, 2 test, 8, 9, 12 and 40 spam; 0, 4, 16, 32
    /// and 48 real). Any other value counts as a respondent.
    /// Read from the cell's bytes: it runs for every row, in both passes.
    static func notARespondent(status cell: UnsafeBufferPointer<UInt8>) -> String? {
        let value = cell.trimmingSpaces()
        if !value.isEmpty, value.count <= 3, value.allSatisfy({ $0 &- 0x30 < 10 }) {
            switch value.reduce(0, { $0 * 10 + Int($1 - 0x30) }) {
            case 1, 17: return "preview"
            case 2: return "test"
            case 8, 9, 12, 40: return "spam"
            default: return nil
            }
        }
        if AnswerMatcher.containsLowercased(value, "spam") { return "spam" }
        if AnswerMatcher.containsLowercased(value, "preview") { return "preview" }
        if AnswerMatcher.containsLowercased(value, "test") { return "test" }
        if AnswerMatcher.equalsLowercased(value, "disqualified") { return "disqualified" }
        return nil
    }

    /// Why a `DistributionChannel` cell marks a response as the author's own ("preview",
    /// "test", "spam"), or `nil` for a respondent's (`anonymous`, `email`, `gl`, `offline`…).
    static func notARespondent(channel cell: UnsafeBufferPointer<UInt8>) -> String? {
        let value = cell.trimmingSpaces()
        if AnswerMatcher.containsLowercased(value, "spam") { return "spam" }
        if AnswerMatcher.containsLowercased(value, "preview") { return "preview" }
        if AnswerMatcher.containsLowercased(value, "test") { return "test" }
        return nil
    }

    // MARK: - Personal data

    /// Headers (lower-case) that hold personal data in any layout: never read into records.
    static let personalHeaders: Set<String> = [
        "email", "e-mail", "email address", "e-mail address", "ip address", "ipaddress",
        "name", "first name", "last name", "full name",
        "externalreference", "externaldatareference", "external data reference",
    ]

    /// Headers (lower-case) that hold personal data in this layout besides `personalHeaders`.
    func personalHeadersOfLayout() -> Set<String> {
        switch self {
        // LimeSurvey's IP address, referring page and access code (token), and the participant
        // list's attributes a survey with tokens adds.
        case .limesurvey: ["ipaddr", "refurl", "referrer url", "referring url", "token", "access code", "firstname", "lastname", "email"]
        // Typeform's identifier of the respondent's network.
        case .typeform: ["network id"]
        // REDCap's survey identifier: the participant's identifier from the participant list.
        case .redcap: ["redcap_survey_identifier", "survey identifier"]
        // The account that submitted, and the device and phone metadata a form may collect.
        case .kobo: ["_submitted_by", "username", "deviceid", "phonenumber", "simserial", "subscriberid", "_geolocation"]
        default: []
        }
    }

    /// Prefixes (lower-case) of personal-data headers: SurveyMonkey's `Custom Data 1`…, and in
    /// Qualtrics every `Recipient*` and `Location*` column.
    func personalPrefixes() -> [String] {
        switch self {
        case .qualtrics: ["custom data", "recipient", "location"]
        case .smartsurvey: ["custom data", "unique id", "tracking link"]
        // Alchemer's geolocation of the respondent's address and its session details.
        case .alchemer: ["custom data", "postal", "latitude", "longitude", "contact id", "sessionid", "user agent", "referer"]
        default: ["custom data"]
        }
    }

    /// Whether a column with this id or header holds personal data.
    func isPersonal(_ names: [String]) -> Bool {
        names.contains { name in
            let lowered = name.lowercased()
            return Self.personalHeaders.contains(lowered) || personalHeadersOfLayout().contains(lowered)
                || personalPrefixes().contains { lowered.hasPrefix($0) }
        }
    }
}

extension String {
    /// The string without leading and trailing white space (including line breaks).
    func trimmingWhitespace() -> String {
        var view = Substring(self)
        while let first = view.first, first.isWhitespace { view.removeFirst() }
        while let last = view.last, last.isWhitespace { view.removeLast() }
        return view.count == count ? self : String(view)
    }

    /// The string with every run of white space made one space, and none at either end: how
    /// headers are compared, since question text often holds line breaks.
    var collapsingWhitespace: String {
        // ASCII with no tab or line break, single spaces only between words, is already so: its
        // only white space is those spaces (no other ASCII character is white space), and it is
        // looked at byte by byte, not by `Character`.
        var previous = UInt8(ascii: " ")
        let collapsed = utf8.allSatisfy { byte in
            defer { previous = byte }
            return byte < 0x80 && !(0x09...0x0D).contains(byte) && !(byte == 0x20 && previous == 0x20)
        }
        if collapsed, previous != 0x20 { return self }
        return split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
