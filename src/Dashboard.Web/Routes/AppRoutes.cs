using System.Globalization;

namespace Dashboard.Web.Routes;

/// <summary>
/// The app's URLs, built in one place so a page, the API's Location headers and the browser tests
/// cannot drift apart when a route changes. The page templates (<c>@page</c>) and the API's route
/// group keep their literal patterns because attributes and route templates need constants.
/// </summary>
public static class AppRoutes
{
    /// <summary>The page that starts runs.</summary>
    public const string Home = "/";

    /// <summary>The list of kept runs.</summary>
    public const string History = "/history";

    /// <summary>The page that compares runs side by side.</summary>
    public const string ComparePage = "/compare";

    /// <summary>The not-found page (the Router's NotFoundPage; unknown page addresses re-execute here).</summary>
    public const string NotFound = "/not-found";

    /// <summary>The glossary: the words the pages use, each explained once.</summary>
    public const string Glossary = "/glossary";

    /// <summary>One term's entry on the glossary page.</summary>
    public static string Term(string id) => Glossary + "#" + Uri.EscapeDataString(id);

    /// <summary>The warnings reference: every finding, when it fires, why, and what to do.</summary>
    public const string Warnings = "/warnings";

    /// <summary>One finding's entry on the warnings reference.</summary>
    public static string Warning(string id) => Warnings + "#" + Uri.EscapeDataString(id);

    /// <summary>The owner's page that makes and revokes read-only viewer links.</summary>
    public const string Share = "/share";

    /// <summary>The read-only viewer links in the REST API (the owner's).</summary>
    public const string ApiViewerLinks = "/api/viewer-links";

    /// <summary>The address a read-only viewer link opens: it signs the viewer in.</summary>
    public static string ViewerLogin(string token) => "/login?v=" + Uri.EscapeDataString(token);

    /// <summary>The root of the runs' REST API.</summary>
    public const string ApiRuns = "/api/runs";

    /// <summary>The live (or finished) view of one run.</summary>
    public static string Run(long id) => string.Create(CultureInfo.InvariantCulture, $"/runs/{id}");

    /// <summary>The compare page for these runs, in the order given (the first is the baseline).</summary>
    public static string Compare(IEnumerable<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return ComparePage + "?ids=" + string.Join(",", ids.Select(id => id.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>One run in the REST API.</summary>
    public static string ApiRun(long id) => string.Create(CultureInfo.InvariantCulture, $"{ApiRuns}/{id}");

    /// <summary>A run's export in <paramref name="format"/>, with an optional query string (no leading '?').</summary>
    public static string Export(long id, string format, string? query = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(format);
        var path = string.Create(CultureInfo.InvariantCulture, $"{ApiRuns}/{id}/export/{Uri.EscapeDataString(format)}");
        return string.IsNullOrEmpty(query) ? path : path + "?" + query;
    }
}
