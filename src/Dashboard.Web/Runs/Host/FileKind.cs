using Dashboard.Web.Runs.Lifecycle;

namespace Dashboard.Web.Runs.Host;

/// <summary>The kind of a path as lstat sees it (<see cref="FileFacts"/>).</summary>
public enum FileKind
{
    Directory,
    File,
    SymbolicLink,
    Other,
}
