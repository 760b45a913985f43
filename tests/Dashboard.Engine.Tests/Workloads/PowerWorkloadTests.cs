using System.Numerics;
using System.Security.Cryptography;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Tests.Workloads;

public sealed class PowerWorkloadTests
{
    private static readonly WorkloadEnvironment NoEnvironment = new("", "");

    private static readonly TaskContext NoCancel0 = new(0, null, CancellationToken.None);

    /// <summary>An independent oracle: BigInteger.Pow's bytes, hashed as the workload describes.</summary>
    private static string Oracle(int i)
    {
        var value = BigInteger.Pow(i, i);
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: false);
        return $"bits={value.GetBitLength()};sha256={Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}";
    }

    /// <summary>GMP is installed by tests/run-all.sh; a missing library fails here with the reason.</summary>
    private static GmpPowerArithmetic Gmp() =>
        new(GmpLibrary.Shared ?? throw new InvalidOperationException($"GMP is required for this test: {GmpLibrary.DefaultError}"));

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(1000)]
    [InlineData(1001)]
    [InlineData(1002)]
    [InlineData(1003)]
    public void ManagedEngine_SmallExponents_MatchesBigIntegerPow(int i)
    {
        Assert.Equal(Oracle(i), ManagedPowerArithmetic.Instance.Compute(i, CancellationToken.None).Summary);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(1000)]
    [InlineData(1001)]
    [InlineData(1002)]
    [InlineData(1003)]
    [InlineData(4096)]
    public void GmpEngine_SmallExponents_MatchesBigIntegerPow(int i)
    {
        var gmp = Gmp();

        Assert.Equal(Oracle(i), gmp.Compute(i, CancellationToken.None).Summary);
    }

    [Theory]
    [InlineData(2)] // one byte in one limb
    [InlineData(255)] // 1,985 bits: the top limb is partly used
    [InlineData(4096)] // a power of two: the top limb holds one bit
    [InlineData(100_001)]
    [InlineData(1_000_000)]
    public void GmpEngine_HashOfLimbsInPlace_EqualsHashOfExportedBytes(int i)
    {
        var gmp = GmpLibrary.Shared ?? throw new InvalidOperationException($"GMP is required for this test: {GmpLibrary.DefaultError}");

        Assert.True(GmpLibrary.LimbsAreLittleEndianBytes); // else PowSelf exports, and this test would compare export with export
        Assert.Equal(gmp.Exported(i), gmp.PowSelf(i));
    }

    [Fact]
    public void BothEngines_HundredThousand_AgreeAndHaveTheExactBitLength()
    {
        var managed = ManagedPowerArithmetic.Instance.Compute(100_000, CancellationToken.None);
        var gmp = Gmp().Compute(100_000, CancellationToken.None);

        Assert.Equal(managed, gmp);
        Assert.Equal(1_660_965, managed.Bits);
        Assert.Equal(PowerResult.ExpectedBits(100_000), managed.Bits);
    }

    [Theory]
    [InlineData(78_672)]   // i * log2(i) = 1,279,486.99999997: the closest call in the allowed range
    [InlineData(147_776)]  // 2,537,765.00000003
    [InlineData(157_344)]  // 2,716,317.99999993
    [InlineData(131_072)]  // a power of two: i * log2(i) is an integer
    public void ExpectedBits_NearlyIntegerLogarithms_MatchGmp(int i)
    {
        var gmp = Gmp().Compute(i, CancellationToken.None);

        Assert.Equal(gmp.Bits, PowerResult.ExpectedBits(i));
    }

    [Fact]
    public void ExpectedBits_SmallExponents_MatchBigInteger()
    {
        for (var i = 1; i <= 400; i++)
        {
            Assert.Equal((long)BigInteger.Pow(i, i).GetBitLength(), PowerResult.ExpectedBits(i));
        }
    }

    [Fact]
    public async Task RunAndRunAsync_ManagedEngine_ReturnTheSameSummaryAndPassTheCheck()
    {
        using var workload = WorkloadFactory.Create(new PowerParameters(Start: 2_000, Count: 3, Engine: PowerEngine.Managed), NoEnvironment);
        workload.Prepare();

        var outputs = new Dictionary<int, string>
        {
            [0] = workload.Run(NoCancel0),
            [1] = await workload.RunAsync(new TaskContext(1, null, CancellationToken.None)),
            [2] = workload.Run(new TaskContext(2, null, CancellationToken.None)),
        };

        Assert.Equal(Oracle(2_000), outputs[0]);
        Assert.Equal(Oracle(2_001), outputs[1]);
        Assert.Equal(await workload.RunAsync(NoCancel0), outputs[0]);
        Assert.Equal("ok", workload.Check(outputs));
    }

    [Fact]
    public void Check_WrongBitsMissingTaskAndGarbage_AreEachReported()
    {
        using var workload = WorkloadFactory.Create(new PowerParameters(Start: 1_000_000, Count: 4, Engine: PowerEngine.Managed), NoEnvironment);

        var check = workload.Check(new Dictionary<int, string>
        {
            [0] = "bits=19931569;sha256=0123456789abcdef",
            [1] = "bits=19931570;sha256=0123456789abcdef",
            [2] = "19931590",
        });

        Assert.Equal(
            "task 1: 1000001^1000001 has 19931590 bits, the output says 19931570; "
            + "task 2 reported \"19931590\", not bits=N;sha256=X; "
            + "1 of 4 tasks have no output (first: task 3).",
            check);
    }

    [Fact]
    public void ManagedEngine_AlreadyCancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => ManagedPowerArithmetic.Instance.Compute(1_000_000, cts.Token));
    }

    [Fact]
    public async Task ManagedEngine_CancelledMidway_StopsWithOperationCanceled()
    {
        // 1,000,000^1,000,000 takes seconds with BigInteger; cancelling while it runs must end it
        // at the next step with OperationCanceledException rather than a result.
        using var cts = new CancellationTokenSource();
        var started = new TaskCompletionSource();
        var run = Task.Run(() =>
        {
            started.SetResult();
            return ManagedPowerArithmetic.Instance.Compute(1_000_000, cts.Token);
        });
        await started.Task;
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public void Create_GmpAskedButMissing_ThrowsClearEngineError()
    {
        var (library, error) = GmpLibrary.TryLoad("libgmp-that-does-not-exist.so.99");
        Assert.Null(library);

        var thrown = Assert.Throws<InvalidParametersException>(() =>
            WorkloadFactory.Create(new PowerParameters(Engine: PowerEngine.Gmp), NoEnvironment, library, error));

        Assert.Equal(["engine"], thrown.Errors.Keys);
        Assert.Equal(
            "engine 'gmp' is not available here: libgmp-that-does-not-exist.so.99 could not be loaded "
            + "(install GMP, e.g. 'apt-get install libgmp10'). Pick engine 'managed' or leave the engine empty.",
            thrown.Errors["engine"][0]);
    }

    [Fact]
    public void Create_NoEngineAndGmpMissing_FallsBackToManaged()
    {
        var (library, error) = GmpLibrary.TryLoad("libgmp-that-does-not-exist.so.99");

        using var workload = (PowerWorkload)WorkloadFactory.Create(new PowerParameters(), NoEnvironment, library, error);

        Assert.Equal(PowerEngine.Managed, workload.Engine);
    }

    [Fact]
    public void Create_NoEngineAndGmpPresent_UsesGmp()
    {
        using var workload = (PowerWorkload)WorkloadFactory.Create(new PowerParameters(), NoEnvironment);

        Assert.Equal(PowerEngine.Gmp, workload.Engine);
        Assert.Equal(PowerEngine.Gmp, PowerEngines.Resolve(null));
        Assert.Null(PowerEngines.GmpUnavailableReason);
    }

    [Fact]
    public void GmpEngine_TutorialTask_HasTwentyMillionBits()
    {
        using var workload = WorkloadFactory.Create(new PowerParameters(Start: 1_000_000, Count: 1, Engine: PowerEngine.Gmp), NoEnvironment);

        var output = workload.Run(NoCancel0);

        Assert.StartsWith("bits=19931569;sha256=", output, StringComparison.Ordinal);
        Assert.Equal("ok", workload.Check(new Dictionary<int, string> { [0] = output }));
    }
}
