namespace Dashboard.Web.Tests.Telemetry;

/// <summary>One POST the <see cref="OtlpReceiver"/> got.</summary>
internal sealed record OtlpRequest(string Path, string? ContentType, byte[] Body)
{
    public bool Contains(string text) => Body.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(text)) >= 0;
}
