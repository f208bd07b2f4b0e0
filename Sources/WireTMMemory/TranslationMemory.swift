/// Whether an added unit started a new entry or merged into an existing one.
public enum MergeOutcome: Hashable, Sendable {
  case new
  case merged
}

/// An in-memory translation memory that merges units by their English key.
///
/// `build -o out.tmx` without a store collects a batch's units here and writes them with
/// ``TMXWriter``. The same English sentence seen twice (a summary repeated in the body, the same
/// release scraped twice) becomes one entry; a different translation of it is kept as a counted
/// variant. Entries keep the order in which their English key was first seen.
public struct TranslationMemory: Sendable {
  public private(set) var entries: [MemoryEntry] = []
  private var indexByKey: [String: Int] = [:]

  public init() {}

  /// The number of entries (distinct English keys).
  public var count: Int { entries.count }

  /// Adds one unit from a page.
  @discardableResult
  public mutating func add(_ unit: TranslationUnit) -> MergeOutcome {
    var entry = MemoryEntry(english: MemoryVariant(unit.english))
    for translation in unit.translations { entry.merge(MemoryVariant(translation)) }
    return add(entry)
  }

  /// Adds the units of a page.
  /// - Returns: how many started new entries and how many merged into existing ones.
  @discardableResult
  public mutating func add(_ units: [TranslationUnit]) -> (new: Int, merged: Int) {
    var new = 0
    var merged = 0
    for unit in units {
      if add(unit) == .new { new += 1 } else { merged += 1 }
    }
    return (new, merged)
  }

  /// Adds an entry (from a TMX file or another memory), merging by key.
  @discardableResult
  public mutating func add(_ entry: MemoryEntry) -> MergeOutcome {
    guard !entry.key.isEmpty else { return .merged }
    if let index = indexByKey[entry.key] {
      entries[index].merge(entry: entry)
      return .merged
    }
    indexByKey[entry.key] = entries.count
    entries.append(entry)
    return .new
  }

  /// The entry for an English sentence, if any.
  public func entry(forEnglish english: String) -> MemoryEntry? {
    indexByKey[EnglishKey.make(english)].map { entries[$0] }
  }
}
