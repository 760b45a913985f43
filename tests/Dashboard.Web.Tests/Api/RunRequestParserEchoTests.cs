using System.Text.Json;
using Dashboard.Engine.Running;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Api;

namespace Dashboard.Web.Tests.Api;

public sealed class RunRequestParserEchoTests
{
    private static readonly string TwoMegabytes = new('x', 2_000_000);

    private static ParsedRunRequest Parse(object body) =>
        RunRequestParser.Parse(JsonSerializer.SerializeToElement(body));

    private static void AssertShort(IReadOnlyDictionary<string, string[]> errors)
    {
        Assert.NotEmpty(errors);
        Assert.All(errors, kv =>
        {
            Assert.True(kv.Key.Length <= ValueEcho.MaxEchoLength + 10, $"key of {kv.Key.Length} characters");
            Assert.All(kv.Value, m => Assert.True(m.Length < 300, $"message of {m.Length} characters"));
        });
    }

    [Fact]
    public void Parse_TwoMegabyteWorkload_EchoesFortyCharactersAndEllipsis()
    {
        var parsed = Parse(new { workload = TwoMegabytes });

        AssertShort(parsed.Errors);
        Assert.StartsWith($"Unknown workload '{new string('x', 40)}…'.", parsed.Errors["workload"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TwoMegabyteStringWhereNumberBelongs_EchoesAShortPrefix()
    {
        AssertShort(Parse(new { workload = "hello", tasks = TwoMegabytes, options = new { engine = TwoMegabytes, preset = TwoMegabytes } }).Errors);
    }

    [Fact]
    public void Parse_TwoMegabyteFieldName_KeyAndMessageAreShort()
    {
        var body = new Dictionary<string, object> { ["workload"] = "hello", [TwoMegabytes] = 1 };

        AssertShort(Parse(body).Errors);
    }

    [Fact]
    public void Parse_ManyUnknownFields_NamesTenAndCountsTheRest()
    {
        var body = Enumerable.Range(0, 50).ToDictionary(i => $"junk{i}", i => (object)i);
        body["workload"] = "hello";

        var errors = Parse(body).Errors;

        Assert.Equal(RunRequestParser.MaxUnknownFieldsReported, errors.Keys.Count(k => k.StartsWith("junk", StringComparison.Ordinal)));
        Assert.Contains("40 more unknown fields.", errors["body"]);
    }

    [Fact]
    public void Parse_LongUnknownStrategy_EchoesAShortPrefix()
    {
        AssertShort(Parse(new { workload = "hello", strategies = new[] { TwoMegabytes } }).Errors);
    }

    [Fact]
    public void Validate_ControlCharactersInStrategy_AreNotEchoed()
    {
        var errors = new RunPlan(new HelloParameters(), ["evil\r\nInjected: yes"]).Validate();

        Assert.DoesNotContain('\n', errors["strategies"][0]);
    }

    [Theory]
    [InlineData("short", "short")]
    [InlineData(null, "null")]
    [InlineData("a\u0007b", "a\uFFFDb")]
    public void Short_ShortValues_AreKeptWithControlCharactersReplaced(string? value, string expected)
    {
        Assert.Equal(expected, ValueEcho.Short(value));
    }

    [Fact]
    public void Short_SurrogatePairAtTheCut_IsNotSplit()
    {
        var value = new string('a', 39) + "😀" + "tail";

        Assert.Equal(new string('a', 39) + "…", ValueEcho.Short(value));
    }
}
