using System.Diagnostics;

namespace Dashboard.Engine.Workers;

/// <summary>
/// What a child process (a worker, a Python twin, a lab node) inherits from the app: its
/// environment without the app's secrets. A child gets everything it needs with its job (stdin
/// JSON) or its command line, so the sign-in token (<c>Auth__*</c>), connection strings
/// (<c>ConnectionStrings__*</c>) and anything named like a password, secret or token stay with the
/// app: a child that misbehaves, or a tool that lists processes' environments, never sees them.
/// </summary>
public static class ChildEnvironment
{
    private static readonly string[] SecretPrefixes = ["Auth__", "Auth:", "ConnectionStrings__", "ConnectionStrings:"];

    private static readonly string[] SecretWords = ["PASSWORD", "PASSWD", "SECRET", "TOKEN", "APIKEY", "API_KEY", "CREDENTIAL"];

    /// <summary>True when a variable of this name may carry one of the app's secrets.</summary>
    public static bool IsSecret(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return SecretPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase))
            || SecretWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Removes every secret variable from <paramref name="info"/>'s environment (which starts as the app's own).</summary>
    /// <returns><paramref name="info"/>, for chaining.</returns>
    public static ProcessStartInfo Scrub(ProcessStartInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        foreach (var name in info.Environment.Keys.Where(IsSecret).ToList())
        {
            info.Environment.Remove(name);
        }

        return info;
    }
}
