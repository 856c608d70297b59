import Yams

extension NodeDecoder {
    /// Decodes `type` from `node` and also returns the keys of the top mapping that the type
    /// asked for, present or not: the keys it accepts, as long as it reads every key it knows
    /// (with `decodeIfPresent` for the optional ones) whatever the others say.
    public func decodeReportingKeys<T: Decodable>(_ type: T.Type, from node: Node,
                                                  codingPath: [CodingKey] = []) throws -> (value: T, keys: Set<String>) {
        let decoder = YAMLNodeDecoder(node: node, codingPath: codingPath, state: DecodingState(file: file, userInfo: userInfo))
        let value = try decoder.decodeChecked(type)
        return (value, decoder.requestedKeys)
    }
}
