using System.Globalization;

namespace Dashboard.Engine.Strategies;

/// <summary>
/// The strategies that have a size (thread-pool workers, async cap, parallel degree, worker
/// processes) and the keys of a scaling sweep's points: "threadpool@4" is the thread pool run with
/// 4 workers. One point is one strategy result under that key, so storage, history, exports,
/// timelines and import hold a sweep without a second dimension; this class is the one place that
/// formats and parses those keys.
/// </summary>
public static class StrategySizes
{
    /// <summary>Between the strategy id and the size in a sweep point's key.</summary>
    public const char Separator = '@';

    /// <summary>Most sizes one sweep may have (each runs every sized strategy once more per repetition).</summary>
    public const int MaxSweepSizes = 8;

    /// <summary>Fewest sizes a sweep needs: one point draws no curve.</summary>
    public const int MinSweepSizes = 2;

    /// <summary>Longest sweep text the form and the bench read ("1,2,4,8" is 7).</summary>
    public const int MaxSweepTextLength = 100;

    /// <summary>The ids of the strategies a sweep varies (<see cref="StrategyCatalog.Sized"/>), in the dashboard's order.</summary>
    public static IReadOnlyList<string> Sized { get; } = [.. StrategyCatalog.Sized.Select(d => d.Id)];

    public static bool IsSized(string strategy) => StrategyCatalog.Find(strategy)?.Size is not null;

    /// <summary>"threadpool@4".</summary>
    public static string Key(string strategy, int size) =>
        string.Create(CultureInfo.InvariantCulture, $"{strategy}{Separator}{size}");

    /// <summary>
    /// Splits a sweep point's key; false for anything else (a plain strategy id, an unsized
    /// strategy, a size out of its bounds, or a size not written the canonical way such as "@04").
    /// </summary>
    public static bool TryParse(string key, out string strategy, out int size)
    {
        strategy = key;
        size = 0;
        var at = key.IndexOf(Separator, StringComparison.Ordinal);
        if (at <= 0)
        {
            return false;
        }

        var id = key[..at];
        var text = key[(at + 1)..];
        if (!IsSized(id)
            || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            || n < 1 || n > StrategyCatalog.Get(id).Size!.Max
            || n.ToString(CultureInfo.InvariantCulture) != text)
        {
            return false;
        }

        (strategy, size) = (id, n);
        return true;
    }

    /// <summary>True for a sweep point's key.</summary>
    public static bool IsPoint(string key) => TryParse(key, out _, out _);

    /// <summary>The strategy id of a key ("threadpool@4" -> "threadpool"; anything else unchanged).</summary>
    public static string StrategyOf(string key) => TryParse(key, out var strategy, out _) ? strategy : key;

    /// <summary>The size of a sweep point's key, or null.</summary>
    public static int? SizeOf(string key) => TryParse(key, out _, out var size) ? size : null;

    /// <summary>
    /// The options a strategy key runs with: a sweep point's size applied, else <paramref name="options"/>.
    /// </summary>
    public static StrategyOptions OptionsFor(string key, StrategyOptions options) =>
        TryParse(key, out var strategy, out var size) ? StrategyCatalog.Get(strategy).Size!.Apply(options, size) : options;

    /// <summary>
    /// Reads "1,2,4,8" (commas or spaces between whole numbers); false with a sentence when it is
    /// not such a list. Limits (count, bounds, duplicates) are <see cref="Validate"/>'s.
    /// </summary>
    public static bool TryParseList(string? text, out IReadOnlyList<int> sizes, out string? error)
    {
        sizes = [];
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (text.Length > MaxSweepTextLength)
        {
            error = $"sweep must be at most {MaxSweepTextLength} characters, such as 1,2,4,8.";
            return false;
        }

        var parts = text.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var list = new List<int>(parts.Length);
        foreach (var part in parts)
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                error = $"sweep must be whole numbers separated by commas, such as 1,2,4,8 (got '{Workloads.ValueEcho.Short(part)}').";
                return false;
            }

            list.Add(n);
        }

        sizes = list;
        return true;
    }

    /// <summary>"1,2,4,8".</summary>
    public static string FormatList(IEnumerable<int> sizes) =>
        string.Join(',', sizes.Select(s => s.ToString(CultureInfo.InvariantCulture)));

    /// <summary>
    /// Problems with a sweep over <paramref name="strategies"/>, as sentences: between
    /// <see cref="MinSweepSizes"/> and <see cref="MaxSweepSizes"/> distinct sizes, each within the
    /// bounds of every ticked sized strategy's knob, and at least one sized strategy ticked.
    /// </summary>
    public static IReadOnlyList<string> Validate(IReadOnlyList<int> sweep, IEnumerable<string> strategies)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(strategies);
        var errors = new List<string>();
        if (sweep.Count < MinSweepSizes || sweep.Count > MaxSweepSizes)
        {
            errors.Add($"sweep must have {MinSweepSizes} to {MaxSweepSizes} sizes (got {sweep.Count}).");
        }

        if (sweep.Distinct().Count() != sweep.Count)
        {
            errors.Add("Each sweep size may appear once.");
        }

        if (sweep.Any(s => s < 1))
        {
            errors.Add("Sweep sizes start at 1.");
        }

        var sized = strategies.Where(IsSized).ToList();
        if (sized.Count == 0)
        {
            errors.Add($"A sweep varies the size of {string.Join(", ", Sized)}: tick at least one of them.");
        }

        foreach (var strategy in sized)
        {
            var size = StrategyCatalog.Get(strategy).Size!;
            if (sweep.Where(s => s > size.Max).Take(1).ToList() is [var over])
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture,
                    $"Sweep size {over:N0} is above the {strategy} limit of {size.Max:N0} {size.Unit}."));
            }
        }

        return errors;
    }
}
