namespace Dashboard.Cluster.Hosting;

/// <summary>How the app reaches lab nodes (configuration section "Cluster").</summary>
public sealed class LabClusterOptions
{
    public const string SectionName = "Cluster";
    public const string Localhost = "localhost";
    public const string RedisMembership = "redis";
    public const int MaxLocalNodes = 16;
    public const int MinIdleSeconds = 5;
    public const int MaxIdleSeconds = 86_400;
    public const int MaxJoinTimeoutSeconds = 300;
    public const int MaxTaskTimeoutSeconds = 3_600;

    /// <summary><c>localhost</c> (the app starts local nodes) or <c>redis</c> (the app joins nodes started elsewhere).</summary>
    public string Membership { get; set; } = Localhost;

    /// <summary>StackExchange.Redis connection string of the membership table; required with <c>redis</c>.</summary>
    public string? Redis { get; set; }

    /// <summary>Local nodes the app starts when a run needs them (1-16); default = cores.</summary>
    public int LocalNodes { get; set; } = Math.Min(Environment.ProcessorCount, MaxLocalNodes);

    /// <summary>Local nodes (and the client) stop after this many seconds without a cluster run.</summary>
    public int IdleSeconds { get; set; } = 300;

    /// <summary>How long starting the nodes and connecting to them may take before the run's tasks fail.</summary>
    public int JoinTimeoutSeconds { get; set; } = 120;

    /// <summary>Longest one task (grain call) may take before it fails with a timeout.</summary>
    public int TaskTimeoutSeconds { get; set; } = 600;

    /// <summary>Dashboard.Node.dll; empty = next to the app.</summary>
    public string? NodePath { get; set; }

    /// <summary>The Orleans cluster id nodes and app share (redis membership; local nodes get a fresh one).</summary>
    public string ClusterId { get; set; } = "dashboard-lab";

    /// <summary>
    /// The cluster's certificate: one PEM file with the certificate and its private key, mode 0600, the
    /// same file for the app and every node (mutual TLS, pinned). Required with <c>redis</c>; local
    /// nodes get a fresh one the app makes at each start.
    /// </summary>
    public string? CertificatePath { get; set; }

    public bool IsRedis => string.Equals(Membership, RedisMembership, StringComparison.OrdinalIgnoreCase);

    /// <summary>Problems with these settings, each a sentence naming the key; empty when usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!string.Equals(Membership, Localhost, StringComparison.OrdinalIgnoreCase) && !IsRedis)
        {
            errors.Add($"Cluster:Membership must be localhost or redis (got '{Membership}').");
        }

        if (IsRedis && string.IsNullOrWhiteSpace(Redis))
        {
            errors.Add("Cluster:Redis must be a Redis connection string (e.g. localhost:6379) when Cluster:Membership is redis.");
        }

        if (IsRedis && string.IsNullOrWhiteSpace(CertificatePath))
        {
            errors.Add("Cluster:CertificatePath must name the cluster's certificate (a PEM file with the certificate and its key, see src/Dashboard.Cluster/README.md) when Cluster:Membership is redis.");
        }
        else if (!string.IsNullOrWhiteSpace(CertificatePath) && !File.Exists(CertificatePath))
        {
            errors.Add($"Cluster:CertificatePath {CertificatePath} does not exist.");
        }

        if (LocalNodes is < 1 or > MaxLocalNodes)
        {
            errors.Add($"Cluster:LocalNodes must be between 1 and {MaxLocalNodes} (got {LocalNodes}).");
        }

        if (IdleSeconds is < MinIdleSeconds or > MaxIdleSeconds)
        {
            errors.Add($"Cluster:IdleSeconds must be between {MinIdleSeconds} and {MaxIdleSeconds} (got {IdleSeconds}).");
        }

        if (JoinTimeoutSeconds is < 1 or > MaxJoinTimeoutSeconds)
        {
            errors.Add($"Cluster:JoinTimeoutSeconds must be between 1 and {MaxJoinTimeoutSeconds} (got {JoinTimeoutSeconds}).");
        }

        if (TaskTimeoutSeconds is < 1 or > MaxTaskTimeoutSeconds)
        {
            errors.Add($"Cluster:TaskTimeoutSeconds must be between 1 and {MaxTaskTimeoutSeconds} (got {TaskTimeoutSeconds}).");
        }

        if (string.IsNullOrWhiteSpace(ClusterId) || ClusterId.Length > 100)
        {
            errors.Add("Cluster:ClusterId must be 1-100 characters.");
        }

        if (!string.IsNullOrWhiteSpace(NodePath) && !File.Exists(NodePath))
        {
            errors.Add($"Cluster:NodePath {NodePath} does not exist.");
        }

        return errors;
    }
}
