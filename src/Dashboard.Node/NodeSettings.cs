namespace Dashboard.Node;

/// <summary>A node's own settings (section "Node"); the membership comes from section "Cluster", as the app's.</summary>
public sealed class NodeSettings
{
    public const string SectionName = "Node";

    /// <summary>The silo name spans and the timeline show; default = host name + pid.</summary>
    public string? Name { get; set; }

    /// <summary>Silo-to-silo port (default 11111).</summary>
    public int SiloPort { get; set; } = 11_111;

    /// <summary>Client gateway port (default 30000).</summary>
    public int GatewayPort { get; set; } = 30_000;

    /// <summary>Localhost membership: the primary silo's port (a node whose SiloPort equals it is the primary).</summary>
    public int? PrimaryPort { get; set; }

    /// <summary>Redis membership: the address other machines reach this node at; default = this host's first IPv4 address.</summary>
    public string? AdvertisedIp { get; set; }

    /// <summary>
    /// Listen on every address of the host instead of the advertised one only (redis membership;
    /// default false: a node is reachable where it says it is, nowhere else).
    /// </summary>
    public bool ListenOnAnyAddress { get; set; }

    /// <summary>
    /// The root the node's tasks write their files under (run-{id}/rep-{n} folders it derives itself);
    /// empty = a fresh private folder in the temp directory, deleted when the node stops.
    /// </summary>
    public string? OutputRoot { get; set; }

    /// <summary>CPU-bound tasks at once (default cores).</summary>
    public int CpuSlots { get; set; } = Environment.ProcessorCount;

    /// <summary>Exit when stdin closes: set by the app for the local nodes it starts, so none outlives it.</summary>
    public bool WatchStdin { get; set; }

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (SiloPort is < 1 or > 65_535) errors.Add($"Node:SiloPort must be 1-65535 (got {SiloPort}).");
        if (GatewayPort is < 1 or > 65_535) errors.Add($"Node:GatewayPort must be 1-65535 (got {GatewayPort}).");
        if (PrimaryPort is < 1 or > 65_535) errors.Add($"Node:PrimaryPort must be 1-65535 (got {PrimaryPort}).");
        if (CpuSlots is < 1 or > Cluster.Nodes.NodeOptions.MaxCpuSlots) errors.Add($"Node:CpuSlots must be 1-{Cluster.Nodes.NodeOptions.MaxCpuSlots} (got {CpuSlots}).");
        if (Name is { Length: > 100 }) errors.Add("Node:Name must be at most 100 characters.");
        if (OutputRoot is { Length: > 0 } root && (!Path.IsPathFullyQualified(root) || root.IndexOfAny(Path.GetInvalidPathChars()) >= 0))
            errors.Add($"Node:OutputRoot '{root}' must be an absolute path.");
        if (AdvertisedIp is { Length: > 0 } ip && !System.Net.IPAddress.TryParse(ip, out _)) errors.Add($"Node:AdvertisedIp '{ip}' is not an IP address.");
        return errors;
    }
}
