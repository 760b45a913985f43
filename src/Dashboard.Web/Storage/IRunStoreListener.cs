namespace Dashboard.Web.Storage;

/// <summary>
/// Hears every write to the store once it is done (whatever page, API, import or run made it), so
/// a cache of stored runs can forget what changed. Register it as a singleton; the store finds every
/// listener when it is first resolved, in whatever order the two were registered.
/// </summary>
public interface IRunStoreListener
{
    /// <summary>Called once, when the store is made: from now on every write is reported.</summary>
    void Attached();

    /// <summary>One run changed (saved, a repetition appended, a label set, the run deleted or pruned by retention).</summary>
    void RunChanged(long runId);
}
