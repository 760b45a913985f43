using System.Globalization;

namespace Dashboard.Engine.Strategies;

/// <summary>
/// One size knob of the strategies (a field of <see cref="StrategyOptions"/>): how the plan, the
/// API, the bench and the Run page name it, its limits, and its default on a machine.
/// </summary>
public sealed record StrategyKnob
{
    /// <summary>The least value any knob takes.</summary>
    public const int Min = 1;

    /// <summary>The plan's field and validation key ("threadPoolSize").</summary>
    public required string Field { get; init; }

    /// <summary>The API's <c>options.*</c> name ("threads").</summary>
    public required string Option { get; init; }

    /// <summary>The bench's flag ("--threads").</summary>
    public required string Flag { get; init; }

    /// <summary>The Run page's label ("Thread pool size").</summary>
    public required string Label { get; init; }

    /// <summary>What it sets, for the bench's help ("threadpool size").</summary>
    public required string Help { get; init; }

    /// <summary>The largest value.</summary>
    public required int Max { get; init; }

    /// <summary>The default in words ("min(32, cores + 4)", "uncapped").</summary>
    public required string DefaultText { get; init; }

    /// <summary>The default on a machine with this many cores; null when unset means "no limit".</summary>
    public required Func<int, int?> Default { get; init; }

    /// <summary>The value set in a plan's options; null when unset.</summary>
    public required Func<StrategyOptions, int?> Get { get; init; }

    /// <summary>The options with this knob set (null unsets it).</summary>
    public required Func<StrategyOptions, int?, StrategyOptions> With { get; init; }

    /// <summary>The value a run uses on a machine with <paramref name="cores"/> cores: the one set, else the default.</summary>
    public int? Value(StrategyOptions options, int cores) => Get(options) ?? Default(cores);

    /// <summary>"threadpool size (1-1,024, default min(32, cores + 4))".</summary>
    public string HelpWithLimits => string.Create(CultureInfo.InvariantCulture, $"{Help} ({Min}-{Max:N0}, default {DefaultText})");
}
