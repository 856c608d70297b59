/// What a template may name, and where: the shape of the values it will be rendered with.
///
/// A template is checked against it when it is loaded, the way it will be rendered: a name is
/// looked for in the innermost section that has it, then outwards; the parts of a dotted name
/// after the first must be names of the object before them; a section over a list puts its
/// item's names in reach, over an object that object's. So `{{place.rank}}` (a place has a name
/// and a code) and `{{rank}}` outside `{{#priorities}}` are errors, not empty text.
public indirect enum TemplateShape: Sendable, Equatable {
    /// A text or a flag: nothing under it.
    case value
    /// Named values (`place` → `name`, `code`).
    case object([String: TemplateShape])
    /// A list of items of one shape (`.value` for a list of texts).
    case list(of: TemplateShape)

    /// An object whose `values` are texts or flags and whose `more` are lists or objects.
    public static func fields(_ values: [String], _ more: [String: TemplateShape] = [:]) -> TemplateShape {
        .object(more.merging(values.map { ($0, .value) }, uniquingKeysWith: { kept, _ in kept }))
    }

    /// The names of an object, sorted; none for a value or list.
    var names: [String] {
        guard case .object(let fields) = self else { return [] }
        return fields.keys.sorted()
    }

    /// The shape under `name` when this is an object that has it.
    subscript(name: String) -> TemplateShape? {
        guard case .object(let fields) = self else { return nil }
        return fields[name]
    }

    /// The shape a section over this value puts in reach: a list's item, else the value itself.
    var sectionScope: TemplateShape {
        if case .list(let item) = self { return item }
        return self
    }

    /// Where `name` is, from here: each path of names to it (`place`, `name`), and whether the
    /// path goes through a list (then only a section over the list reaches it; else the dotted
    /// name does).
    func paths(to name: String, under path: [String] = [], throughList: Bool = false) -> [(path: [String], throughList: Bool)] {
        guard case .object(let fields) = self else { return [] }
        var found = fields[name] != nil && !path.isEmpty ? [(path + [name], throughList)] : []
        for key in fields.keys.sorted() {
            let shape = fields[key]!
            var isList = false
            if case .list = shape { isList = true }
            found += shape.sectionScope.paths(to: name, under: path + [key], throughList: throughList || isList)
        }
        return found
    }
}
