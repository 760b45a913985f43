namespace Dashboard.Web.Explain;

/// <summary>
/// Where each rule's lines rank (higher first): what went wrong, then what the run was, which
/// strategy won and why, the findings by how much they explain, then the details.
/// </summary>
internal static class ExplainRanks
{
    public const double Error = 100;
    public const double Problem = 95;
    public const double Nature = 90;
    public const double Fastest = 85;

    /// <summary>A warning ranks from here up to <see cref="Warning"/> + <see cref="WarningSpread"/> by its weight.</summary>
    public const double Warning = 60;
    public const double WarningSpread = 25;
    public const double Runtimes = 75;
    public const double AsyncOnCpu = 65;
    public const double Comparison = 55;
    public const double Limits = 50;
    public const double Scaling = 50;
    public const double Modes = 35;
    public const double Note = 5;
}
