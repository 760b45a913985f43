namespace Dashboard.Web.Runs;

/// <summary>The kind of a path as lstat sees it (<see cref="FileFacts"/>).</summary>
public enum FileKind
{
    Directory,
    File,
    SymbolicLink,
    Other,
}
