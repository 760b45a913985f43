using System.Globalization;

namespace Dashboard.Engine.Workloads;

/// <summary>Collects validation messages per field.</summary>
public sealed class ParameterErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
    }

    /// <summary>Adds an error unless <paramref name="min"/> &lt;= value &lt;= <paramref name="max"/>.</summary>
    public void Range(string field, long value, long min, long max)
    {
        if (value < min || value > max)
        {
            Add(field, string.Create(CultureInfo.InvariantCulture,
                $"{field} must be between {min:N0} and {max:N0} (got {value:N0})."));
        }
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
}
