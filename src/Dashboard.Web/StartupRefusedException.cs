namespace Dashboard.Web;

/// <summary>
/// The configuration asks for something the dashboard will not do (e.g. no sign-in on a network
/// address): the start stops with this message and exit code 2, without a stack trace.
/// </summary>
public sealed class StartupRefusedException : Exception
{
    public StartupRefusedException()
    {
    }

    public StartupRefusedException(string message)
        : base(message)
    {
    }

    public StartupRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
