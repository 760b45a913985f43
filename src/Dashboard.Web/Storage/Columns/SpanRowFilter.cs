namespace Dashboard.Web.Storage.Columns;

/// <summary>
/// Whether to build the span at <paramref name="row"/> (its position in the repetition's stored
/// list) from its task index and start, read before the rest of its columns: rows left out are
/// skipped without an object or a string, so a reader that wants a few spans of a million pays for
/// the decompression only.
/// </summary>
internal delegate bool SpanRowFilter(int row, int task, double start);
