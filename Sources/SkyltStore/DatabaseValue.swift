public import Foundation

/// One value as SQLite stores it: the five storage classes, no more. Bindings are written as
/// literals (`[1, "Anna", nil]`) or with the initialisers below; rows hand values back the same
/// way, and the accessors turn them into Swift types without guessing.
public enum DatabaseValue: Sendable, Equatable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)

    /// Each initialiser takes an optional, so an optional field binds as NULL without a branch.
    public init(_ value: Int?) { self = value.map { .integer(Int64($0)) } ?? .null }
    public init(_ value: Int64?) { self = value.map { .integer($0) } ?? .null }
    public init(_ value: Double?) { self = value.map { .real($0) } ?? .null }
    public init(_ value: String?) { self = value.map { .text($0) } ?? .null }
    public init(_ value: Data?) { self = value.map { .blob($0) } ?? .null }
    public init(_ value: [UInt8]?) { self = value.map { .blob(Data($0)) } ?? .null }
    public init(_ value: Bool?) { self = value.map { .integer($0 ? 1 : 0) } ?? .null }

    public var isNull: Bool { self == .null }

    /// The integer, or nil for NULL and the other classes (a REAL is not rounded silently).
    public var int: Int? {
        if case .integer(let value) = self { return Int(value) }
        return nil
    }

    /// The number: a REAL, or an INTEGER widened.
    public var double: Double? {
        switch self {
        case .real(let value): value
        case .integer(let value): Double(value)
        default: nil
        }
    }

    public var string: String? {
        if case .text(let value) = self { return value }
        return nil
    }

    public var data: Data? {
        if case .blob(let value) = self { return value }
        return nil
    }
}

extension DatabaseValue: ExpressibleByNilLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByStringLiteral, ExpressibleByBooleanLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .real(value) }
    public init(stringLiteral value: String) { self = .text(value) }
    public init(booleanLiteral value: Bool) { self = .integer(value ? 1 : 0) }
}

/// One result row: values in column order, readable by index or by column name.
public struct Row: Sendable, Equatable {
    /// The result's column names, shared by all rows of one query.
    public let columns: [String]
    public let values: [DatabaseValue]

    public init(columns: [String], values: [DatabaseValue]) {
        self.columns = columns
        self.values = values
    }

    public subscript(index: Int) -> DatabaseValue { values[index] }

    /// The value of the first column with that name; `.unknownColumn` is a mistake in the SQL,
    /// so it throws rather than reading as NULL.
    public func value(_ name: String) throws(StoreError) -> DatabaseValue {
        guard let index = columns.firstIndex(of: name) else { throw StoreError(.unknownColumn(name)) }
        return values[index]
    }
}
