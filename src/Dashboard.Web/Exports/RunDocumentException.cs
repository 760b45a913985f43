namespace Dashboard.Web.Exports;

/// <summary>An import was not a run document this build can read; the message says why.</summary>
public sealed class RunDocumentException : FormatException
{
    public RunDocumentException(string message)
        : base(message)
    {
    }

    public RunDocumentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RunDocumentException()
    {
    }
}
