namespace Dashboard.Web.Tests.Telemetry;

/// <summary>
/// The OpenTelemetry SDK listens to every ActivitySource and Meter of a name in the process, so
/// another test's runs would add to the counts these tests check: they run alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry";
}
