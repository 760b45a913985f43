using System.Text.Json;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workers;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Tests.Workloads;

/// <summary>The workload catalogue holds together: each descriptor's parameters, fields, presets, cost and task.</summary>
public sealed class WorkloadCatalogTests
{
    public static TheoryData<string> Workloads => [.. WorkloadCatalog.Ids];

    [Fact]
    public void Catalog_IdsAreUnique()
    {
        Assert.Equal(WorkloadCatalog.Ids.Count, WorkloadCatalog.Ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("genre, power, scrape, hello, gil-loop", WorkloadCatalog.IdList);
        Assert.Equal("genre or scrape", WorkloadCatalog.Names(w => w.CallsTargets, "or"));
    }

    [Theory]
    [MemberData(nameof(Workloads))]
    public void Descriptor_DefaultsAreItsParametersAndCrossTheWorkerWire(string id)
    {
        var workload = WorkloadCatalog.Get(id);
        var json = JsonSerializer.Serialize(new WorkerJob(workload.Defaults, new WorkloadEnvironment("http://127.0.0.1:1/sim/", "/tmp"),
            WorkerMode.Sequential, [0], null, StrategyIds.Processes, 0, BackgroundPriority: false), WorkerJsonContext.Default.WorkerJob);

        Assert.Equal(workload.ParametersType, workload.Defaults.GetType());
        Assert.Equal(id, workload.Defaults.Workload);
        Assert.Same(workload, WorkloadCatalog.Of(workload.Defaults));
        Assert.Equal(workload.Defaults, JsonSerializer.Deserialize(json, WorkerJsonContext.Default.WorkerJob)!.Parameters);
    }

    [Theory]
    [MemberData(nameof(Workloads))]
    public void Descriptor_FieldsSetAndValidateUnderTheirNames(string id)
    {
        var workload = WorkloadCatalog.Get(id);
        Assert.Single(workload.Fields, f => f.IsCount);
        Assert.Equal(7, workload.CountField.With(workload.Defaults, 7).TaskCount);
        foreach (var field in workload.Fields)
        {
            var wrong = field switch
            {
                IntField number => number.With(workload.Defaults, number.Max + 1),
                TextField text => text.With(workload.Defaults, new string('x', text.MaxLength + 1)),
                _ => null,
            };
            if (wrong is not null)
            {
                Assert.Contains(field.Name, wrong.Validate().Keys);
            }

            if (field is ChoiceField choice)
            {
                Assert.All(choice.Choices, c => Assert.Equal(c.Value, choice.Get(choice.With(workload.Defaults, c.Value))));
                Assert.Null(choice.Get(choice.With(workload.Defaults, null)));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Workloads))]
    public void Descriptor_CreatesItsTaskWithItsKind(string id)
    {
        using var dir = new TempDirectory();
        var workload = WorkloadCatalog.Get(id);

        using var created = WorkloadFactory.Create(workload.CountField.With(workload.Defaults, 2), new WorkloadEnvironment("http://127.0.0.1:1/sim/", dir.Path));

        Assert.Equal(workload.Kind, created.Kind);
        Assert.Equal(2, created.Parameters.TaskCount);
    }

    [Theory]
    [MemberData(nameof(Workloads))]
    public void Descriptor_CostsEveryTaskInBothRuntimes(string id)
    {
        var workload = WorkloadCatalog.Get(id);
        var wait = workload.CallsTargets ? 0.1 : (double?)null;

        var dotnet = workload.Estimate(workload.Defaults, new CostInput(workload.Defaults.TaskCount, false, wait, 100, false));
        var python = workload.Estimate(workload.Defaults, new CostInput(workload.Defaults.TaskCount, true, wait, 100, false));
        var real = workload.Estimate(workload.Defaults, new CostInput(workload.Defaults.TaskCount, false, null, 100, true));

        Assert.True(dotnet.Seconds > 0);
        Assert.True(python.Seconds >= dotnet.Seconds * 0.5);
        Assert.True(real.Seconds > 0);
        Assert.False(string.IsNullOrWhiteSpace(dotnet.Basis));
        Assert.Equal(workload.WritesOutputs, workload.Outputs(workload.Defaults).Count > 0);
    }
}
