namespace Dashboard.Node.Tests;

/// <summary>
/// A benchmark, not a test (the same rule as Dashboard.Web.Tests' attribute): it prints figures and
/// asserts nothing about speed. Skipped unless BENCH=1 (run: BENCH=1 dotnet test tests/Dashboard.Node.Tests
/// --filter Category=Benchmark --logger "console;verbosity=detailed").
/// </summary>
public sealed class BenchmarkFactAttribute : FactAttribute
{
    public BenchmarkFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("BENCH") != "1")
        {
            Skip = "Benchmark: set BENCH=1 to run it (prints figures, asserts nothing about speed).";
        }
    }
}
