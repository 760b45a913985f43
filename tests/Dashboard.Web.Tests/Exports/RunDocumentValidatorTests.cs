using System.Text.Json.Nodes;
using Dashboard.Engine.Statistics;
using Dashboard.Web.Exports;

namespace Dashboard.Web.Tests.Exports;

/// <summary>Hostile or broken imports: each is refused with a message naming the field, never echoing much.</summary>
public sealed class RunDocumentValidatorTests
{
    private static JsonNode ValidDocument() =>
        JsonNode.Parse(RunJson.Serialize(RunDocument.Create(ExportTestRuns.Mixed(), null, ExportTestRuns.Created)))!;

    private static RunDocumentException Refused(Action<JsonNode> change)
    {
        var json = ValidDocument();
        change(json);
        var ex = Assert.Throws<RunDocumentException>(() => RunJson.Deserialize(json.ToJsonString()));
        Assert.True(ex.Message.Length < 500, $"message of {ex.Message.Length} characters");
        return ex;
    }

    private static JsonNode Result(JsonNode json, int i) => json["run"]!["results"]![i]!;

    [Fact]
    public void Deserialize_ValidDocument_IsAccepted()
    {
        var back = RunJson.Deserialize(ValidDocument().ToJsonString());

        Assert.Equal(12, back.Run.Results.Count);
    }

    [Fact]
    public void Deserialize_NegativeTasksOk_Refused()
    {
        Assert.Contains("'run.results[0].tasksOk' must not be negative", Refused(j => Result(j, 0)["tasksOk"] = -100).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_NegativeTasksFailed_Refused()
    {
        Assert.Contains("run.results[1].tasksFailed", Refused(j => Result(j, 1)["tasksFailed"] = -1).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_OkPlusFailedAboveThePlansTasks_Refused()
    {
        var ex = Refused(j => Result(j, 0)["tasksOk"] = 5);

        Assert.Contains("the plan has 4 tasks", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-999_999)]
    [InlineData(-2)]
    [InlineData(2)]
    public void Deserialize_RepetitionOutsideWarmupAndRepeat_Refused(int repetition)
    {
        var ex = Refused(j => Result(j, 0)["repetition"] = repetition);

        Assert.Contains("run.results[0].repetition", ex.Message, StringComparison.Ordinal);
        Assert.Contains("[-1, 2)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_SameStrategyAndRepetitionTwice_Refused()
    {
        // Result 4 is sequential repetition 0; make result 0 (sequential warmup) the same.
        Assert.Contains("repeats sequential repetition 0", Refused(j => Result(j, 0)["repetition"] = 0).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_MillionCharacterLabel_RefusedQuotingAShortPrefix()
    {
        var ex = Refused(j => j["run"]!["label"] = new string('L', 1_000_000));

        Assert.Contains("'run.label' breaks the rule every label follows: label must be at most 200 characters (got 1,000,000: 'LLLL", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.Message.Length < 300, ex.Message);
    }

    [Theory]
    [InlineData("line\nbreak")]
    [InlineData("bell\u0007")]
    [InlineData("esc\u001b[31mred")]
    public void Deserialize_LabelWithControlCharacters_Refused(string label)
    {
        Assert.Contains("'run.label' breaks the rule every label follows: label must be one line without control characters", Refused(j => j["run"]!["label"] = label).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_KnownStrategyNotInThePlan_Refused()
    {
        Assert.Contains("is not one of the plan's strategies", Refused(j => Result(j, 0)["strategy"] = "parallel").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_UnknownStrategyInResults_Refused()
    {
        var ex = Refused(j => Result(j, 0)["strategy"] = "juggle" + new string('x', 10_000));

        Assert.Contains("is not a known strategy", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_UnknownStrategyInPlan_Refused()
    {
        Assert.Contains("Unknown strategy 'juggle'", Refused(j => j["run"]!["plan"]!["strategies"]![0] = "juggle").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_UnknownWorkload_Refused()
    {
        Refused(j => j["run"]!["plan"]!["parameters"]!["workload"] = "juggle");
    }

    [Fact]
    public void Deserialize_PlanBeyondTheWorkloadsLimits_Refused()
    {
        Assert.Contains("tasks must be between 1 and 100,000", Refused(j => j["run"]!["plan"]!["parameters"]!["tasks"] = 1_000_000).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_NegativeWallSeconds_Refused()
    {
        Assert.Contains("run.results[2].wallSeconds", Refused(j => Result(j, 2)["wallSeconds"] = -1.5).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_NegativeCpuSeconds_Refused()
    {
        Assert.Contains("run.results[2].cpuSeconds", Refused(j => Result(j, 2)["cpuSeconds"] = -0.1).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_MoreResultsThanThePlanHas_Refused()
    {
        var ex = Refused(j => j["run"]!["plan"]!["repeat"] = 1);

        Assert.Contains("'run.results' holds 12 repetitions; the plan has at most 8", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_SpanTaskOutsideThePlan_Refused()
    {
        Assert.Contains("run.results[0].spans[0].task", Refused(j => Result(j, 0)["spans"]![0]!["task"] = 99).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_HugeSpanDetail_Refused()
    {
        var ex = Refused(j => Result(j, 0)["spans"]![0]!["detail"] = new string('d', 1_000_000));

        Assert.Contains("run.results[0].spans[0].detail", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_HugeLane_RefusedWithAShortEcho()
    {
        Refused(j => Result(j, 0)["spans"]![0]!["lane"] = new string('9', 100_000) + ":1");
    }

    [Fact]
    public void Deserialize_HugeOutputCheck_Refused()
    {
        Assert.Contains("run.results[0].outputCheck", Refused(j => Result(j, 0)["outputCheck"] = new string('o', 100_000)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_HugeRunError_Refused()
    {
        Assert.Contains("'run.error'", Refused(j => j["run"]!["error"] = new string('e', 100_000)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_UndefinedStateNumber_Refused()
    {
        Assert.Contains("'run.state'", Refused(j => j["run"]!["state"] = 99).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_ForgedStatistics_AreRecomputedFromTheResults()
    {
        var json = ValidDocument();
        json["statistics"]![0]!["strategy"] = "forged";

        var back = RunJson.Deserialize(json.ToJsonString());

        Assert.Equal(RunStatistics.Compute(back.Run.Results).Select(s => s.Strategy), back.Statistics.Select(s => s.Strategy));
    }
}
