using Dashboard.Web.Routes;

namespace Dashboard.E2E.Tests.Infrastructure;

/// <summary>Where the app shows things, in one place.</summary>
public static class LivePages
{
    public static string RunPath(long runId) => AppRoutes.Run(runId);
}
