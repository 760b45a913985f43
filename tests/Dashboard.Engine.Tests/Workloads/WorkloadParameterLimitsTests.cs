using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Tests.Workloads;

public sealed class WorkloadParameterLimitsTests
{
    private static readonly WorkloadEnvironment Env = new("http://127.0.0.1:1/sim/", System.IO.Path.GetTempPath());

    public static TheoryData<WorkloadParameters, string, string> OutOfRange => new()
    {
        { new GenreParameters(Tasks: 0), "tasks", "tasks must be between 1 and 10,000 (got 0)." },
        { new GenreParameters(Tasks: 10_001), "tasks", "tasks must be between 1 and 10,000 (got 10,001)." },
        { new ScrapeParameters(Pages: 0), "pages", "pages must be between 1 and 10,000 (got 0)." },
        { new ScrapeParameters(Pages: 20_000), "pages", "pages must be between 1 and 10,000 (got 20,000)." },
        { new PowerParameters(Start: 1), "start", "start must be between 2 and 5,000,000 (got 1)." },
        { new PowerParameters(Start: 5_000_001), "start", "start must be between 2 and 5,000,000 (got 5,000,001)." },
        { new PowerParameters(Count: 0), "count", "count must be between 1 and 256 (got 0)." },
        { new PowerParameters(Count: 257), "count", "count must be between 1 and 256 (got 257)." },
        { new PowerParameters(Engine: (PowerEngine)7), "engine", "engine must be 'managed' or 'gmp'." },
        { new HelloParameters(Tasks: 0), "tasks", "tasks must be between 1 and 1,000,000 (got 0)." },
        { new HelloParameters(DelayMs: -1), "delayMs", "delayMs must be between 0 and 60,000 (got -1)." },
        { new HelloParameters(DelayMs: 60_001), "delayMs", "delayMs must be between 0 and 60,000 (got 60,001)." },
        { new HelloParameters(Name: ""), "name", "name must not be empty." },
        { new HelloParameters(Name: "   "), "name", "name must not be empty." },
        { new HelloParameters(Name: new string('x', 201)), "name", "name must be at most 200 characters." },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void Create_ParameterOutOfRange_ThrowsNamingTheField(WorkloadParameters parameters, string field, string message)
    {
        var error = Assert.Throws<InvalidParametersException>(() => WorkloadFactory.Create(parameters, Env));

        Assert.Equal([field], error.Errors.Keys);
        Assert.Equal([message], error.Errors[field]);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_SeveralFieldsOutOfRange_ReportsEveryField()
    {
        var error = Assert.Throws<InvalidParametersException>(() =>
            WorkloadFactory.Create(new HelloParameters(Tasks: 0, Name: "", DelayMs: -5), Env));

        Assert.Equal(["delayMs", "name", "tasks"], error.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(1, "genre")]
    [InlineData(10_000, "genre")]
    [InlineData(1, "scrape")]
    [InlineData(10_000, "scrape")]
    public void Create_TasksAtTheLimits_CreatesTheWorkload(int tasks, string workload)
    {
        WorkloadParameters parameters = workload == "genre" ? new GenreParameters(tasks) : new ScrapeParameters(tasks);

        using var created = WorkloadFactory.Create(parameters, Env);

        Assert.Equal(workload, created.Parameters.Workload);
        Assert.Equal(tasks, created.Parameters.TaskCount);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not a url")]
    [InlineData("/sim/")]
    [InlineData("ftp://127.0.0.1/sim/")]
    public void Create_HttpWorkloadWithBadTargetUrl_ThrowsNamingTargetBaseUrl(string url)
    {
        foreach (WorkloadParameters parameters in new WorkloadParameters[] { new GenreParameters(), new ScrapeParameters() })
        {
            var error = Assert.Throws<InvalidParametersException>(() =>
                WorkloadFactory.Create(parameters, Env with { TargetBaseUrl = url }));

            Assert.Equal(["targetBaseUrl"], error.Errors.Keys);
            Assert.StartsWith("targetBaseUrl must", error.Errors["targetBaseUrl"][0], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Create_FileWritingWorkloadWithoutOutputDirectory_ThrowsNamingOutputDirectory()
    {
        var error = Assert.Throws<InvalidParametersException>(() =>
            WorkloadFactory.Create(new GenreParameters(), Env with { OutputDirectory = "" }));

        Assert.Equal(["outputDirectory"], error.Errors.Keys);
        Assert.Contains("this workload writes files", error.Errors["outputDirectory"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WorkloadsWithoutTargetsOrFiles_IgnoreTheEnvironment()
    {
        var empty = new WorkloadEnvironment("", "");

        using var hello = WorkloadFactory.Create(new HelloParameters(), empty);
        using var power = WorkloadFactory.Create(new PowerParameters(Engine: PowerEngine.Managed), empty);

        Assert.Equal(WorkloadKind.IoBound, hello.Kind);
        Assert.Equal(WorkloadKind.CpuBound, power.Kind);
    }

    [Fact]
    public void Validate_ValidParameters_IsEmpty()
    {
        foreach (var preset in WorkloadPresets.All)
        {
            Assert.Empty(WorkloadFactory.Validate(preset.Parameters, Env));
        }
    }

    [Fact]
    public void Create_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => WorkloadFactory.Create(null!, Env));
        Assert.Throws<ArgumentNullException>(() => WorkloadFactory.Create(new HelloParameters(), null!));
    }
}
