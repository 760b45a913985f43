using Dashboard.Web.Tests.Runs;
using Dashboard.Web.Tests.Storage;

namespace Dashboard.Web.Tests.Security;

/// <summary>A configuration the dashboard refuses stops the start with its reason and exit code 2, not a crash with a stack trace.</summary>
public sealed class StartRefusalTests : IDisposable
{
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task WeakToken_TheRealServerExitsWithCode2AndTheReasonWithoutAStackTrace()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ServerProcess.StartAsync(_data.Path, "abababababababab", timeout.Token));

        Assert.Contains("The server exited with 2:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("The dashboard refused to start:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Auth:Token must use at least 8 different characters (it uses 2)", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", ex.Message, StringComparison.Ordinal);
    }
}
