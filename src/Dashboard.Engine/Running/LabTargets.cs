namespace Dashboard.Engine.Running;

/// <summary>
/// Which targets the genre and scrape workloads call. A request only ever picks one of these,
/// never an address: the real targets' addresses come from the server's configuration only.
/// </summary>
public enum LabTargets
{
    /// <summary>This app's own simulated targets (/sim/): the default.</summary>
    Simulated,

    /// <summary>The public targets configured under Lab:RealTargets, behind the allow-list.</summary>
    Real,
}

/// <summary>The request names of <see cref="LabTargets"/>.</summary>
public static class LabTargetIds
{
    public const string Simulated = "simulated";
    public const string Real = "real";

    public static IReadOnlyList<string> All { get; } = [Simulated, Real];

    public static string Id(LabTargets targets) => targets == LabTargets.Real ? Real : Simulated;

    public static bool TryParse(string? text, out LabTargets targets)
    {
        switch (text)
        {
            case Simulated:
                targets = LabTargets.Simulated;
                return true;
            case Real:
                targets = LabTargets.Real;
                return true;
            default:
                targets = LabTargets.Simulated;
                return false;
        }
    }
}
