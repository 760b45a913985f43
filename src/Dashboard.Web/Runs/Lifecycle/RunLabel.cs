using System.Globalization;
using Dashboard.Engine.Workloads;

namespace Dashboard.Web.Runs.Lifecycle;

/// <summary>
/// The one rule for a run's label, wherever it comes from (POST /api/runs, the queue behind the
/// Run page, a rename on the History page, an import): one line of at most <see cref="MaxLength"/>
/// characters without control characters; surrounding spaces are trimmed and a blank label is none.
/// Whatever a run was given, its own export can be imported again.
/// </summary>
public static class RunLabel
{
    /// <summary>Longest label, in UTF-16 characters (the database column has the same length).</summary>
    public const int MaxLength = 200;

    /// <summary>The request field, problem key and document path use this name.</summary>
    public const string Field = "label";

    /// <summary>Null when <paramref name="label"/> may be a run's label (null and blank may); else why not.</summary>
    public static string? Problem(string? label)
    {
        if (label is null)
        {
            return null;
        }

        if (label.Length > MaxLength)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"label must be at most {MaxLength} characters (got {label.Length:N0}: '{ValueEcho.Short(label)}').");
        }

        return label.Any(char.IsControl)
            ? $"label must be one line without control characters (got '{ValueEcho.Short(label)}')."
            : null;
    }

    /// <summary>The label as kept: trimmed, null when blank. Check <see cref="Problem"/> first.</summary>
    public static string? Normalize(string? label) => string.IsNullOrWhiteSpace(label) ? null : label.Trim();

    /// <summary>Throws the "label" problem when <paramref name="label"/> breaks the rule.</summary>
    /// <exception cref="InvalidParametersException">The label is too long or holds a control character.</exception>
    public static void ThrowIfInvalid(string? label)
    {
        if (Problem(label) is { } problem)
        {
            throw new InvalidParametersException(new Dictionary<string, string[]>(StringComparer.Ordinal) { [Field] = [problem] });
        }
    }
}
