using Dashboard.Cluster.Grains;

namespace Dashboard.Cluster.Client;

/// <summary>A node this repetition uses: what it said of itself, its silo, and its CPU readings.</summary>
internal sealed class NodeSlots(NodeStatus status, SiloAddress address)
{
    private readonly Lock _cpuGate = new();
    private double _lastCpu = double.NaN;
    private static readonly TimeSpan FirstBackOff = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxBackOff = TimeSpan.FromSeconds(4);
    private int _failuresInARow;
    private int _refusalsInARow;

    public NodeStatus Status { get; } = status;

    public SiloAddress Address { get; } = address;

    public int ProcessId => Status.ProcessId;

    public string Name => Status.Name;

    /// <summary>CPU seconds the node used from being found to its last reply (0 when it ran nothing).</summary>
    public double CpuUsed
    {
        get
        {
            lock (_cpuGate)
            {
                return double.IsNaN(_lastCpu) ? 0 : Math.Max(0, _lastCpu - Status.CpuSeconds);
            }
        }
    }

    /// <summary>Counts a failed call; returns the failures in a row.</summary>
    public int Failed() => Interlocked.Increment(ref _failuresInARow);

    public void Succeeded()
    {
        Interlocked.Exchange(ref _failuresInARow, 0);
        Interlocked.Exchange(ref _refusalsInARow, 0);
    }

    /// <summary>Counts a refused call; returns how long to wait before this node's next send (doubling, capped).</summary>
    public TimeSpan Refused()
    {
        var inARow = Math.Min(Interlocked.Increment(ref _refusalsInARow), 8);
        return TimeSpan.FromTicks(Math.Min(MaxBackOff.Ticks, FirstBackOff.Ticks << (inARow - 1)));
    }

    public void SawCpu(double seconds)
    {
        lock (_cpuGate)
        {
            _lastCpu = double.IsNaN(_lastCpu) ? seconds : Math.Max(_lastCpu, seconds);
        }
    }
}
