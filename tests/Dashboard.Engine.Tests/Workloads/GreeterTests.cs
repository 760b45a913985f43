using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Tests.Workloads;

/// <summary>
/// The tutorial's parametrised say_hello tests, ported. Python's bad cases were "", 19, a set and
/// a list (TypeError for non-strings, ValueError for the empty string). C# is typed, so a
/// non-string cannot be passed at all: the TypeError cases become null (ArgumentNullException)
/// and the ValueError case becomes empty or whitespace (ArgumentException).
/// </summary>
public sealed class GreeterTests
{
    // Short, so the tests stay quick; the wait itself is checked separately below.
    private const int DelayMs = 10;

    public static TheoryData<string> GoodNames => new() { "Robert Paulson", "Seven of Nine", "x Æ a-12" };

    public static TheoryData<string?, Type> BadNames => new()
    {
        { null, typeof(ArgumentNullException) },
        { "", typeof(ArgumentException) },
        { " ", typeof(ArgumentException) },
        { "\t\n", typeof(ArgumentException) },
    };

    [Theory]
    [MemberData(nameof(GoodNames))]
    public void SayHello_GoodName_Greets(string name)
    {
        Assert.Equal($"Hello, {name}!", Greeter.SayHello(name, DelayMs));
    }

    [Theory]
    [MemberData(nameof(GoodNames))]
    public async Task SayHelloAsync_GoodName_Greets(string name)
    {
        Assert.Equal($"Hello, {name}!", await Greeter.SayHelloAsync(name, DelayMs, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(BadNames))]
    public void SayHello_BadName_ThrowsBeforeWaiting(string? name, Type expected)
    {
        // A 60 s delay proves the check comes first: waiting would time the test out.
        var error = Assert.ThrowsAny<ArgumentException>(() => Greeter.SayHello(name, 60_000));

        Assert.IsType(expected, error);
        Assert.Equal("name", error.ParamName);
    }

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task SayHelloAsync_BadName_ThrowsBeforeWaiting(string? name, Type expected)
    {
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => Greeter.SayHelloAsync(name, 60_000, CancellationToken.None));

        Assert.IsType(expected, error);
        Assert.Equal("name", error.ParamName);
    }

    [Fact]
    public async Task SayHello_NegativeDelay_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Greeter.SayHello("Robert Paulson", -1));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Greeter.SayHelloAsync("Robert Paulson", -1, CancellationToken.None));
    }

    [Fact]
    public async Task SayHello_BothForms_WaitAtLeastTheDelay()
    {
        var blocking = System.Diagnostics.Stopwatch.StartNew();
        Greeter.SayHello("Seven of Nine", 200);
        blocking.Stop();

        var async = System.Diagnostics.Stopwatch.StartNew();
        await Greeter.SayHelloAsync("Seven of Nine", 200, CancellationToken.None);
        async.Stop();

        // A lower bound only: a slow machine may take longer, never shorter.
        Assert.True(blocking.ElapsedMilliseconds >= 190, $"blocking waited {blocking.ElapsedMilliseconds} ms");
        Assert.True(async.ElapsedMilliseconds >= 190, $"async waited {async.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task SayHello_CancelledWhileWaiting_ThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        var blocking = Task.Run(() => Greeter.SayHello("Robert Paulson", 60_000, cts.Token));
        var async = Greeter.SayHelloAsync("Robert Paulson", 60_000, cts.Token);

        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => blocking);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => async);
    }

    [Fact]
    public async Task SayHelloAsync_TwoThousandAtOnce_AllGreet()
    {
        var greetings = await Task.WhenAll(Enumerable.Range(0, 2_000)
            .Select(_ => Greeter.SayHelloAsync("x Æ a-12", 200, CancellationToken.None)));

        Assert.All(greetings, g => Assert.Equal("Hello, x Æ a-12!", g));
    }
}
