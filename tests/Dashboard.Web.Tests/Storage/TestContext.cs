namespace Dashboard.Web.Tests.Storage;

/// <summary>Generous limits for a slow, shared machine: a hang fails the test instead of the whole run.</summary>
internal static class TestContext
{
    public static CancellationToken Timeout => new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token;
}
